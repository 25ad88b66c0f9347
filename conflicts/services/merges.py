"""Merging a duplicate claim, source or place into the record kept: its annotations, relations and
partners follow the record kept, and the duplicate stays as a tombstone that names it."""

import json
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex

from ..audience import partner_may_receive
from ..choices import AnnotationKind, WebhookEvent
from ..conf import reporting_models
from ..links import public_url
from ..models import Annotation, Claim, Location, Partner, Source
from ..models.mixins import AbstractStatusChange
from ..page_cache import page_cache_purge, purges_wanted
from ..purges import page_tags, record_tags
from ..selectors import location_with_descendants
from ..spans import annotation_refs_replace
from .annotations import annotations_sync
from .webhooks import webhook_event_emit

# History entries: on the record kept (what was merged into it) and on the tombstone (where it went).
MERGE_ACTION = "conflicts.merge"
MERGED_INTO_ACTION = "conflicts.merged_into"

MERGE_KINDS = {Claim: AnnotationKind.CLAIM, Source: AnnotationKind.SOURCE, Location: AnnotationKind.PLACE}
MERGE_EVENTS = {Claim: WebhookEvent.CLAIM_MERGED, Source: WebhookEvent.SOURCE_MERGED, Location: WebhookEvent.PLACE_MERGED}
API_ROUTES = {Claim: "claim", Source: "source", Location: "location"}


@dataclass
class MergePlan:
    """What merging `duplicate` into `keep` moves, for the editor to check before confirming."""

    keep: models.Model
    duplicate: models.Model
    page_ids: set = field(default_factory=set)
    live_spans: int = 0
    draft_spans: int = 0
    relations: dict = field(default_factory=dict)
    crosses_conflicts: bool = False

    @property
    def page_count(self):
        return len(self.page_ids)

    @property
    def annotation_count(self):
        return self.live_spans + self.draft_spans


def merge_permissions(model):
    opts = model._meta
    return [f"{opts.app_label}.change_{opts.model_name}", f"{opts.app_label}.delete_{opts.model_name}"]


def merge_allowed(user, model):
    """Merging removes a record from use: it takes the permissions to change and to delete it."""
    return user is None or user.has_perms(merge_permissions(model))


def record_conflict_ids(record):
    """The conflicts a record belongs to: a claim's own, a place's, the conflicts of a source's claims."""
    if isinstance(record, Claim):
        return {record.conflict_id}
    if isinstance(record, Location):
        return set(record.conflicts.values_list("pk", flat=True))
    return set(Claim.objects.filter(attributions__source=record).values_list("conflict_id", flat=True))


def merge_crosses_conflicts(keep, duplicate):
    """Whether the two records belong to different conflicts (a record with none crosses nothing)."""
    kept, merged = record_conflict_ids(keep), record_conflict_ids(duplicate)
    return bool(kept and merged and not kept & merged)


def _reverse_relations(model):
    """Every relation pointing at `model` whose rows follow a merge (status histories stay behind,
    shown under the record kept; auto-created M2M tables are moved through their M2M relation)."""
    for rel in model._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        moved_with_m2m = rel.related_model._meta.auto_created
        if rel.many_to_many or not (moved_with_m2m or issubclass(rel.related_model, AbstractStatusChange)):
            yield rel


