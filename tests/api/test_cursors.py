"""Cursor pages: a cursor the API issued walks the list; any other cursor is a 400 that says so."""

from base64 import b64encode
from urllib.parse import parse_qs, urlparse

import pytest

from tests.factories import LocationFactory

LISTS = [
    "/api/v1/articles/",
    "/api/v1/explainers/",
    "/api/v1/claims/",
    "/api/v1/sources/",
    "/api/v1/locations/",
    "/api/v1/locations/?format=geojson",
    "/api/v1/conflicts/",
    "/api/v1/tombstones/",
]


def cursor(querystring):
    return b64encode(querystring.encode("latin-1")).decode("ascii")


NOT_ISSUED = {
    "position is not a number": "cD14",  # p=x
    "empty position": cursor("p="),
    "position zero": cursor("p=0"),
    "negative position": cursor("p=-1"),
    "position with a sign": cursor("p=+5"),
    "position of 2**63": cursor(f"p={2**63}"),
    "position beyond 64 bits": cursor(f"p={2**70}"),
    "position as a float": cursor("p=1.5"),
    "two positions": cursor("p=1&p=2"),
    "reverse flag 2": cursor("r=2&p=3"),
    "reverse flag as a word": cursor("r=yes"),
    "negative offset": cursor("o=-1"),
    "offset beyond the cut-off": cursor("o=1001"),
    "offset as a word": cursor("o=x"),
    "unknown token": cursor("x=1"),
    "not base64": "garbage",
    "not ascii base64": "é",
    "not ascii inside": b64encode(b"p=\xff").decode("ascii"),
    "not a query string": cursor("hello"),
}


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", NOT_ISSUED.values(), ids=NOT_ISSUED.keys())
def test_a_cursor_the_api_did_not_issue_is_a_400_with_a_message(client_for, conflict, path, value):
    separator = "&" if "?" in path else "?"
    response = client_for.get(f"{path}{separator}cursor={value}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "This cursor was not issued by the API: follow the `next` and `previous` links of a list."
    }


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", [cursor(f"p={2**63 - 1}"), cursor(f"r=1&p={2**63 - 1}"), cursor("o=1000&p=1")])
def test_cursors_at_the_edges_of_what_the_api_issues_answer_200(client_for, conflict, path, value):
    separator = "&" if "?" in path else "?"
    response = client_for.get(f"{path}{separator}cursor={value}")
    assert response.status_code == 200, response.content


def test_the_cursors_the_api_issues_walk_forward_and_back(client_for, conflict):
    places = [LocationFactory(name=f"Village {n}") for n in range(7)]
    for place in places:
        place.conflicts.add(conflict)
    expected = [place.pk for place in places]

    first = client_for.get("/api/v1/locations/", {"limit": 3}).json()
    second = client_for.get("/api/v1/locations/", {"limit": 3, "cursor": next_cursor(first["next"])}).json()
    third = client_for.get("/api/v1/locations/", {"limit": 3, "cursor": next_cursor(second["next"])}).json()
    back = client_for.get("/api/v1/locations/", {"limit": 3, "cursor": next_cursor(third["previous"])}).json()
    assert [[item["id"] for item in page["results"]] for page in (first, second, third, back)] == [
        expected[0:3], expected[3:6], expected[6:7], expected[3:6],
    ]
    assert third["next"] is None


def next_cursor(url):
    return parse_qs(urlparse(url).query)["cursor"][0]
