"""Cues: the words that report what someone says ("said", "according to", "told AFP",
"footage shows"), told apart from the same words used as nouns, adjectives, passives or in
their other senses.
"""

import re

RECIPIENT = (r"(?:the\s+)?(?:[A-Z][\w.’'-]{0,40}(?:\s+[A-Z][\w.’'-]{0,40}){0,3}(?:\s+news\s+agency)?|reporters|journalists|"
             r"(?:a|the)\s+(?:news\s+|press\s+|televised\s+)?(?:conference|briefing|rally|meeting|gathering|summit|session)|"
             r"(?:state|local|national|public)\s+(?:television|TV|media|radio|broadcaster|news\s+agency)|dpa|"
             r"(?:the\s+)?(?:parliament|lawmakers|legislators|senators|media|press|local\s+media|crowd)|"
             r"(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}(?:radio|television|TV|news|newspaper|broadcaster|channel|station|"
             r"agency|outlet|website|daily|paper)(?:\s+(?:station|channel|network|agency|outlet))?|"
             r"(?:news\s+)?(?:agency|newspaper|broadcaster|channel|daily|outlet|station|website))")
# Verbs that report words only when the words follow ("argued that", "posted on Telegram:"); else
# they have other senses ("maintained control", "responded to the attack").
THAT_VERBS = (r"argued|argues|maintained|maintains|suggested|suggests|recalled|recounted|conceded|concedes|emphasised|"
              r"emphasized|underlined|testified|replied|responded|commented|complained|lamented|charged|predicted|posted|"
              r"observed|remarked|explained|explains|pointed\s+out|wrote\s+in|speculated|specified|assured")
VERBS = (
    r"said|says|say|saying|Say|Says|Claims|Claim|Confirms|Denies|Deny|Warns|Announces|Tells|Tell|"
    r"added|adds|adding|reported|reports|announced|announces|announcing|stated|wrote|"
    r"writes|confirmed|confirms|confirming|warned|warns|warning|denied|denies|denying|claimed|claims|claiming|quoted|"
    r"quoting|cited|citing|counted|indicated|noted|notes|insisted|insists|alleged|alleges|reiterated|"
    r"acknowledged|blamed|blames|blaming|denounced|denounces|appealed|urged|urges|estimated|estimates|accused|"
    r"accuses|accusing|declared|revealed|disclosed|admitted|asserted|stressed|tweeted|informed|accuse|blame|deny|confirm|warn|"
    r"announce|insist|allege|acknowledge|admit|urge|denounce|demanded|demands|dismissed|dismisses|rejected|rejects|"
    r"refuted|refutes|"
    r"telling|tells|reporting|described|describes|describing|named|" + THAT_VERBS + r"|put|read|reads"
)
CUE = re.compile(
    r"\b(?:(?P<according>[Aa]ccording to)|(?P<asreported>[Aa]s reported)(?:\s+(?P<by>by)|(?=\s+earlier))|"
    r"(?P<citedby>(?:cited|quoted)\s+by)|(?P<quotedas>quoted\s+as\s+saying)|"
    r"(?P<told>(?:told|tells|tell)\s+" + RECIPIENT + r")|(?P<show>appear(?:s|ed)? to show|shows|showed|show)|"
    r"(?P<declined>(?:declined|refused|would\s+not|did\s+not)\s+(?:to\s+)?confirm)|(?P<witnessed>heard|saw|witnessed)|"
    r"(?P<verb>" + VERBS + r"))\b"
)
HEADLINE_VERBS = frozenset(["Claims", "Claim", "Confirms", "Denies", "Deny", "Warns", "Announces", "Tells", "Tell"])
# Cue words that are also nouns ("media reports", "UN estimates", "the claims") and adjectives ("an estimated").
NOUN_LIKE = frozenset(["reported", "reports", "claims", "estimates", "estimated", "notes", "warning"])
NOUN_BEFORE = re.compile(r"(?:\b(?:no|any|a|an|the|of|denying|new|unconfirmed|its|their|his|her|our|latest|these|those|media|press|news|some|"
                         r"credible|many|initial|such|earlier|local)\s*)$", re.I)
DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|these|those|new|unconfirmed|latest|initial|no|any)\s*$",
                               re.I)
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|is|are|being|had been|has been)\s*$", re.I)
PARTICIPLE = re.compile(r"^(?:saying|adding|claiming|denying|warning|confirming|insisting|noting|blaming|accusing|"
                        r"announcing|telling|describing|reporting)$")
THAT_VERB = re.compile(THAT_VERBS)
WORDS_FOLLOW = re.compile(r"(?:\s+(?:on|in|to|at|during|via|through)\s+[^,.;:“”\"]{1,50}?)?(?:\s+that\b|\s*:|\s*,?\s*[“\"])")
PASSIVE_AGENT = re.compile(r"\s+by\s+(?!phone|telephone|email)")
BASE_FORMS = frozenset(["say", "accuse", "blame", "deny", "confirm", "warn", "announce", "insist", "allege", "acknowledge",
                        "admit", "urge", "denounce"])
