"""Articles and explainers written in bulk, as a publish would leave them: page rows in the tree
(treebeard path, depth, numchild), the page type's row, a live revision, annotation rows, the
reference index and the search index."""

import html
import uuid
from datetime import timedelta

from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import COMMENTS_RELATION_NAME, Page, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from conflicts.body_text import quote_context
from conflicts.models import Annotation, Claim, Conflict, Location, Source

from ..models import ArticlePage, ArticleRelatedExplainer, ExplainerKeyClaim, ExplainerPage
from . import words
from .bulk import ids_reserve, instances_write, rows_write
from .records import REFERENCE_COLUMNS, content_type_id, reference_tuple
from .search import search_index_add

# The tables written by the hundred thousand (see bulk.bulk_loading).
BULK_MODELS = [Page, ArticlePage, Revision, ArticleRelatedExplainer, ArticlePage.places.through, Annotation,
               ReferenceIndex, IndexEntry]
ANNOTATION_MODELS = {"claim": Claim, "source": Source, "place": Location}
RECORD_FIELDS = {"claim": "claim_id", "source": "source_id", "place": "location_id"}
RECORD_COLUMNS = ["claim_id", "source_id", "location_id"]
ANNOTATION_COLUMNS = ["page_id", "kind", "quote", "prefix", "suffix", "position", "sequence", *RECORD_COLUMNS]
CONTEXT_CHARS = Annotation._meta.get_field("prefix").max_length
UNANNOTATED_SENTENCE = ["Reports say", "fighting continued", "in the area"]
HOT_CLAIM_EVERY = (1, 2, 5, 10, 50)  # the hottest claim is cited by every article, the next by every other...


def annotation_count(index, rng):
    """10-200 annotations: mostly 10-30, some 30-80, a few 80-200; the first article has 200."""
    if index == 0:
        return 200
    roll = rng.random()
    if roll < 0.7:
        return rng.randint(10, 30)
    return rng.randint(30, 80) if roll < 0.95 else rng.randint(80, 200)


class Body:
    """A body as the editor stores it (paragraph blocks of rich text with annotation links), its
    text as it renders (blocks joined by a newline) and where each annotated span sits in that text."""

    def __init__(self):
        self.blocks, self.texts, self.refs, self.spans = [], [], [], []
        self.length = 0

    def paragraph(self, parts):
        """`parts`: text, or (kind, pk, text) for an annotated span."""
        stored, texts, block_id = [], [], str(uuid.uuid4())
        if self.texts:
            self.length += 1  # the newline between rendered blocks
        for part in parts:
            if isinstance(part, str):
                text = part
                stored.append(html.escape(text))  # what django.utils.html.escape returns, without its wrapping
            else:
                kind, pk, text = part
                stored.append(f'<a linktype="{kind}" id="{pk}">{html.escape(text)}</a>')
                self.refs.append((block_id, kind, pk))
                self.spans.append((kind, pk, self.length, self.length + len(text)))
            texts.append(text)
            self.length += len(text)
        self.texts.append("".join(texts))
        self.blocks.append({"type": "paragraph", "value": f"<p>{''.join(stored)}</p>", "id": block_id})

    @property
    def search_text(self):
        """The body as Wagtail indexes it: each block's text, joined with commas."""
        return ", ".join(self.texts)

    def annotations(self, page_pk):
        """The rows annotations_sync() writes when the page is published (see conflicts.body_text)."""
        text, rows = "\n".join(self.texts), []
        for sequence, (kind, pk, start, end) in enumerate(self.spans):
            prefix, suffix = quote_context(text, start, end)
            rows.append((page_pk, kind, text[start:end], prefix[-CONTEXT_CHARS:], suffix[:CONTEXT_CHARS], start,
                         sequence, *(pk if RECORD_FIELDS[kind] == name else None for name in RECORD_COLUMNS)))
        return rows


def body_write(desk, conflict_pk, count, rng, claims):
    """A body with `count` annotations: sentences naming a source, its claim and a place."""
    body, parts, made = Body(), [], 0
    places, sources = desk.places[conflict_pk], desk.sources
    claims = list(claims)
    while made < count:
        claim = claims.pop(0) if claims else rng.choice(desk.claims[conflict_pk])
        source, place = rng.choice(sources), rng.choice(places)
        annotated = [("source", source[0], source[1][:1].upper() + source[1][1:]),
                     ("claim", claim[0], claim[1][:1].lower() + claim[1][1:]),
                     ("place", place[0], place[1])]
        keep = min(len(annotated), count - made)  # the last sentence may carry fewer annotations
        spans = annotated[:keep] + UNANNOTATED_SENTENCE[keep:]
        parts += [spans[0], " said that ", spans[1], ", near ", spans[2], ". "]
        made += keep
        if len(parts) >= 16 or made >= count:
            body.paragraph(parts + [rng.choice(words.FILLER)])
            parts = []
    return body


