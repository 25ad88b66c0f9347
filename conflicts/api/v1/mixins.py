"""What every partner resource does with a request: authenticate, limit, and answer a list's page or a
record from ids and versions read before anything is loaded (304 when the partner's copy is
current, cached representations while records are unchanged)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from ... import freshness
from . import versions
from .auth import ApiKeyAuthentication, IsActivePartner, PartnerRateThrottle
from .pagination import SyncPagination
from .representations import representation_key, representations


class FormatFirstNegotiation(DefaultContentNegotiation):
    """`?format=` decides: a client asking for ninjs with `Accept: application/json` gets ninjs."""

    def select_renderer(self, request, renderers, format_suffix=None):
        fmt = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if fmt:
            chosen = [renderer for renderer in renderers if renderer.format == fmt]
            if not chosen:
                raise NotFound(f"Unknown format {fmt!r}; this resource offers: {', '.join(r.format for r in renderers)}.")
            return chosen[0], chosen[0].media_type
        return super().select_renderer(request, renderers, format_suffix)


class PartnerAPIMixin:
    content_negotiation_class = FormatFirstNegotiation
    lookup_value_regex = r"[1-9][0-9]{0,17}"
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [IsActivePartner]
    throttle_classes = [PartnerRateThrottle]
    pagination_class = SyncPagination
    filter_backends = [DjangoFilterBackend]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    schema_model = None

    @property
    def partner(self):
        return self.request.auth.partner

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.schema_model.objects.none()
        # Built once per request: Wagtail's public() reads the view restrictions when it is built.
        if not hasattr(self, "_partner_queryset"):
            self._partner_queryset = self.partner_queryset()
        return self._partner_queryset.all()

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and getattr(renderer, "format", "json") not in ("json", "api"):
            # Errors are plain JSON whatever format was asked for.
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        # What a partner receives depends on its key: never share a response between partners.
        response["Cache-Control"] = "private, no-cache"
        vary = response.get("Vary")
        response["Vary"] = f"{vary}, Authorization" if vary else "Authorization"
        return response

    def version(self):
        """When a record's representation last changed, as SQL (see versions.py)."""
        return versions.own()

    def versioned(self, queryset):
        """Ids and versions only, nothing loaded or prefetched: what a conditional request is
        answered from and representations are looked up by."""
        return queryset.prefetch_related(None).annotate(version=self.version()).values("pk", "version")

    def load(self, rows):
        """The records of `rows`, in their order, with everything their representations show; read
        again from the partner's queryset, so only what the partner may receive is serialized."""
        records = self.get_queryset().filter(pk__in=[row["pk"] for row in rows]).in_bulk()
        return [records.get(row["pk"]) for row in rows]

    def serialized(self, rows):
        """The representations of `rows`, None for a record gone since its row was read."""
        records = self.load(rows)
        fresh = iter(self.represent_many([record for record in records if record is not None]))
        return [None if record is None else self.encode(next(fresh)) for record in records]

    def represent_many(self, records):
        return self.get_serializer(records, many=True).data

    def encoded(self):
        """Whether representations are kept and answered as JSON bytes (the plain JSON format): a
        page is spliced from them, never decoded and rendered again."""
        return type(self.request.accepted_renderer) is JSONRenderer

    def encode(self, representation):
        return self.request.accepted_renderer.render(representation) if self.encoded() else representation

    def page_response(self, items):
        if not self.encoded():
            return self.get_paginated_response(items)
        envelope = self.request.accepted_renderer.render(self.get_paginated_response([]).data)
        head, empty, tail = envelope.rpartition(b"[]")
        return HttpResponse(head + b"[" + b",".join(items) + b"]" + tail, content_type=JSONRenderer.media_type)

    def record_response(self, representation):
        if not self.encoded():
            return Response(representation)
        return HttpResponse(representation, content_type=JSONRenderer.media_type)

    def representation_parts(self, pk, moment):
        return (type(self).__name__, pk, getattr(self, "action", None), self.request.accepted_renderer.format, moment)

    def cached_representations(self, rows, serialize):
        """Representations from the cache for rows unchanged since they were stored (see
        representations.py), `serialize(rows)` for the others. Keys carry the partner and when its
        settings last changed: never another partner's, nor one from before its scope changed."""
        partner = self.partner
        return representations(
            rows, serialize=serialize,
            key_of=lambda row: representation_key(
                partner.pk, partner.updated_at, *self.representation_parts(row["pk"], row["version"])
            ),
        )

    def detail_version(self):
        """(id, version) of the requested record, read without loading it; 404 outside the partner's scope."""
        lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        row = get_object_or_404(self.versioned(self.filter_queryset(self.get_queryset())), **{self.lookup_field: lookup})
        return row["pk"], row["version"]

    def answer(self, represent):
        """304 when the partner's copy is current, decided before the record is loaded; else its
        representation, from the cache while the record is unchanged (`represent(record)` loads
        and serializes it otherwise), with its ETag and Last-Modified."""
        pk, moment = self.detail_version()
        parts = self.representation_parts(pk, None)
        unchanged = freshness.not_modified(self.request, moment, *parts)
        if unchanged is not None:
            return unchanged
        representation = self.cached_representations(
            [{"pk": pk, "version": moment}], lambda rows: [self.encode(represent(self.get_object()))]
        )[0]
        return freshness.mark(self.record_response(representation), moment, *parts)

    def list_validators(self, rows):
        """(parts, modified) of a page of a list: the ETag names the page's exact rows and their
        versions, its cursor links and the partner's scope, so it changes with any of them and with
        nothing else; Last-Modified is the partner's lists' moment, a bound read from indexes."""
        partner, paginator = self.partner, self.paginator
        modified = max(
            [row["version"] for row in rows if row["version"] is not None]
            + [freshness.partner_lists_moment(partner) or partner.updated_at]
        )
        parts = (
            type(self).__name__, "list", self.request.accepted_renderer.format, self.request.get_full_path(),
            partner.pk, partner.updated_at, paginator.has_next, paginator.has_previous,
            [(row["pk"], row["version"]) for row in rows],
        )
        return parts, modified

    def list(self, request, *args, **kwargs):
        rows = self.paginate_queryset(self.versioned(self.filter_queryset(self.get_queryset())))
        parts, modified = self.list_validators(rows)
        unchanged = freshness.not_modified(request, None, *parts, modified=modified)
        if unchanged is not None:
            return unchanged
        items = [item for item in self.cached_representations(rows, self.serialized) if item is not None]
        return freshness.mark(self.page_response(items), None, *parts, modified=modified)

    def retrieve(self, request, *args, **kwargs):
        return self.answer(lambda record: self.get_serializer(record).data)
