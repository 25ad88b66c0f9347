"""Attributions: the cue ("said", "according to", "told AFP", "footage online shows"), the
source phrase it attributes to and the claim, with its hedge and the source's kind.

A pronoun or "the source" is replaced by the speaker named before it; when the text names
none, the attribution is dropped: a suggestion never names a bare pronoun as a source.
"""

import re

from .cues import CUE, PARTICIPLE, PASSIVE_AGENT, PASSIVE_BEFORE, is_cue
from .gazetteer import gazetteer_lookup
from .hedges import hedge_read
from .segments import paragraphs, sentences
from .sources import ORGANISATION_PRONOUNS, PERSON_KINDS, PERSON_PRONOUNS, is_pronoun, is_speaker_noun, source_kind

NESTED = re.compile(r"^\s*(?:on\s+\w+day\s+)?(?:that\s+)?(?:it|he|she|they|we|I)\s+(?:had|has|have|would|will)?\s*$")
COORDINATED = re.compile(r"^\s*[^,;:.“”\"]{0,60}?\s(?:and|but)\s+(?:also\s+)?$")
DEFINITE_PERSON = re.compile(r"[Tt]he\s+(?:[a-z]+\s+)?(?:official|officer|commander|spokesman|spokeswoman|"
                             r"spokesperson|governor|minister|source)")
RELATIVE = re.compile(r",\s+(?:which|who)\s+(?:(?:has|have|had|also|repeatedly|previously|long|consistently|always|often|"
                      r"again|already|in\s+the\s+past|since\s+then)\s+)*$")
PUNCTUATION = re.compile(r"[,;:“”\"]|\((?![A-Z]{2,8}\))")
BOUNDARY = re.compile(r"[,;:“”\"—–]|\((?![A-Z]{2,8}\))|\b(?:that|which|who|what|while|whereas|when|after|because|where|but)\b")
TRAILING = re.compile(
    r"(?:\s+(?:also|later|earlier|previously|then|again|has|have|had|had also|would|will|was|were|is|are|on\s+\w+day|late\s+on\s+\w+day|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|in\s+a\s+statement|on\s+[A-Z][a-z]{2,8}\.?\s+\d+|on\s+Telegram|"
    r"last\s+week|yesterday|today|this\s+week))+\s*$")
LEADING = re.compile(r"^(?:(?:but|and|so|with|while|as|meanwhile|however|earlier|later|also|yet|then|in the process)\b[\s,]*)+", re.I)
DATELINE = re.compile(r"(?:[A-Z][\w .,'’-]{0,60}?)?\((?:Reuters|AP|AFP|Xinhua|IANS|AA|Anadolu|PTI|dpa)\)\s*(?:[-–—]+\s*)?|"
                      r"[A-Z]{3,}(?:,\s*[A-Z]{3,})?:\s+|"
                      r"[A-Z][A-Z.'’ -]{2,30}(?:,\s*[A-Z][\w.'’ -]{1,30}?)?(?:\s+\([A-Z][A-Za-z]{1,11}\))?\s*[-–—]+\s+")
SKIP_AFTER_CUE = re.compile(r"^(?:\s*(?:on\s+\w+day|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|in\s+a\s+statement|"
                            r"on\s+Telegram|on\s+X|late\s+on\s+\w+day|earlier|later|on\s+[A-Z][a-z]{2,8}\.?\s+\d+|,|:))+")
MAX_SOURCE_WORDS = 14
MAX_APPOSITION_WORDS = 24
PERSON_NAME = re.compile(r"(?:(?:Dr|Gen|Col|Maj|Capt|Lt|Mr|Mrs|Ms|Brig|Sgt|Prof|General|Colonel|Major|Captain|Brigadier|"
                         r"Lieutenant|Inspector)\.?\s+){0,3}[A-Z][a-z’']+(?:-[A-Za-z][a-z’']+)*(?:\s+(?:al-|el-|bin\s+|Abu\s+|de\s+)?[A-Z][a-z’']+(?:-[A-Za-z][a-z’']+)*){1,3}")