class PageWriter:
    """Writes pages of one type under one parent, continuing its children's treebeard steps."""

    def __init__(self, parent, model):
        self.parent, self.model = parent, model
        self.page_type, self.base_type = content_type_id(model), content_type_id(Page)
        self.types = {model: content_type_id(model) for model in (Conflict, Location, Page, Claim, Source)}
        last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
        self.next_step = int(last.path[-Page.steplen:], 36) + 1 if last else 1

    def page(self, *, title, published_at, **fields):
        path = Page._get_path(self.parent.path, self.parent.depth + 1, self.next_step)
        self.next_step += 1
        slug = f"{self._slug(title)}-{self.next_step}"
        return self.model(
            title=title, draft_title=title, slug=slug, path=path, depth=self.parent.depth + 1, numchild=0,
            url_path=f"{self.parent.url_path}{slug}/", live=True, has_unpublished_changes=False,
            first_published_at=published_at, last_published_at=published_at,
            latest_revision_created_at=published_at, locale_id=self.parent.locale_id,
            translation_key=uuid.uuid4(), content_type_id=self.page_type, **fields,
        )

    @staticmethod
    def _slug(title):
        return slugify(" ".join(title.split()[:6]))

    def ids_assign(self, pages):
        """Page ids from the sequence, so that child rows can point at their pages before they are written."""
        for page, pk in zip(pages, ids_reserve(Page, len(pages)), strict=True):
            page.id = page.page_ptr_id = pk

    def save(self, pages):
        """Revisions, page rows and the page type's rows by COPY, each page pointing at its live revision,
        then the parent's child count. A revision holds what the page and its child rows serialize to,
        as when an editor publishes, so child rows must be set on the pages (see _in_memory) first."""
        revisions = [
            Revision(content_type_id=self.page_type, base_content_type_id=self.base_type, object_id=str(page.pk),
                     created_at=page.first_published_at, object_str=page.title, content=page.serializable_data())
            for page in pages
        ]
        for page, revision, pk in zip(pages, revisions, ids_reserve(Revision, len(pages)), strict=True):
            revision.pk = page.live_revision_id = page.latest_revision_id = pk
        instances_write(Revision, revisions, Revision._meta.concrete_fields)
        instances_write(Page, pages, Page._meta.concrete_fields)
        instances_write(self.model, pages, self.model._meta.local_concrete_fields)
        Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + len(pages))

    def references(self, page, body, relations=()):
        """The reference-index rows of the page: its foreign keys, annotated records, child rows."""
        source, types = (self.page_type, self.base_type, page.pk), self.types
        rows = [reference_tuple(source, types[Conflict], page.conflict_id, "conflict")]
        if getattr(page, "dateline_place_id", None):
            rows.append(reference_tuple(source, types[Location], page.dateline_place_id, "dateline_place"))
        for block_id, kind, pk in body.refs:
            rows.append(reference_tuple(source, types[ANNOTATION_MODELS[kind]], pk, "body.paragraph",
                                        f"body.{block_id}"))
        for relation, field_name, model, row in relations:
            rows.append(reference_tuple(source, types[model], getattr(row, f"{field_name}_id"),
                                        f"{relation}.item.{field_name}", f"{relation}.{row.pk}.{field_name}"))
        return rows


def _child_rows(model, rows):
    """`rows` (unsaved instances of a child model) with ids from its sequence."""
    for row, pk in zip(rows, ids_reserve(model, len(rows)), strict=True):
        row.pk = pk
    return rows


def _unique(rows):
    """Reference rows without repeats (a block may annotate the same record twice), as Wagtail keeps them."""
    seen = set()
    for row in rows:
        key = row[:7]
        if key not in seen:
            seen.add(key)
            yield row


def _in_memory(page, **relations):
    """Child relations set on the instance, so revisions and search read them without a query (a new
    page has no comments)."""
    setattr(page, COMMENTS_RELATION_NAME, [])
    for name, rows in relations.items():
        setattr(page, name, rows)


