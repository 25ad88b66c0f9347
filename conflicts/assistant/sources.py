"""What kind of source a source phrase names, in the project's SourceKind values.

The kind is read from the phrase's own noun, not from what follows it: "a security source
speaking to TRT World" is an anonymous source, whatever outlet it spoke to, and "health
authorities and local residents" is an official statement, as its first noun says.
"""

import re

from ..choices import SourceKind
from .gazetteer import gazetteer_lookup

PRONOUNS = frozenset(["he", "she", "it", "they", "him", "her", "them", "the source", "the sources", "the group"])
PERSON_PRONOUNS = frozenset(["he", "she", "him", "her"])
ORGANISATION_PRONOUNS = frozenset(["it", "the group"])
PERSON_KINDS = (SourceKind.NAMED_PERSON, SourceKind.ANONYMOUS, SourceKind.EYEWITNESS)

# What follows the noun phrase and says how the source spoke, not who it is.
CIRCUMSTANCE = re.compile(
    r"(?:,?\s+(?:speaking|talking|writing|posting)\s+(?:to|on|in|from|by|under)\b|,?\s+(?:who|whose|which|that)\b|"
    r"\s+(?:quoted|cited)\s+by\b|,?\s+(?:reached|contacted|interviewed|visited)\s+(?:by|on|in|at)\b|,?\s+(?:in|on)\s+(?:a|an|its|his|her|their)\s+(?:statement|post|interview|video)\b).*$",
    re.I | re.S)
FOOTAGE = re.compile(r"\b(?:footage|video|videos|images|photos|photographs|pictures|satellite imagery)\b", re.I)
STATE_MEDIA = re.compile(
    r"\b(?:state media|state-run|state TV|state television|state news agency|official media|National News Agency|"
    r"SANA|TASS|RIA Novosti|IRNA|KCNA|Al-Masirah|al-Masirah|TRT|Houthi media|media outlets|state broadcaster|"
    r"state radio|state-owned)\b", re.I)
NEWS_OUTLETS = re.compile(
    r"^(?:the\s+)?(?:Reuters|AFP|Agence France-Presse|AP|Associated Press|Xinhua|Anadolu|Anadolu Agency|Ukrinform|UNN|"
    r"Interfax|Interfax-Ukraine|Yonhap|Kyodo|DPA|EFE|ANSA|PTI|IANS|BBC|CNN|Al Jazeera|Al Arabiya|"
    r"(?:[A-Z][\w-]*\s+){0,3}(?:Times|Post|Journal|Guardian|Telegraph|Herald|Tribune|Gazette)|"
    r"[A-Z][\w-]*\s+(?:news agency|newspaper|daily|broadcaster))\b")
OWN_REPORTING = re.compile(r"\b(?:AFP|Reuters|AP|BBC|CNN)\s+(?:tally|journalist|correspondent|reporter|photographer|count)\b")
REPORTS = re.compile(r"^(?:as\s+)?(?:reported|reports|new reports|unconfirmed|some unconfirmed|media reports|local reports)\b", re.I)
EYEWITNESS_HEADS = frozenset(["resident", "residents", "witness", "witnesses", "eyewitness", "eyewitnesses", "villager",
                              "villagers", "survivor", "survivors", "man", "woman", "locals", "passer-by", "neighbours"])
ANONYMOUS_HEADS = frozenset(
    ["source", "sources", "official", "officials", "officer", "officers", "person", "people", "diplomat", "diplomats",
     "activist", "activists", "medic", "medics", "doctor", "doctors", "worker", "workers", "insider", "insiders",
     "member", "members", "soldier", "soldiers", "fighter", "fighters", "relative", "relatives", "analyst", "analysts"])
OFFICIAL_HEADS = frozenset(["authorities", "authority", "police", "government", "administration", "kremlin", "presidency"])
OFFICE_HEADS = frozenset(["governor", "commander", "mayor", "minister", "spokesman", "spokeswoman", "spokesperson",
                          "president", "chief", "head", "director", "secretary", "prosecutor", "general", "envoy",
                          "commissioner", "administrator", "chairman", "ambassador", "adviser", "advisor", "deputy"])
NEWS_HEADS = frozenset(["outlet", "outlets", "newspaper", "newspapers", "broadcaster", "broadcasters", "agency", "agencies",
                        "media", "channel", "television", "station", "website", "daily", "tv", "radio"])