ROLE = re.compile(r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w’'-]+\s+){0,5}?(?:governor|spokesman|spokeswoman|"
                  r"spokesperson|minister|official|commander|head|chief|director|mayor|president|leader|secretary|envoy|"
                  r"ambassador|adviser|advisor|deputy|coordinator|representative|chairman|administrator|prosecutor|officer)"
                  r"(?:\s+(?:of|for|in|at)\s+[^,;:]{1,60})?")
# A person introduced by name with an age or a description: 'Mohammed Khan, 45,', 'Fatima, a mother of four,'.
INTRODUCED_PERSON = re.compile(r"(?P<name>" + PERSON_NAME.pattern + r"|[A-Z][a-z’'-]{2,}),\s+(?:\d{1,3},|(?:an?|the)\s+"
                               r"(?:[\w-]+\s+){0,3}?(?:\d+-year-old|mother|father|resident|teacher|farmer|student|driver|"
                               r"nurse|doctor|worker|survivor|widow|villager|refugee|shopkeeper|trader)\b)")
# An organisation written by its name: 'Al-Shabab', 'the Islamic State group', 'the RSF', 'Hamas'.
NAMED_ORGANISATION = re.compile(r"(?:\b[Tt]he\s+)?(?<![\w-])(?:(?:[Aa]l|[Ee]l)-)?[A-Z][\w’'-]+(?:\s+(?:of\s+|for\s+|al-)?[A-Z][\w’'-]+)*"
                                r"(?:\s+(?:group|movement|militia|network|organisation|organization))?(?![\w-])")
# How the speaker spoke, set off by commas between the source and the cue: 'Name, writing on Telegram, said'.
ASIDE = re.compile(r"\s*(?:writing|speaking|posting|talking|addressing|reporting|quoted|quoting|citing|in\s+a\s+(?:statement|post|"
                   r"video|message|briefing|interview|speech|televised\s+address)|in\s+(?:comments|remarks)|on\s+\w+day|"
                   r"later|earlier|separately|however)\b")
QUOTED_AS = re.compile(r"\b(?:quoted|quoting|cited|citing)\s+(?!by\s)(?P<speaker>[^,;:“”\"]{2,120}?)\s+as\s+$")
# 'an official was quoted by TASS as saying': the subject says it.
QUOTED_PASSIVE = re.compile(r"\s(?:was|were|is|are|had\s+been|has\s+been)\s+(?:quoted|cited)\s+(?:by\s+[^,;:“”\"]{1,80}?\s+)?as\s+$")
COULD_NOT_VERIFY = re.compile(
    r"(?:[\w’'-]+\s+){1,4}(?:could\s+not|cannot|was\s+unable\s+to|were\s+unable\s+to|has\s+not\s+been\s+able\s+to)\s+"
    r"(?:immediately\s+|independently\s+)*(?:verify|confirm)\s+(?:the|these|those|this|their|its|his|her)\s+"
    r"(?:[\w-]+\s+)?(?:reports?|claims?|accounts?|figures?|tolls?|details|information|statements?)\b")
# A reporting verb right after "and" or "but" has no subject of its own: '..., and explained that'.
SUBJECTLESS = re.compile(r"(?:,\s*|\s)(?:and|but)\s+(?:also\s+|later\s+|then\s+|further\s+|subsequently\s+)?$")
FIRST_VERB = re.compile(r"(?<=\s)(?:(?:has|have|had)\s+)?(?:[a-z]{3,}ed|said|told|says|claims|accuses|blames|denies|"
                        r"condemns|calls|urges|warns)\b(?!\s+by\b)")
REDUCED_RELATIVE = re.compile(r"(?<=\w)\s+(?:the|a|an)\s+(?=[A-Z])")


def attributions_find(text, vocabulary):
    """Every attribution of the text in order, sources resolved and classified."""
    found = []
    spans = [span for p_start, p_end in paragraphs(text) for span in sentences(text, p_start, p_end)]
    _find_in(text, spans, found, vocabulary)
    _unconfirmed_by_outlet(text, found)
    return found