def explainers_create(desk, parent, count, rng):
    """Explainers, each with a body of 10-30 annotations and two key claims; returns their pks."""
    writer, made = PageWriter(parent, ExplainerPage), []
    bodies, now = [], timezone.now()
    for index in range(count):
        conflict = desk.conflicts[index % len(desk.conflicts)]
        place = rng.choice(desk.places[conflict.pk])
        body = body_write(desk, conflict.pk, rng.randint(10, 30), rng, [])
        page = writer.page(
            title=f"What is happening in {place[1]}? ({index})", published_at=now - timedelta(days=index),
            summary=f"The background to the fighting around {place[1]}.", conflict_id=conflict.pk,
            body=body.blocks, last_reviewed=(now - timedelta(days=index % 60)).date(),
        )
        made.append(page)
        bodies.append(body)
    writer.ids_assign(made)
    key_claims = _child_rows(ExplainerKeyClaim, [
        ExplainerKeyClaim(page_id=page.pk, claim_id=claim[0], sort_order=order)
        for page in made for order, claim in enumerate(rng.sample(desk.claims[page.conflict_id], 2))
    ])
    by_page = {}
    for row in key_claims:
        by_page.setdefault(row.page_id, []).append(row)
    for page in made:
        _in_memory(page, key_claims=by_page[page.pk], places=[])
    writer.save(made)
    instances_write(ExplainerKeyClaim, key_claims, ExplainerKeyClaim._meta.concrete_fields)
    rows_write(Annotation, ANNOTATION_COLUMNS,
               (row for page, body in zip(made, bodies, strict=True) for row in body.annotations(page.pk)))
    rows_write(ReferenceIndex, REFERENCE_COLUMNS, _unique(
        row for page, body in zip(made, bodies, strict=True)
        for row in writer.references(page, body, [("key_claims", "claim", Claim, key) for key in by_page[page.pk]])
    ))
    texts = {page.pk: body.search_text for page, body in zip(made, bodies, strict=True)}
    search_index_add(ExplainerPage, made, {"body": lambda page: texts[page.pk]})
    return [page.pk for page in made]


def articles_create(desk, parent, count, rng, *, explainers, stdout=None, batch=1000):
    writer = PageWriter(parent, ArticlePage)
    for start in range(0, count, batch):
        _articles_batch(desk, writer, range(start, min(count, start + batch)), rng, explainers)
        if stdout and (start // batch) % 10 == 0:
            stdout.write(f"  articles: {min(count, start + batch)}/{count}")


def _articles_batch(desk, writer, indexes, rng, explainers):
    now, pages, bodies = timezone.now(), [], []
    for index in indexes:
        hot = [claim for claim, every in zip(desk.hot_claims, HOT_CLAIM_EVERY, strict=False) if index % every == 0]
        # Hot claims belong to the first conflict, so the articles citing them cover it.
        conflict = desk.conflicts[0] if hot else desk.conflicts[index % len(desk.conflicts)]
        body = body_write(desk, conflict.pk, annotation_count(index, rng), rng, hot)
        place = rng.choice(desk.places[conflict.pk])
        page = writer.page(
            title=f"{rng.choice(words.ACTORS)} {rng.choice(words.ACTIONS)} {place[1]}",
            published_at=now - timedelta(minutes=7 * index), standfirst=rng.choice(words.FILLER),
            byline="Conflict Desk staff", dateline_place_id=place[0], conflict_id=conflict.pk, body=body.blocks,
        )
        pages.append(page)
        bodies.append(body)
    writer.ids_assign(pages)
    related = _child_rows(ArticleRelatedExplainer, [
        ArticleRelatedExplainer(page_id=page.pk, explainer_id=rng.choice(explainers), sort_order=0) for page in pages
    ])
    for page, row in zip(pages, related, strict=True):
        _in_memory(page, related_explainers=[row], update_log=[], places=[Location(pk=page.dateline_place_id)])
    writer.save(pages)
    instances_write(ArticleRelatedExplainer, related, ArticleRelatedExplainer._meta.concrete_fields)
    rows_write(ArticlePage.places.through, ["articlepage_id", "location_id"],
               [(page.pk, page.dateline_place_id) for page in pages])
    rows_write(Annotation, ANNOTATION_COLUMNS,
               (row for page, body in zip(pages, bodies, strict=True) for row in body.annotations(page.pk)))
    rows_write(ReferenceIndex, REFERENCE_COLUMNS, _unique(
        row for page, body, related_row in zip(pages, bodies, related, strict=True)
        for row in writer.references(page, body, [("related_explainers", "explainer", Page, related_row)])
    ))
    texts = {page.pk: body.search_text for page, body in zip(pages, bodies, strict=True)}
    search_index_add(ArticlePage, pages, {"body": lambda page: texts[page.pk]})