COMMON_HEADS = EYEWITNESS_HEADS | ANONYMOUS_HEADS | OFFICIAL_HEADS | OFFICE_HEADS
ORGANISATION = re.compile(
    r"\b(?:Ministry|ministry|Observatory|observatory|Army|army|military|Forces|forces|Agency|Commission|Council|"
    r"Organization|Organisation|UN|United Nations|OCHA|UNICEF|WHO|ICRC|Red Cross|Committees?|Office|group|Group|"
    r"movement|Command|[Pp]olice|Hezbollah|Hamas|Houthis?|Taliban|[Aa]l[- ]Shabaa?b|PKK|RSF|IDF|Pentagon|Network|network|"
    r"Defense|Defence|Civil Defense|Civil Defence|report|statement|monitor|study|tally|watchdog|Watch|Amnesty|"
    r"International|Crisis Group|Doctors|MSF|Médecins|Human Rights|Staff|Guard|Corps|Service)\b")
TITLE = re.compile(
    r"\b(?:President|Minister|Major|Maj\.|Gen\.|General|Colonel|Col\.|Lt\.|Sheikh|Mr|Mrs|Ms|Dr|Governor|Gov\.|Mayor|"
    r"Inspector|commander|spokesman|spokeswoman|spokesperson|head|chief|director|secretary|leader|resident|commissioner|"
    r"administrator|chairman|ambassador|adviser|advisor|deputy|envoy)\b", re.I)
CAPITALISED_NAME = re.compile(r"\b[A-Z][a-z’'-]{1,40}(?:\s+(?:al-|el-|bin\s+|Abu\s+)?[A-Z][a-z’'-]{1,40})+\b")
# 'local police official Abbas Khan', 'civil society leader Pandanzi': a role in lower case, then a name.
ROLE_THEN_NAME = re.compile(r"^(?:[Tt]he\s+)?(?:[A-Z][a-z-]+\s+)?(?:(?!(?:the|a|an|and|of)\s|(?:al|el|ad|ar|as|ash|an)-)[a-z][\w-]*\s+){1,5}"
                            r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){0,3}$")
PROPER_NAME = re.compile(r"^(?:[Tt]he\s+)?[A-Z][\w’'.-]*(?:\s+(?:(?:of|for|and|the|de|al)\s+)*[A-Z][\w’'.-]*)+$")
PERSONAL_NAME = re.compile(r"(?:(?:Dr|Gen|Col|Maj|Capt|Lt|Mr|Mrs|Ms|Brig|Sgt|Prof|General|Colonel|Major|Captain|Brigadier|"
                           r"Lieutenant|Inspector)\.?\s+){0,3}[A-Z][a-z’']+(?:-[A-Za-z][a-z’']+)*"
                           r"(?:\s+(?:al-|el-|bin\s+|Abu\s+|de\s+)?[A-Z][a-z’']+(?:-[A-Za-z][a-z’']+)*){1,3}")
PERSON_DESCRIBED = re.compile(
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:\d+-year-old|[a-z]+-year-old|mother|father|teacher|farmer|student|driver|"
    r"resident|nurse|doctor|shopkeeper|trader|fisherman|worker|survivor|widow|grandmother|grandfather|son|daughter|"
    r"brother|sister|wife|husband|villager|refugee|soldier|fighter|commander|volunteer|activist|journalist)\b")
DEMONYMS = re.compile(r"\b(?:Syrian|Russian|Turkish|Israeli|Lebanese|Kenyan|Somali|Yemeni|Ukrainian|Iranian|Sudanese|"
                      r"Nigerian|Afghan|Pakistani|Iraqi|American|British|French)\b")


def source_kind(phrase):
    """The SourceKind a source phrase reads as, and whether it names nobody."""
    core = re.sub(r"\s*\([A-Z]{2,8}\)", "", CIRCUMSTANCE.sub("", phrase).strip() or phrase)
    first = _first_phrase(core)
    head = _head_noun(first)
    if FOOTAGE.search(core):
        return SourceKind.SOCIAL_MEDIA_FOOTAGE, False
    if OWN_REPORTING.search(core):
        return SourceKind.OWN_REPORTING, False
    if REPORTS.search(core):
        return SourceKind.UNSPECIFIED_REPORTS, False
    if _apposition_names_person(core) or _outlets_person(core):
        return SourceKind.NAMED_PERSON, False
    if head in EYEWITNESS_HEADS and not _names_person(first):
        return SourceKind.EYEWITNESS, True
    if head in ANONYMOUS_HEADS and not _names_person(first) and not PROPER_NAME.match(core):
        return SourceKind.ANONYMOUS, True
    if head in OFFICE_HEADS and re.match(r"^(?:an?|one|another)\s", first, re.I) and not _names_person(first):
        return SourceKind.ANONYMOUS, True
    apposition = _head_noun(_first_phrase(core.split(",", 1)[1])) if "," in core else ""
    if apposition in NEWS_HEADS and len(first.split()) <= 3:
        return SourceKind.NEWS_AGENCY, False
    if head in OFFICIAL_HEADS or re.search(r"\band (?:\w+ )?authorities$", core):
        return SourceKind.OFFICIAL_STATEMENT, False
    return _named_kind(core, head)


