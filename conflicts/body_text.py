"""The one text annotation offsets are counted on: the decoded text content of a rendered body.

A partner gets it from `body_html` by removing the tags and decoding character references,
keeping every character (whitespace included) as it is; a browser gets the same string as the
textContent of the public page's `.article-body` element, which holds that HTML and nothing else.
Offsets count Unicode code points, as the W3C Web Annotation model asks. Because positions are
read from the rendered HTML itself, they cannot drift from what partners and readers receive.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

from .spans import parse_id

BODY_ELEMENT_SELECTOR = ".article-body"
CONTEXT_CHARS = 32


@dataclass(frozen=True)
class TextSpan:
    """One annotated span located in the body text: text[start:end] == exact."""

    kind: str
    record_id: int
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class _AnchorReader(HTMLParser):
    """Collects the decoded text of rendered HTML and the annotation anchors in it, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.length = 0
        self.anchors = []
        self._open = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        attrs = dict(attrs)
        kind, pk = attrs.get("data-annotation"), parse_id(attrs.get("data-id"))
        self._open.append((kind, pk, self.length) if kind and pk else None)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            anchor = self._open.pop()
            if anchor is not None:
                self.anchors.append((*anchor, self.length))

    def handle_data(self, data):
        self.parts.append(data)
        self.length += len(data)


def normalize_newlines(html):
    """HTML with CR LF and lone CR as LF, which is what every HTML parser reads them as.

    Without it a browser's textContent and a partner's tag-stripped text would differ.
    """
    return html.replace("\r\n", "\n").replace("\r", "\n")


def _read(body_html):
    reader = _AnchorReader()
    reader.feed(normalize_newlines(str(body_html)))
    reader.close()
    reader.anchors.sort(key=lambda anchor: anchor[2])
    return "".join(reader.parts), reader.anchors


def body_text(body_html):
    """The decoded text content of rendered body HTML."""
    return _read(body_html)[0]


def quote_context(text, start, end):
    """Prefix and suffix around text[start:end], CONTEXT_CHARS long or longer where needed to be unique.

    A consumer anchoring by quote finds prefix + exact + suffix in the text exactly once.
    """
    size = CONTEXT_CHARS
    while True:
        prefix, suffix = text[max(0, start - size):start], text[end:end + size]
        whole = prefix + text[start:end] + suffix
        first = text.find(whole)
        if text.find(whole, first + 1) == -1 or (len(prefix) == start and end + len(suffix) == len(text)):
            return prefix, suffix
        size *= 2


def body_text_spans(body_html):
    """The body's decoded text and its annotation anchors as TextSpans, in document order."""
    text, anchors = _read(body_html)
    spans = []
    for kind, pk, start, end in anchors:
        prefix, suffix = quote_context(text, start, end)
        spans.append(TextSpan(kind, pk, start, end, text[start:end], prefix, suffix))
    return text, spans


def spans_for_annotations(annotations, spans):
    """Pairs each annotation row with its span in the rendered text, matching kind and record in order.

    A row whose span is no longer rendered (its record is gone) is left out rather than given
    offsets that select other text.
    """
    pairs, next_index = [], 0
    for annotation in annotations:
        wanted = (annotation.kind, annotation.record_id)
        for index in range(next_index, len(spans)):
            if (spans[index].kind, spans[index].record_id) == wanted:
                pairs.append((annotation, spans[index]))
                next_index = index + 1
                break
    return pairs
