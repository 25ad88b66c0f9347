"""Cursor pages for partner lists: only the cursors the API issues are read, anything else is a 400."""

import binascii
from base64 import b64decode
from urllib import parse

from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.pagination import Cursor, CursorPagination

from ...links import public_url

# Ids are positive and at most what a signed 64-bit column holds, on every database.
LARGEST_ID = 2**63 - 1
NOT_ISSUED = "This cursor was not issued by the API: follow the `next` and `previous` links of a list."


class SyncPagination(CursorPagination):
    """Cursor pages in id order: an item edited during a walk keeps its place, so none is skipped or repeated."""

    ordering = "pk"
    cursor_query_description = (
        "Opaque: the `cursor` of a `next` or `previous` link of this list; any other value is a 400."
    )
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        # The next/previous links are on the site's one origin, like every link the API gives.
        self.base_url = public_url(request, request.get_full_path())
        return page

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return parameters

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({"limit": f"A whole number from 1 to {self.max_page_size}."})
        return int(raw)

    def decode_cursor(self, request):
        """The cursor's offset, direction and id, each checked before it reaches a query, so a
        cursor the API did not write is a 400 instead of a database error."""
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        tokens = cursor_tokens(encoded)
        offset = whole_number(tokens.get("o", "0"), low=0, high=self.offset_cutoff)
        reverse = tokens.get("r", "0")
        if reverse not in ("0", "1"):
            raise ParseError(NOT_ISSUED)
        position = tokens.get("p")
        if position is not None:
            position = str(whole_number(position, low=1, high=LARGEST_ID))
        return Cursor(offset=offset, reverse=reverse == "1", position=position)


def cursor_tokens(encoded):
    """The cursor's fields (`o`, `r`, `p`), each given at most once, or a 400."""
    try:
        querystring = b64decode(encoded.encode("ascii"), validate=True).decode("ascii")
        pairs = parse.parse_qsl(querystring, keep_blank_values=True, strict_parsing=bool(querystring))
    except (ValueError, binascii.Error):
        raise ParseError(NOT_ISSUED) from None
    tokens = dict(pairs)
    if len(tokens) != len(pairs) or not set(tokens) <= {"o", "r", "p"}:
        raise ParseError(NOT_ISSUED)
    return tokens


def whole_number(text, *, low, high):
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise ParseError(NOT_ISSUED)
    return int(text)