MODAL_BEFORE = re.compile(r"\b(?:to|not|cannot|could|would|will|did|does|do|may|might|must|should|can|n't)\s+(?:\w+\s+)?$", re.I)
NOBODY_BEFORE = re.compile(r"\b(?:no one|nobody|no group|none)\s+(?:\w+\s+){0,2}$", re.I)
# The outlet's own people report what they saw or heard: 'an AFP journalist heard three blasts'.
OWN_WITNESS = re.compile(r"\b(?:journalists?|correspondents?|reporters?|photographers?|team|crew|stringers?)\s+"
                         r"(?:(?:in|at|on)\s+[^,.;]{1,40}?\s+)?(?:also\s+)?$")


def is_cue(text, cue, s_start, s_end):
    """A reporting word used as one: not a noun ('media reports'), an adjective ('an estimated
    400'), a passive ('was confirmed dead') or another sense ('claimed the lives', 'added to')."""
    if cue.group("show"):
        subject = text[s_start:cue.start()]
        return bool(re.search(r"\b(?:footage|video|videos|images|photos|pictures|imagery|data|records|figures|statistics|"
                              r"analysis|documents?|maps?)\b", subject, re.I))
    if cue.group("witnessed"):
        return bool(OWN_WITNESS.search(text, max(s_start, cue.start() - 60), cue.start()))
    if cue.group("citedby") and re.match(r"\s+[^,.;:“”\"]{1,60}?\s(?:said|says|say|told|reported|added)\b", text[cue.end():s_end]):
        return False
    if cue.group(0) in HEADLINE_VERBS:
        return _in_headline(text, cue, s_start, s_end)
    verb = (cue.group("verb") or "").lower()
    before = text[max(s_start, cue.start() - 30):cue.start()]
    if cue.group("told"):
        return not (cue.group(0).startswith("tell ") and MODAL_BEFORE.search(before))
    if not verb:
        return True
    after = text[cue.end():cue.end() + 16]
    if PASSIVE_BEFORE.search(before) and verb.endswith("ed") and verb != "said" and (
            not PASSIVE_AGENT.match(after) or re.search(r"\bnot\b", before)):
        return False
    if verb in BASE_FORMS and MODAL_BEFORE.search(before):
        return False
    if verb in NOUN_LIKE and (DETERMINER_BEFORE if verb.endswith("ed") else NOUN_BEFORE).search(before):
        return False
    if verb.startswith("estimate") and not re.match(r"\s+(?:the|that|at|there)\b", after):
        return False
    if verb in ("claimed", "claims") and re.match(r"\s+the\s+lives", after):
        return False
    if NOBODY_BEFORE.search(before) or (verb.startswith("blame") and re.match(r"\s+on\b", after)):
        return False
    if verb in ("added", "adding", "adds") and re.match(r"\s+to\b", after):
        return False
    if verb == "alleged" and not re.match(r"\s+(?:that|to)\b", after):
        return False
    return _reports_words(text, cue, verb, before, (s_start, s_end))


def _in_headline(text, cue, s_start, s_end):
    """'Taliban Claim Attack on Kabul Base': a capitalised verb reports only inside a title-case
    headline, and never as its first word ('Claims of shelling ...')."""
    words = re.findall(r"[A-Za-z][\w’'-]*", text[s_start:s_end])
    capitalised = sum(word[0].isupper() for word in words if len(word) > 3)
    return cue.start() > s_start and capitalised >= 0.8 * sum(len(word) > 3 for word in words)


def _reports_words(text, cue, verb, before, sentence):
    """Verbs with other senses report only in their reporting construction: 'argued that',
    'put the toll at', 'the statement read', 'named him as', 'described it as'."""
    s_start, s_end = sentence
    rest = text[cue.end():s_end]
    if THAT_VERB.fullmatch(verb):
        trailing = re.match(r"\s*(?:[.,;]|$)", rest) and re.search(r"[,”\"]", text[s_start:cue.start()])
        return bool(WORDS_FOLLOW.match(rest) or trailing)
    if verb == "put":
        return bool(re.match(r"\s+(?:the|its|their|his|her)\s+(?:[\w-]+\s+){0,2}(?:toll|number|figure|count|tally)\b[^.;]{0,60}?\bat\b", rest))
    if verb in ("read", "reads"):
        return bool(re.search(r"\b(?:statement|message|post|note|letter|communiqu[eé]|notice)[’']?s?\s+(?:\w+\s+)?$", before))
    if verb == "named":
        return bool(re.match(r"[^.;:]{1,80}?\sas\s+[A-Z]", rest)) and not PASSIVE_BEFORE.search(before)
    if verb in ("described", "describes", "describing"):
        return bool(re.match(r"[^.;:]{1,80}?\sas\s", rest)) and not PASSIVE_BEFORE.search(before)
    if verb in ("dismissed", "dismisses", "rejected", "rejects", "refuted", "refutes"):
        return bool(re.match(r"\s+(?:as|that)\b|\s+(?:[\w-]+\s+){0,3}?(?:claims?|allegations?|accusations?|reports?|charges?|"
                             r"figures?|tolls?|accounts?|statements?|assertions?)\b", rest))
    if verb == "reporting":
        return not re.search(r"\b(?:the|its|their|his|her|our|of|in|for|media|news|press|additional)\s*$", before, re.I) \
            and not re.match(r"\s+(?:by|from|for|on)\b", rest)
    return True