def _unique_partners(related_model, name):
    """For each uniqueness rule of `related_model` that includes field `name`, the other fields in it."""
    rules = [tuple(fields) for fields in related_model._meta.unique_together]
    rules += [tuple(c.fields) for c in related_model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    return [[f for f in rule if f != name] for rule in rules if name in rule]


def _rows(rel, record):
    """The rows of one relation that point at `record` (for a many-to-many relation, its table's rows)."""
    if rel.many_to_many:
        return rel.through._default_manager.filter(**{rel.field.m2m_reverse_field_name(): record})
    return rel.related_model._base_manager.filter(**{rel.field.name: record})


def _is_page_part(model):
    """A page type, or a page's child rows (key claims): what a page revision's content holds."""
    return issubclass(model, Page) or any(f.name == "page" and f.is_relation for f in model._meta.get_fields())


def _page_ids(rel, rows):
    if rel.many_to_many:
        owner = f"{rel.field.m2m_field_name()}_id"
        return set(rows.values_list(owner, flat=True)) if issubclass(rel.related_model, Page) else set()
    if issubclass(rel.related_model, Page):
        return set(rows.values_list("pk", flat=True))
    return set(rows.values_list("page_id", flat=True)) if _is_page_part(rel.related_model) else set()


def _move_rows(rel, keep, duplicate):
    """Points one relation's rows from the duplicate to the record kept; a row that would repeat one
    the record kept already has is dropped instead. Returns the ids of the pages touched."""
    rows = _rows(rel, duplicate)
    pages = _page_ids(rel, rows)
    if rel.many_to_many:
        to_name, owner = rel.field.m2m_reverse_field_name(), f"{rel.field.m2m_field_name()}_id"
        rows.filter(**{f"{owner}__in": _rows(rel, keep).values_list(owner, flat=True)}).delete()
        rows.update(**{to_name: keep})
        return pages
    name, related = rel.field.name, rel.related_model
    if related is type(keep):
        rows = rows.exclude(pk=keep.pk)
    for others in _unique_partners(related, name):
        for row in list(rows):
            twin = {other: getattr(row, related._meta.get_field(other).attname) for other in others}
            if related._base_manager.filter(**{name: keep}, **twin).exists():
                row.delete()
    rows.update(**{name: keep})
    return pages


def _page_field_names(model):
    """Names under which a page revision's content stores ids of `model` (its own fields and its
    child rows' fields, e.g. `places`, `dateline_place`, a key claim's `claim`)."""
    return {rel.field.name for rel in _reverse_relations(model) if _is_page_part(rel.related_model)}


class _ContentRewriter:
    """Re-points the spans and ids of one record in stored page content (a body, a revision's content)."""

    def __init__(self, kind, old_pk, new_pk, id_fields):
        self.kind, self.old_pk, self.new_pk, self.id_fields = kind, old_pk, new_pk, id_fields
        self.spans = 0

    def text(self, value):
        stripped = value.lstrip()
        if stripped[:1] in ("[", "{"):
            try:
                decoded = json.loads(value)
            except ValueError:
                decoded = None
            if isinstance(decoded, (list, dict)):
                rewritten = self.value(decoded)
                return value if rewritten == decoded else json.dumps(rewritten)
        value, count = annotation_refs_replace(value, self.kind, self.old_pk, self.new_pk)
        self.spans += count
        return value

    def ids(self, value):
        if value == self.old_pk:
            return self.new_pk
        if isinstance(value, list) and self.old_pk in value:
            return list(dict.fromkeys(self.new_pk if item == self.old_pk else item for item in value))
        return value

    def value(self, value):
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            return {
                key: self.ids(item) if key in self.id_fields else self.value(item) for key, item in value.items()
            }
        return value


def _candidate_page_ids(duplicate):
    """Pages that may mention the record: annotated with it when live, referring to it in Wagtail's
    reference index, or holding unpublished changes (a draft may have annotated it since)."""
    kind_field = {Claim: "claim", Source: "source", Location: "location"}[type(duplicate)]
    ids = set(Annotation.objects.filter(**{kind_field: duplicate}).values_list("page_id", flat=True))
    page_type = ContentType.objects.get_for_model(Page)
    refs = ReferenceIndex.get_references_to(duplicate).filter(base_content_type=page_type)
    ids |= {int(pk) for pk in refs.values_list("object_id", flat=True)}
    for model in reporting_models():
        ids |= set(model.objects.filter(has_unpublished_changes=True).values_list("pk", flat=True))
    return ids


def _page_rewrite(page, rewriter, *, write):
    """Rewrites the page's live body and its live and latest revisions.

    Returns (spans in the live body, spans only in the latest draft, whether anything changed)."""
    body_field = page._meta.get_field(page.annotated_body_field)
    before = rewriter.spans
    raw = body_field.get_prep_value(getattr(page, body_field.name))
    new_raw = rewriter.value(raw)
    live_spans, changed = rewriter.spans - before, new_raw != raw
    if write and changed:
        type(page)._default_manager.filter(pk=page.pk).update(**{body_field.name: body_field.to_python(new_raw)})
    draft_spans = 0
    for revision in {page.latest_revision, page.live_revision} - {None}:
        before = rewriter.spans
        content = rewriter.value(revision.content)
        if revision.pk == page.latest_revision_id and revision.pk != page.live_revision_id:
            draft_spans += rewriter.spans - before
        if content != revision.content:
            changed = True
            if write:
                type(revision)._default_manager.filter(pk=revision.pk).update(content=content)
    return live_spans, draft_spans, changed


def _pages(page_ids):
    return [page.specific for page in Page.objects.filter(pk__in=page_ids).order_by("pk")
            if isinstance(page.specific, reporting_models())]


def _kind_check(keep, duplicate):
    if type(duplicate) not in MERGE_KINDS or type(keep) is not type(duplicate):
        raise ValidationError("Only a claim, a source or a place can be merged, into another of the same kind.")


def _merge_check(keep, duplicate, user, allow_cross_conflict):
    model = type(duplicate)
    if not merge_allowed(user, model):
        raise PermissionDenied(f"Merging needs the permissions to change and to delete a {model._meta.verbose_name}.")
    if keep.pk == duplicate.pk:
        raise ValidationError("Choose another record to keep: a record cannot be merged into itself.")
    if duplicate.merged_into_id or keep.merged_into_id:
        raise ValidationError("One of the two records has already been merged; choose the record it was merged into.")
    if model is Location and keep.pk in location_with_descendants(duplicate) and keep.parent_id != duplicate.pk:
        raise ValidationError(f"“{keep}” lies inside “{duplicate}”: merge the place into one outside it.")
    if merge_crosses_conflicts(keep, duplicate) and not allow_cross_conflict:
        raise ValidationError(
            f"“{duplicate}” and “{keep}” belong to different conflicts. Confirm that they are the same "
            f"{model._meta.verbose_name} to merge them.",
            code="cross_conflict",
        )


def merge_plan(*, keep, duplicate):
    """What a merge would move, without moving anything."""
    plan = MergePlan(keep=keep, duplicate=duplicate, crosses_conflicts=merge_crosses_conflicts(keep, duplicate))
    rewriter = _ContentRewriter(MERGE_KINDS[type(duplicate)], duplicate.pk, keep.pk, _page_field_names(type(duplicate)))
    for page in _pages(_candidate_page_ids(duplicate)):
        live, draft, changed = _page_rewrite(page, rewriter, write=False)
        plan.live_spans, plan.draft_spans = plan.live_spans + live, plan.draft_spans + draft
        if changed:
            plan.page_ids.add(page.pk)
    for rel in _reverse_relations(type(duplicate)):
        rows = _rows(rel, duplicate)
        plan.page_ids |= _page_ids(rel, rows)
        count = rows.count()
        if count and not _is_page_part(rel.related_model):
            plan.relations[rel.get_accessor_name().replace("_", " ")] = count
    return plan


def _record_data(record):
    api_path = reverse(f"api:v1:{API_ROUTES[type(record)]}-detail", args=[record.pk])
    return {
        "id": record.pk,
        "url": public_url(None, record.get_absolute_url()),
        "api_url": public_url(None, api_path),
    }


def _keep_absorb(keep, duplicate):
    """The record kept takes the duplicate's many-to-many links (places, conflicts) and, for a place,
    its names as alternative spellings; a place that was inside the duplicate moves up to its parent."""
    for m2m in type(keep)._meta.many_to_many:
        getattr(keep, m2m.name).add(*getattr(duplicate, m2m.name).all())
    if isinstance(keep, Location):
        names = keep.alternative_name_list
        for name in [duplicate.name, *duplicate.alternative_name_list]:
            if name.casefold() != keep.name.casefold() and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        keep.alternative_names = "\n".join(names)
        if keep.parent_id == duplicate.pk:
            keep.parent_id = duplicate.parent_id
    keep.save()


def merge_records(*, keep, duplicate, user, note, allow_cross_conflict=False):
    """Merges `duplicate` into `keep` in one transaction and returns the plan carried out.

    Every annotation of the duplicate, in live pages and in their latest drafts, names the record
    kept; its relations follow without repeating a row the record kept has; its status history stays
    with it and is shown under the record kept. The duplicate stays as a tombstone (`merged_into`), so
    its address redirects and partners are told to replace it. Merging records of different conflicts
    is refused unless `allow_cross_conflict`. Audited on both records.
    """
    _kind_check(keep, duplicate)
    model = type(duplicate)
    with transaction.atomic():
        locked = model._base_manager.select_for_update().in_bulk([keep.pk, duplicate.pk])
        keep, duplicate = locked.get(keep.pk, keep), locked.get(duplicate.pk, duplicate)
        _merge_check(keep, duplicate, user, allow_cross_conflict)
        receivers = {p.pk for p in Partner.objects.filter(is_active=True) if partner_may_receive(p, duplicate)}
        plan = merge_plan(keep=keep, duplicate=duplicate)
        shown_before = record_tags(duplicate) | record_tags(keep) if purges_wanted() else set()
        rewriter = _ContentRewriter(MERGE_KINDS[model], duplicate.pk, keep.pk, _page_field_names(model))
        touched = set(plan.page_ids)
        for page in _pages(plan.page_ids):
            _page_rewrite(page, rewriter, write=True)
        for rel in _reverse_relations(model):
            touched |= _move_rows(rel, keep, duplicate)
        _keep_absorb(keep, duplicate)
        duplicate.merged_into = keep
        duplicate.save()
        _merge_log(plan, user, (note or "").strip())
        for page in _pages(touched):
            annotations_sync(page=page)
            ReferenceIndex.create_or_update_for_object(page)
        for record in (keep, duplicate):
            ReferenceIndex.create_or_update_for_object(record)
        if purges_wanted():
            # Readers' cached copies of every page that showed either record, as they were and as
            # they are now: the rewritten pages changed without a publish.
            shown_after = record_tags(keep).union(*(page_tags(page) for page in _pages(touched)))
            page_cache_purge(shown_before | shown_after)
        webhook_event_emit(
            event=MERGE_EVENTS[model],
            audience=lambda partner: partner.pk in receivers or partner_may_receive(partner, keep),
            data={MERGE_KINDS[model].value: _record_data(duplicate), "merged_into": _record_data(keep)},
        )
    plan.page_ids = touched
    return plan


def _merge_log(plan, user, note):
    keep, duplicate = plan.keep, plan.duplicate
    counts = {"pages": plan.page_count, "live_annotations": plan.live_spans, "draft_annotations": plan.draft_spans}
    log(instance=keep, action=MERGE_ACTION, user=user, data={
        "duplicate": {"id": duplicate.pk, "title": str(duplicate)}, "note": note, **counts,
    })
    log(instance=duplicate, action=MERGED_INTO_ACTION, user=user, data={
        "merged_into": {"id": keep.pk, "title": str(keep)}, "note": note, **counts,
    })