def _unconfirmed_by_outlet(text, found):
    """'Reuters could not independently verify the reports.' standing as its own paragraph puts
    every attribution of the paragraph before it in doubt."""
    blocks = paragraphs(text)
    for index, (p_start, p_end) in enumerate(blocks[1:], start=1):
        if not COULD_NOT_VERIFY.match(text, p_start, p_end) or any(p_start <= a["cue"]["start"] < p_end for a in found):
            continue
        before_start, before_end = blocks[index - 1]
        for attribution in found:
            if before_start <= attribution["cue"]["start"] < before_end and attribution["hedge"] == "none":
                attribution["hedge"] = "unconfirmed"


def _find_in(text, spans, found, vocabulary):
    for index, (s_start, s_end) in enumerate(spans):
        following = text[spans[index + 1][0]:spans[index + 1][1]] if index + 1 < len(spans) else ""
        previous_cue_end, in_sentence = s_start, []
        cues = [cue for cue in CUE.finditer(text, s_start, s_end) if is_cue(text, cue, s_start, s_end)]
        for number, cue in enumerate(cues):
            if in_sentence and NESTED.match(text[previous_cue_end:cue.start()]):
                continue
            last = number + 1 == len(cues)
            scope = (previous_cue_end, s_end if last else cues[number + 1].start(), following if last else "")
            attribution = _attribution(text, cue, (s_start, s_end), scope, found, in_sentence, vocabulary)
            previous_cue_end = cue.end()
            if attribution:
                found.append(attribution)
                in_sentence.append(attribution)


def _attribution(text, cue, sentence_span, scope, found, in_sentence, vocabulary):
    """One cue's attribution; `scope` is the stretch of the sentence its hedge is read from
    (from the previous cue to the next) and the sentence after it, for the last cue only."""
    s_start, s_end = sentence_span
    previous_cue_end, scope_end, following = scope
    cue_start, cue_end = cue.span()
    if PARTICIPLE.match(cue.group(0)) and in_sentence and text[s_start:cue_start].rstrip().endswith(","):
        return _participle(text, cue, in_sentence[-1], s_end, following)
    if in_sentence and COORDINATED.search(text[previous_cue_end:cue_start]):
        return _participle(text, cue, in_sentence[-1], s_end, following)
    quoted_as = QUOTED_AS.search(text, max(s_start, previous_cue_end - 12), cue_start) if cue.group(0) == "saying" else None
    if quoted_as:
        return _speaker_quoted(text, cue, quoted_as, s_end, following, scope)
    passive = QUOTED_PASSIVE.search(text, s_start, cue_start) if cue.group(0) == "saying" else None
    if passive:
        subject = _subject(text, passive.start(), s_start)
        return _attribution_with(text, cue, subject, sentence_span, scope, found, vocabulary) if subject else None
    if SUBJECTLESS.search(text, s_start, cue_start) and not cue.group("according"):
        if in_sentence:
            return _participle(text, cue, in_sentence[-1], s_end, following)
        subject = _clause_subject(text, s_start, cue_start)
        if subject:
            return _attribution_with(text, cue, subject, sentence_span, scope, found, vocabulary)
    if cue.group("asreported") and not cue.group("by"):
        source = _trim(text, cue_start, text.find("earlier", cue_start) + len("earlier"))
    elif cue.group("according") or cue.group("by") or cue.group("citedby"):
        source = _phrase_after(text, cue_end, s_end)
    elif cue.group("verb") and PASSIVE_BEFORE.search(text[s_start:cue_start]) and PASSIVE_AGENT.match(text[cue_end:s_end]):
        source = _phrase_after(text, cue_end + PASSIVE_AGENT.match(text[cue_end:s_end]).end(), s_end)
    elif _inverted_order(text, cue, s_start, s_end):
        source = _inverted_source(text, cue, s_start, s_end)
    else:
        source = _inverted_source(text, cue, s_start, s_end, after_quote=True) or _relative_antecedent(
            text, s_start, cue_start) or _subject(
            text, cue_start, max(s_start, previous_cue_end)) or _inverted_source(text, cue, s_start, s_end)
    if source is None:
        return None
    return _attribution_with(text, cue, source, sentence_span, scope, found, vocabulary)


