"""Paragraphs and sentences of a body as (start, end) offsets into the unchanged text."""

import re

ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "gov", "sen", "rep", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "u.s", "u.n", "u.k", "e.g", "i.e", "inc", "corp", "co", "ltd", "brig", "cpl", "pvt", "adm", "cmdr", "insp", "supt", "prof", "rev", "sr", "jr", "hon", "amb"]
)
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(]?[A-Z0-9])")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text):
    """Spans of the blank-line separated paragraphs, surrounding whitespace excluded."""
    spans, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def sentences(text, start, end):
    """Sentence spans inside one paragraph; a full stop after a known abbreviation ends none."""
    spans, begin = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        word = re.search(r"([\w.]+)$", text[begin:match.start()])
        if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS and text[match.start()] == ".":
            continue
        if _inside_quote(text[begin:match.end()]):
            continue
        spans.append((begin, match.end()))
        begin = match.end()
    spans.append((begin, end))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def sentence_spans(text):
    """Every sentence of the body, in order."""
    return [span for start, end in paragraphs(text) for span in sentences(text, start, end)]


def _inside_quote(passage):
    """True while a quotation opened in the passage is not closed yet."""
    return passage.count("“") > passage.count("”") or passage.count('"') % 2 == 1


def _strip(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
