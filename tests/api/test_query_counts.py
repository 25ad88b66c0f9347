"""Exact query counts of every partner resource, list and detail, in every format, at two content sizes."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache.backends.dummy import DummyCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conflicts.models import PageTombstone, PartnerKey
from tests.factories import (
    LocationFactory,
    SourceFactory,
    make_article,
    make_claim,
    make_explainer,
    make_figure,
    make_tally,
)


def build_coverage(site_tree, conflict, size):
    """An article and an explainer citing `size` claims, sources and places, and a tally of `size` figures."""
    spans, claims = [], []
    for i in range(size):
        source = SourceFactory(public_label=f"source {size}-{i}")
        claim = make_claim(statement=f"Claim {size}-{i}", conflict=conflict, sources=[source, SourceFactory()])
        place = LocationFactory()
        place.conflicts.add(conflict)
        claims.append(claim)
        spans.append(
            f'<p><a linktype="claim" id="{claim.pk}">claim {i}</a> <a linktype="source" id="{source.pk}">source {i}</a> '
            f'<a linktype="place" id="{place.pk}">place {i}</a></p>'
        )
    body = [("paragraph", "".join(spans))]
    article = make_article(site_tree["news"], title=f"Article {size}", conflict=conflict, body=body)
    explainer = make_explainer(
        site_tree["explainers"], title=f"Explainer {size}", conflict=conflict, claims=claims, body=body
    )
    figures = [make_figure(conflict=conflict, best=10 + i, source=SourceFactory()) for i in range(size)]
    tally = make_tally(conflict=conflict, name=f"Tally {size}", figures=figures)
    PageTombstone.objects.create(page_id=100_000 + size, page_type="article", conflict=conflict, reason="unpublished")
    return {"article": article, "explainer": explainer, "claim": claims[0], "source": claims[0].attributions.first().source,
            "location": place, "tally": tally, "figure": figures[0], "conflict": conflict}


# (path template, exact queries with nothing cached): the same whether the records cite 2 or 40
# others. A list reads its page's ids and versions and the partner's lists' moment, then loads
# the records; a detail reads its version (an article or explainer: its id, model and conflict,
# then its moment), then loads the record.
RESOURCES = {
    "/api/v1/articles/": 8,
    "/api/v1/articles/{article}/": 15,
    "/api/v1/articles/{article}/?format=ninjs": 15,
    "/api/v1/articles/{article}/annotations/": 15,
    "/api/v1/explainers/": 8,
    "/api/v1/explainers/{explainer}/": 14,
    "/api/v1/explainers/{explainer}/annotations/": 14,
    "/api/v1/claims/": 9,
    "/api/v1/claims/{claim}/": 8,
    "/api/v1/sources/": 6,
    "/api/v1/sources/{source}/": 5,
    "/api/v1/locations/": 6,
    "/api/v1/locations/?format=geojson": 6,
    "/api/v1/locations/{location}/": 5,
    "/api/v1/locations/{location}/?format=geojson": 5,
    "/api/v1/conflicts/": 5,
    "/api/v1/conflicts/{conflict}/": 4,
    "/api/v1/figures/": 8,
    "/api/v1/figures/?format=csv": 8,
    "/api/v1/figures/{figure}/": 7,
    "/api/v1/tallies/": 9,
    "/api/v1/tallies/{tally}/": 8,
    "/api/v1/tombstones/": 5,
}


def measure(client, records):
    """Queries of each resource with nothing in the representation cache."""
    # A key's last use is recorded at most once a minute; keep that write out of the counts.
    PartnerKey.objects.update(last_used_at=timezone.now() + timedelta(hours=1))
    counts = {}
    for template in RESOURCES:
        path = template.format(**{name: record.pk for name, record in records.items()})
        client.get(path)  # the site root and content types are cached per process
        with CaptureQueriesContext(connection) as queries, mock.patch(
            "conflicts.api.v1.representations.cache", DummyCache("none", {})
        ):
            response = client.get(path)
        assert response.status_code == 200, (path, response.content[:200])
        counts[template] = len(queries)
    return counts


@pytest.mark.parametrize("size", [2, 40])
def test_every_resource_runs_its_pinned_number_of_queries(client_for, site_tree, conflict, size):
    records = build_coverage(site_tree, conflict, size)
    assert measure(client_for, records) == RESOURCES


# With the representations cached: the key, the partner's pages (Wagtail reads view restrictions),
# a list's ids and versions, its Site (cursor links) and the partner's lists' moment, a detail's
# version (a page's reference and moment); no record loaded. The same for 2 and 40 cited records.
CACHED = {
    "/api/v1/articles/": 5,
    "/api/v1/articles/{article}/": 4,
    "/api/v1/articles/{article}/?format=ninjs": 4,
    "/api/v1/articles/{article}/annotations/": 4,
    "/api/v1/explainers/": 5,
    "/api/v1/explainers/{explainer}/": 4,
    "/api/v1/claims/": 5,
    "/api/v1/claims/{claim}/": 3,
    "/api/v1/sources/": 5,
    "/api/v1/sources/{source}/": 3,
    "/api/v1/locations/": 5,
    "/api/v1/locations/?format=geojson": 5,
    "/api/v1/locations/{location}/": 3,
    "/api/v1/conflicts/": 4,
    "/api/v1/conflicts/{conflict}/": 2,
    "/api/v1/figures/": 5,
    "/api/v1/figures/?format=csv": 5,
    "/api/v1/figures/{figure}/": 3,
    "/api/v1/tallies/": 5,
    "/api/v1/tallies/{tally}/": 3,
    "/api/v1/tombstones/": 4,
}


@pytest.mark.parametrize("size", [2, 40])
def test_unchanged_records_are_answered_from_the_cache_without_loading_them(client_for, site_tree, conflict, size):
    records = build_coverage(site_tree, conflict, size)
    PartnerKey.objects.update(last_used_at=timezone.now() + timedelta(hours=1))
    counts = {}
    for template in CACHED:
        path = template.format(**{name: record.pk for name, record in records.items()})
        first = client_for.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client_for.get(path)
        assert response.status_code == 200, path
        assert response.content == first.content, path
        counts[template] = len(queries)
    assert counts == CACHED


# A conditional request answered 304: the same lookups, nothing loaded, rendered or serialized.
NOT_MODIFIED = {
    "/api/v1/articles/": 5,
    "/api/v1/articles/{article}/": 4,
    "/api/v1/articles/{article}/?format=ninjs": 4,
    "/api/v1/articles/{article}/annotations/": 4,
    "/api/v1/explainers/": 5,
    "/api/v1/explainers/{explainer}/": 4,
    "/api/v1/explainers/{explainer}/annotations/": 4,
    "/api/v1/claims/": 5,
    "/api/v1/claims/{claim}/": 3,
    "/api/v1/sources/": 5,
    "/api/v1/sources/{source}/": 3,
    "/api/v1/locations/": 5,
    "/api/v1/locations/?format=geojson": 5,
    "/api/v1/locations/{location}/": 3,
    "/api/v1/locations/{location}/?format=geojson": 3,
    "/api/v1/conflicts/": 4,
    "/api/v1/conflicts/{conflict}/": 2,
    "/api/v1/figures/": 5,
    "/api/v1/figures/?format=csv": 5,
    "/api/v1/figures/{figure}/": 3,
    "/api/v1/tallies/": 5,
    "/api/v1/tallies/{tally}/": 3,
    "/api/v1/tombstones/": 4,
}
RENDERERS = [
    "rest_framework.serializers.Serializer.to_representation",
    "conflicts.api.v1.views.annotated_body",
    "conflicts.api.v1.formats.article_ninjs",
    "conflicts.api.v1.formats.annotation_page",
    "conflicts.api.v1.formats.location_feature",
    "conflicts.api.v1.formats.figure_csv",
    "conflicts.api.v1.mixins.representations",
]


@pytest.mark.parametrize("size", [2, 40])
def test_an_unchanged_record_is_answered_304_without_rendering(client_for, site_tree, conflict, size):
    from contextlib import ExitStack

    records = build_coverage(site_tree, conflict, size)
    PartnerKey.objects.update(last_used_at=timezone.now() + timedelta(hours=1))
    counts, etags = {}, {}
    for template in NOT_MODIFIED:
        path = template.format(**{name: record.pk for name, record in records.items()})
        etags[template] = client_for.get(path)["ETag"]
    with ExitStack() as stack:
        renderers = [stack.enter_context(mock.patch(target)) for target in RENDERERS]
        for template, etag in etags.items():
            path = template.format(**{name: record.pk for name, record in records.items()})
            with CaptureQueriesContext(connection) as queries:
                response = client_for.get(path, HTTP_IF_NONE_MATCH=etag)
            assert response.status_code == 304, path
            assert response["ETag"] == etag
            counts[template] = len(queries)
    assert counts == NOT_MODIFIED
    assert not any(renderer.called for renderer in renderers)


def test_a_status_change_is_served_at_once_to_a_partner_holding_the_old_copy(client_for, site_tree, conflict):
    from conflicts.services.claims import claim_change_status

    records = build_coverage(site_tree, conflict, 2)
    paths = [f"/api/v1/articles/{records['article'].pk}/?format=ninjs", f"/api/v1/claims/{records['claim'].pk}/"]
    etags = {path: client_for.get(path)["ETag"] for path in paths}
    claim_change_status(claim=records["claim"], to="confirmed", by=None, note="Seen on satellite images.")
    for path, etag in etags.items():
        response = client_for.get(path, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200, path
        assert response["ETag"] != etag
        assert "confirmed" in response.content.decode()


def test_unchanged_records_are_not_serialized_again_and_a_change_is_served_at_once(client_for, site_tree, conflict):
    from conflicts.api.v1.serializers import ClaimSerializer
    from conflicts.services.claims import claim_change_status

    records = build_coverage(site_tree, conflict, 3)
    serialize = mock.patch.object(ClaimSerializer, "to_representation", autospec=True,
                                  side_effect=ClaimSerializer.to_representation)
    with serialize as serialized:
        first = client_for.get("/api/v1/claims/").json()
        assert serialized.call_count == 3
        serialized.reset_mock()
        assert client_for.get("/api/v1/claims/").json() == first
        assert client_for.get(f"/api/v1/claims/{records['claim'].pk}/").status_code == 200
        serialized.reset_mock()
        assert client_for.get(f"/api/v1/claims/{records['claim'].pk}/").status_code == 200
        assert serialized.call_count == 0

        claim_change_status(claim=records["claim"], to="denied", by=None, note="Denied by the ministry.")
        listed = {item["id"]: item["status"] for item in client_for.get("/api/v1/claims/").json()["results"]}
        assert serialized.call_count == 1
        assert listed[records["claim"].pk] == "denied"
        assert client_for.get(f"/api/v1/claims/{records['claim'].pk}/").json()["status"] == "denied"


def test_partners_never_share_a_cached_representation(client_for, site_tree, conflict):
    from conflicts.api.v1.serializers import ClaimSerializer
    from conflicts.models import Partner
    from conflicts.services.partners import partner_key_issue
    from tests.api.conftest import api_client

    build_coverage(site_tree, conflict, 2)
    other = Partner.objects.create(name="Other Outlet", rate_limit="1000/minute")
    other.conflicts.set([conflict])
    other.save()
    other_client = api_client(partner_key_issue(partner=other)[1])
    client_for.get("/api/v1/claims/")
    with mock.patch.object(ClaimSerializer, "to_representation", autospec=True,
                           side_effect=ClaimSerializer.to_representation) as serialized:
        assert other_client.get("/api/v1/claims/").status_code == 200
    assert serialized.call_count == 2