def _attribution_with(text, cue, source, sentence_span, scope, found, vocabulary):
    s_start, s_end = sentence_span
    previous_cue_end, scope_end, following = scope
    cue_start, cue_end = cue.span()
    source_text = text[source[0]:source[1]]
    claim = _claim(text, cue, source, s_start, s_end)
    resolved = _resolve(source_text, source, found, text)
    if resolved is None:
        return None
    hedge = hedge_read(cue.group(0), source_text, text[max(s_start, previous_cue_end):scope_end], following,
                       text[cue_end:s_end])
    _link_record(resolved, vocabulary)
    claim_span = _span(text, *claim) if claim else _span(text, cue_end, cue_end)
    return {"cue": _span(text, cue_start, cue_end), "source": resolved, "claim": claim_span, "hedge": hedge}


def _participle(text, cue, previous, s_end, following):
    """'..., saying two people were killed': the speaker of the sentence's earlier cue."""
    claim = _quoted_or_clause(text, *_after_cue(text, cue.end(), s_end))
    hedge = hedge_read(cue.group(0), previous["source"]["text"], text[cue.start():s_end], following)
    return {"cue": _span(text, *cue.span()), "source": dict(previous["source"]),
            "claim": _span(text, *claim) if claim else _span(text, cue.end(), cue.end()), "hedge": hedge}


def _speaker_quoted(text, cue, quoted_as, s_end, following, scope):
    """'The agency quoted a police official as saying ...': the official says it."""
    source = _trim(text, quoted_as.start("speaker"), quoted_as.end("speaker"))
    if source is None:
        return None
    source_text = text[source[0]:source[1]]
    kind, anonymous = source_kind(source_text)
    claim = _quoted_or_clause(text, *_after_cue(text, cue.end(), s_end))
    hedge = hedge_read(cue.group(0), source_text, text[scope[0]:s_end], following)
    return {"cue": _span(text, *cue.span()),
            "source": {"start": source[0], "end": source[1], "text": source_text, "kind": str(kind),
                       "anonymous": anonymous, "record_id": None},
            "claim": _span(text, *claim) if claim else _span(text, cue.end(), cue.end()), "hedge": hedge}


def _clause_subject(text, s_start, cue_start):
    """'The council condemned the attack and accused ...': the subject of the clause's first verb."""
    floor = _claim_start(text, s_start, cue_start)
    verb = FIRST_VERB.search(text, floor, cue_start)
    if not verb:
        return None
    return _subject(text, verb.start(), floor)


def _after_cue(text, cue_end, s_end):
    skip = SKIP_AFTER_CUE.match(text[cue_end:s_end])
    offset = cue_end + (skip.end() if skip else 0)
    that = re.match(r"\s*that\s+", text[offset:s_end])
    return offset + (that.end() if that else 0), s_end


def _link_record(resolved, vocabulary):
    """A phrase the desk annotated before takes that record's id, kind and anonymity."""
    known = vocabulary.source_for(resolved["text"]) if vocabulary else None
    if known:
        resolved.update(kind=str(known.kind), anonymous=known.anonymous, record_id=known.source_id)


def _resolve(source_text, source, found, text):
    """The source itself, or for a pronoun the latest earlier source of the right sort."""
    if not is_pronoun(source_text):
        kind, anonymous = source_kind(source_text)
        earlier = _described_again(source_text, found)
        if earlier:
            kind, anonymous = earlier["kind"], earlier["anonymous"]
        return {"start": source[0], "end": source[1], "text": source_text, "kind": str(kind), "anonymous": anonymous,
                "record_id": None}
    word = source_text.strip().lower()
    for earlier in reversed(found):
        candidate = earlier["source"]
        if word in PERSON_PRONOUNS and candidate["kind"] not in PERSON_KINDS:
            continue
        if word in ORGANISATION_PRONOUNS and candidate["kind"] in PERSON_KINDS:
            continue
        if word.startswith("the source") and not candidate["anonymous"]:
            continue
        return dict(candidate)
    if word in PERSON_PRONOUNS:
        return _person_named_before(text, source[0])
    return _organisation_named_before(text, source[0]) if word in ORGANISATION_PRONOUNS else None


