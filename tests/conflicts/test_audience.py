"""What a partner may see is decided by subqueries: the SQL does not grow with the coverage."""

import re
from datetime import timedelta
from unittest import mock

from django.core.cache.backends.dummy import DummyCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conflicts.models import PartnerKey
from tests.factories import SourceFactory, make_article, make_claim


def add_coverage(site_tree, conflict, start, stop):
    for i in range(start, stop):
        claim = make_claim(statement=f"Claim {i}", conflict=conflict, sources=[SourceFactory()])
        body = [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">claim {i}</a></p>')]
        make_article(site_tree["news"], title=f"Article {i}", conflict=conflict, body=body)


def sql_of(client, path):
    PartnerKey.objects.update(last_used_at=timezone.now() + timedelta(hours=1))
    # Nothing cached, so the records are loaded each time: their SQL is measured too.
    with CaptureQueriesContext(connection) as queries, mock.patch(
        "conflicts.api.v1.representations.cache", DummyCache("none", {})
    ):
        response = client.get(path, {"limit": 3})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3
    # Numbers are written as 0: ids of the page's own items grow in digits, not in number.
    return [len(re.sub(r"\d+", "0", query["sql"])) for query in queries.captured_queries]


def test_the_partner_lists_sql_is_the_same_size_with_5_and_50_pages(client_for, site_tree, conflict):
    add_coverage(site_tree, conflict, 0, 5)
    small = {path: sql_of(client_for, path) for path in ("/api/v1/claims/", "/api/v1/sources/", "/api/v1/articles/")}
    add_coverage(site_tree, conflict, 5, 50)
    large = {path: sql_of(client_for, path) for path in small}
    assert large == small