def _named_kind(core, head):
    """A phrase that names someone: a medium, a person, an organisation or a state."""
    if STATE_MEDIA.search(core):
        return SourceKind.STATE_MEDIA, False
    if NEWS_OUTLETS.search(core) or head in NEWS_HEADS and (
            not head.startswith("agenc") or re.search(r"\b(?:news|press|information)\s+agenc|^the\s+agency$", core, re.I)):
        return SourceKind.NEWS_AGENCY, False
    if _names_person(core) or (re.match(r"^the\s", core, re.I) and head in OFFICE_HEADS):
        return SourceKind.NAMED_PERSON, False
    country = gazetteer_lookup(re.sub(r"^the\s+", "", core)) if len(core.split()) <= 3 else None
    if country is not None and country.kind == "country" or core in ("Moscow", "Kyiv", "Washington", "Beijing", "Tehran"):
        return SourceKind.OFFICIAL_STATEMENT, False
    if ORGANISATION.search(core) or PROPER_NAME.match(core) or PROPER_NAME.match(_first_phrase(core)):
        return SourceKind.NAMED_ORGANISATION, False
    if re.match(r"^[A-Z]", core) and not re.match(r"^(?:The|A|An)\b", core):
        return SourceKind.NAMED_ORGANISATION, False
    return SourceKind.ANONYMOUS, True


def _first_phrase(core):
    """The phrase's first noun phrase: 'a police officer' of 'a police officer, speaking ...',
    'health authorities' of 'health authorities and local residents', 'Residents' of
    'Residents in Bala Gudud'."""
    parts = re.split(r",|\s+(?:and|or|of|for|by|from|in|at|with|close to|familiar with|whose)\s+", core, maxsplit=1)
    if len(parts) == 2 and len(parts[0].split()) == 1 and parts[0].lower() not in COMMON_HEADS and \
            re.match(r"\S+\s+(?:and|or)\s", core):
        return _first_phrase(parts[1])
    return parts[0]


def _head_noun(first):
    """The last word of a noun phrase: 'officer', 'authorities', 'study'."""
    words = re.findall(r"[\w’'-]+", first)
    return words[-1].lower() if words else ""


def _names_person(phrase):
    head = phrase.split(",")[0]
    if re.search(r"\bGeneral Staff\b", head):
        return False
    if ROLE_THEN_NAME.match(head):
        return True
    if ORGANISATION.search(head) and not TITLE.search(head):
        return False
    names = [name for name in CAPITALISED_NAME.findall(head) if not re.match(r"^(?:The|A|An)\s", name)]
    if TITLE.search(head) and names:
        return True
    if len(head.split()) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", head.strip()) and not ORGANISATION.search(head):
        word = head.strip()
        return word not in ("Moscow", "Kyiv", "Washington") and word.lower() not in COMMON_HEADS \
            and gazetteer_lookup(word) is None
    return bool(names) and len(head.split()) <= 4 and not DEMONYMS.search(head) and not re.match(r"^[Tt]he\s", head)


def _apposition_names_person(core):
    """'A spokesman for the police chief, Sanaullah Rouhani' and 'Fatima, a mother of four' name
    a person, whatever the first noun says."""
    parts = [part.strip() for part in core.split(",")]
    if len(parts) < 2:
        return False
    first, second = parts[0], parts[1]
    single_name = re.fullmatch(r"[A-Z][a-z’'-]{2,}", second) and second.lower() not in COMMON_HEADS
    if (PERSONAL_NAME.fullmatch(second) or single_name) and not ORGANISATION.search(second) and gazetteer_lookup(second) is None:
        return _head_noun(_first_phrase(first)) in OFFICE_HEADS | ANONYMOUS_HEADS | EYEWITNESS_HEADS
    return bool(re.fullmatch(r"[A-Z][a-z’'-]+", first) and PERSON_DESCRIBED.match(second))


def _outlets_person(core):
    """"Al Jazeera's Hoda Abdel-Hamid": a person of an outlet or an organisation, named."""
    possessive = re.match(r"^(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*[’']s\s+(.+)$", core)
    return bool(possessive and PERSONAL_NAME.fullmatch(possessive.group(1)) and not ORGANISATION.search(possessive.group(1)))


def is_speaker_noun(word):
    """A noun that names who speaks: 'official', 'spokesman', 'residents', 'ministry', 'monitor'."""
    word = word.lower().strip(".,")
    return word in COMMON_HEADS | NEWS_HEADS or bool(ORGANISATION.fullmatch(word))


def is_pronoun(phrase):
    return phrase.strip().lower() in PRONOUNS