def _organisation_named_before(text, position):
    """'Al-Shabab has carried out many attacks. It said ...': with no organisation speaking before
    it, 'it' or 'the group' is the organisation the text last named."""
    window = max(0, position - 400)
    named = [m for m in NAMED_ORGANISATION.finditer(text, window, position)
             if source_kind(m.group(0))[0] == "named_organisation" and gazetteer_lookup(m.group(0)) is None]
    if not named:
        return None
    start, end = named[-1].span()
    return {"start": start, "end": end, "text": text[start:end], "kind": "named_organisation", "anonymous": False,
            "record_id": None}


def _person_named_before(text, position):
    """'Mohammed Khan, 45, lost his home. "We have nothing left," he said.': with no speaker before
    it, 'he' is the person the text last introduced by name and description."""
    window = max(0, position - 600)
    people = list(INTRODUCED_PERSON.finditer(text, window, position))
    if not people:
        return None
    start, end = people[-1].span("name")
    return {"start": start, "end": end, "text": text[start:end], "kind": "named_person", "anonymous": False,
            "record_id": None}


def _described_again(source_text, found):
    """'the official', 'the commander': a person named or described before, whose kind and
    anonymity it keeps (the official who was anonymous stays anonymous, a named one named)."""
    if not DEFINITE_PERSON.fullmatch(source_text.strip()):
        return None
    return next((a["source"] for a in reversed(found) if a["source"]["kind"] in PERSON_KINDS[:2]), None)


def _inverted_source(text, cue, s_start, s_end, after_quote=False):
    """'“...,” added the source' and '..., said the monitor': the source follows the cue."""
    if cue.group("told") or cue.group("show"):
        return None
    before = text[s_start:cue.start()].rstrip()
    if not before or before[-1] not in (("\"”’") if after_quote else ","):
        return None
    return _phrase_after(text, cue.end(), s_end)


def _inverted_order(text, cue, s_start, s_end):
    """'Ten people were killed, said Dr Ahmed Saleh, director of the hospital.': after a comma the
    cue is followed by who speaks and nothing more (no clause of its own), so the speaker follows."""
    if cue.group("told") or cue.group("show") or not text[s_start:cue.start()].rstrip().endswith(","):
        return False
    phrase = _phrase_after(text, cue.end(), s_end)
    if phrase is None or not re.match(r"[,.]?\s*(?:[,.]|$)", text[phrase[1]:s_end]):
        return False
    words = text[phrase[0]:phrase[1]].split(",")[0].split()
    return PERSON_NAME.fullmatch(" ".join(words)) is not None or (
        words[0].lower() in ("the", "a", "an", "one", "another") and len(words) <= 5 and is_speaker_noun(words[-1]))


def _phrase_after(text, start, end):
    match = re.match(r"\s*(.+?)(?=\s*(?:[,;:()]|\.(?<!Dr\.)(?<!Mr\.)(?<!Ms\.)(?<!Lt\.)(?<!Gen\.)(?<!Col\.)(?<!Maj\.)(?<!Brig\.)"
                     r"(?<!Capt\.)(?<!Sgt\.)(?<!Prof\.)|\s(?:that|on\s+\w+day|in\s+a\s+statement|quoting|citing|adding|saying|as\s+saying)\b|$))",
                     text[start:end])
    if not match or not match.group(1).strip():
        return None
    phrase_start, phrase_end = start + match.start(1), start + match.end(1)
    if len(text[phrase_start:phrase_end].split()) > MAX_SOURCE_WORDS or not re.match(r"[\w“\"']", text[phrase_start]):
        return None
    relative = re.match(r",\s+who\s+[^,.;]+", text[phrase_end:end])
    if relative and len(relative.group(0).split()) <= 7:
        phrase_end += relative.end()
    return _trim(text, phrase_start, phrase_end)


def _relative_antecedent(text, s_start, cue_start):
    """'There was no comment from Russia, which denies ...': the noun the relative clause follows."""
    relative = RELATIVE.search(text[s_start:cue_start])
    if not relative:
        return None
    end = s_start + relative.start()
    pieces = list(re.finditer(r"\b(?:from|by|of|to|with|for|on|at|in|that|against|was|were|is|are|has|have|had)\s+",
                              text[s_start:end]))
    start = s_start + (pieces[-1].end() if pieces else 0)
    if not 1 <= len(text[start:end].split()) <= 6:
        return None
    return _trim(text, start, end)


def _subject(text, cue_start, floor):
    """The noun phrase before the cue, with its apposition ('Name, head of the observatory,')."""
    left = _left_boundary(text, floor, cue_start)
    gap = text[left:cue_start]
    gap_clean = LEADING.sub("", TRAILING.sub("", gap.rstrip()).strip())
    if not gap_clean.strip(" ,"):
        return _apposition(text, floor, left)
    start = left + gap.find(gap_clean)
    reduced = [m for m in REDUCED_RELATIVE.finditer(gap_clean)
               if not re.search(r"\b(?:of|for|in|at|from|by|on|to|with|and)$", gap_clean[:m.start()])]
    if reduced:
        gap_clean = gap_clean[reduced[-1].start():].lstrip()
        start = left + gap.find(gap_clean)
    if len(gap_clean.split()) > MAX_SOURCE_WORDS or not re.match(r"[A-Za-z]", gap_clean) or re.search(r"\b(?:and|or)$", gap_clean):
        return None
    return _trim(text, _title_before(text, floor, left, start, gap_clean), start + len(gap_clean))


def _title_before(text, floor, left, start, name):
    """'The governor, Alexander Bogomaz, said': the title before a name is part of the source."""
    if left - 1 < floor or text[left - 1] != "," or not PERSON_NAME.fullmatch(name):
        return start
    role_left = _left_boundary(text, floor, left - 1, commas_only=True)
    role = LEADING.sub("", text[role_left:left - 1].strip())
    if not ROLE.fullmatch(role):
        return start
    return role_left + text[role_left:left - 1].find(role)


def _apposition(text, floor, left):
    """'Name, title, said' and 'The official, who requested anonymity, confirmed'."""
    if left - 1 < floor or text[left - 1] != ",":
        return None
    middle_comma = text.rfind(",", floor, left - 1)
    if middle_comma < 0:
        return None
    if ASIDE.match(text, middle_comma + 1, left - 1):
        return _subject(text, middle_comma, floor)
    head_left = _left_boundary(text, floor, middle_comma, commas_only=False)
    head = LEADING.sub("", text[head_left:middle_comma].strip())
    if not head or not re.match(r"[A-Za-z]", head) or len(text[head_left:left].split()) > MAX_APPOSITION_WORDS:
        return None
    start = head_left + text[head_left:middle_comma].find(head)
    return _trim(text, start, left - 1)


def _left_boundary(text, floor, end, commas_only=False):
    boundary = floor
    for match in (PUNCTUATION if commas_only else BOUNDARY).finditer(text, floor, end):
        boundary = match.end()
    dateline = DATELINE.match(text, floor)
    return dateline.end() if dateline and boundary < dateline.end() <= end else boundary


def _claim(text, cue, source, s_start, s_end):
    """The attributed words: after the cue ('said that ...'), else before it ('..., he said')."""
    if source[0] >= cue.end():
        if len(text[_claim_start(text, s_start, cue.start()):cue.start()].split()) <= 2:
            return _quoted_or_clause(text, source[1], s_end)
        return _quoted_or_clause(text, _claim_start(text, s_start, cue.start()), cue.start())
    offset, _ = _after_cue(text, cue.end(), s_end)
    if len(text[offset:s_end].split()) >= 3:
        return _quoted_or_clause(text, offset, s_end)
    return _quoted_or_clause(text, _claim_start(text, s_start, source[0]), source[0])


def _claim_start(text, s_start, end):
    dateline = DATELINE.match(text, s_start)
    start = dateline.end() if dateline else s_start
    return start


def _quoted_or_clause(text, start, end):
    segment = text[start:end]
    quote = re.search(r"[“\"]([^“”\"]{3,})[”\"]", segment)
    if quote and len(quote.group(1)) > 0.5 * len(segment.strip(" ,.")):
        return _trim(text, start + quote.start(1), start + quote.end(1), strip=" ,")
    return _trim(text, start, end, strip=" ,.;:—–-")


def _trim(text, start, end, strip=" ,.;:"):
    while start < end and text[start] in strip + "\n":
        start += 1
    while end > start and text[end - 1] in strip + "\n":
        end -= 1
    return (start, end) if end > start else None


def _span(text, start, end):
    return {"start": start, "end": end, "text": text[start:end]}
