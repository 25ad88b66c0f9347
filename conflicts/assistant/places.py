"""Places: the desk's own Locations first (names and spellings), then the gazetteer, then
places the text itself calls a village, town, district or region.

A name inside an organisation's name ("Kherson Regional Military Administration") or a
person's name is not a place, nor is a capitalised word the text also uses in lower case.
"""

import re

from ..choices import GeoPrecision, LocationKind
from .gazetteer import gazetteer_lookup, gazetteer_lookup_loose

CONNECTOR = r"(?:al|el|ad|ar|as|ash|at|az|an|ul|bin|ibn|de|du|of|the)"
NAME_TOKEN = r"(?<![\w’'-])(?:(?:al|el|ad|ar|as|ash|an)-)?[A-Z][\w’'-]{0,40}(?![\w’'-])"
CHUNK = re.compile(NAME_TOKEN + r"(?:[ \t]+(?:" + CONNECTOR + r"[ \t]+|(?:" + CONNECTOR + r"-))?" + NAME_TOKEN + r")*|(?<![\w-])(?:al|el)-[A-Z][\w’'-]{0,40}")
DIRECTIONS = frozenset(["North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Greater", "Upper", "Lower", "New", "Old"])
KIND_WORDS = {
    "village": LocationKind.VILLAGE, "villages": LocationKind.VILLAGE, "town": LocationKind.TOWN,
    "city": LocationKind.CITY, "district": LocationKind.REGION, "districts": LocationKind.REGION,
    "neighbourhood": LocationKind.REGION, "neighborhood": LocationKind.REGION, "region": LocationKind.REGION,
    "regions": LocationKind.REGION, "province": LocationKind.PROVINCE, "provinces": LocationKind.PROVINCE,
    "governorate": LocationKind.PROVINCE, "county": LocationKind.PROVINCE, "oblast": LocationKind.PROVINCE,
    "state": LocationKind.PROVINCE, "State": LocationKind.PROVINCE, "camp": LocationKind.TOWN, "area": LocationKind.REGION, "crossing": LocationKind.BORDER_CROSSING,
    "highway": LocationKind.ROAD, "road": LocationKind.ROAD, "base": LocationKind.MILITARY_POST,
    "outpost": LocationKind.MILITARY_POST, "provincial": LocationKind.PROVINCE, "police station": LocationKind.MILITARY_POST,
    "police stations": LocationKind.MILITARY_POST, "checkpoint": LocationKind.MILITARY_POST, "airbase": LocationKind.MILITARY_POST,
}
ORGANISATION_WORDS = frozenset(
    ["Ministry", "Agency", "Observatory", "Forces", "Force", "Administration", "Organization", "Organisation", "Commission", "Council", "Army", "Unit", "Group", "Front", "Committee", "Office", "Authority", "Authorities", "Police", "Service", "Services", "Brigade", "Brigades", "Movement", "Party", "Union", "Mission", "Network", "Programme", "Program", "Fund", "Bank", "Court", "Corps", "TV", "Television", "News", "Radio", "Press", "Times", "Post", "Guard", "Guards", "Institute", "University", "Hospital", "Company", "Coalition", "Alliance", "Directorate", "Defense", "Defence", "Cross", "Crescent", "Command", "Association", "Centre", "Center", "Media", "Committees", "Councils", "Networks", "Taliban", "Shabaab",
     "Shabab", "Hezbollah", "Hamas", "Houthis", "Society", "Federation", "Foundation", "Doctors"]
)
TITLES = frozenset(
    ["President", "Prime", "Minister", "Major", "Maj", "Gen", "General", "Colonel", "Col", "Lt", "Lieutenant", "Captain", "Sheikh", "Sheik", "Mr", "Mrs", "Ms", "Dr", "Governor", "Gov", "Mayor", "Inspector", "Commander", "Sergeant", "Sgt", "King", "Prince", "Emir", "Imam", "Ayatollah", "Senator", "Spokesman", "spokesman", "spokesperson", "commander", "Secretary", "Chief", "chief", "head", "Head", "Deputy", "Director", "director"]
)
NOT_PLACES = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "The", "A", "An", "In", "On", "At", "By", "For", "But", "And", "Earlier", "Later", "Since", "As", "If", "Of", "To", "Up", "So", "Or", "Meanwhile", "However", "Reuters", "AFP", "AP", "IANS", "Xinhua", "Telegram", "Facebook", "Twitter", "YouTube", "Human", "Rights", "Hamas", "Hezbollah", "Houthi", "Houthis", "Taliban", "Ramadan", "Eid", "Islam", "Allah", "Muslim", "Christian", "Shiite", "Sunni", "God"]
)
# Capitalised at a sentence's start, these are English words, whatever town the gazetteer knows by them.
ENGLISH_WORDS = frozenset(
    ["More", "Most", "Many", "Several", "Some", "All", "Other", "Such", "This", "That", "These", "Those", "There",
     "Their", "They", "It", "He", "She", "We", "His", "Her", "Its", "Our", "One", "Two", "Three", "Four", "Five",
     "Residents", "Police", "Security", "Local", "Officials", "Witnesses", "Footage",
     "Both", "Each", "No", "Not", "After", "Before", "During", "When", "While", "Where", "Who", "What", "Why", "How",
     "Islamic", "Arab", "Arabs", "Base", "Camp", "Town", "Said", "Says", "Suspected", "Gunmen", "Troops", "Soldiers", "Militants", "Villagers"])
DIRECTION_BEFORE = re.compile(r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower)\s$")
LOWER_DIRECTION = re.compile(
    r"\b(?:north|south|east|west|central)(?:ern|east|west|eastern|western)?\s+"
    r"((?:(?:al|el)-)?[A-Z][a-z’'-]{2,40}(?:\s+[A-Z][a-z’'-]{2,40})?)(?![\w’'-])")
DEMONYM_WORDS = frozenset(["Baloch", "Baluch", "Pashtun", "Pashtuns", "Pakhtun", "Kurd", "Kurds", "Arab", "Arabs", "Tajik",
                           "Uzbek", "Turkmen", "Druze", "Yazidi", "Yazidis", "Tutsi", "Hutu", "Fulani", "Tuareg", "Rohingya"])
LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|from|at|towards|around|into|across)\s+(?:the\s+)?"
                             r"(?:(?:north|south|east|west)(?:ern)?\s+)?$")
# 'Saudi state TV', 'Syrian state media': 'state' as an adjective, not 'Gezira state'.
STATE_ADJECTIVE = re.compile(r"[\s-]+(?:TV|television|media|news|radio|agency|broadcaster|channel|outlet|newspaper|security|"
                             r"officials?|forces|department|run|owned|funded|sponsored|controlled|affiliated|backed)\b")
SETTLEMENTS = (LocationKind.CITY, LocationKind.TOWN, LocationKind.VILLAGE)
SEAS = re.compile(
    r"\b(?:(?:the\s+)?(?:Red|Black|Caspian|Mediterranean|Baltic|Arabian|Dead|Aegean|Adriatic|North|South China|"
    r"Yellow|Caribbean)\s+Sea|Sea\s+of\s+[A-Z]\w+|Gulf\s+of\s+[A-Z]\w+|Strait\s+of\s+[A-Z]\w+|"
    r"(?:Persian|Arabian)\s+Gulf|Gaza\s+Strip|West\s+Bank|Golan\s+Heights|Sinai(?:\s+Peninsula)?|"
    r"Horn\s+of\s+Africa|Middle\s+East|Sahel|Donbas|Donbass|Crimea|Darfur|Kordofan|Kurdistan|"
    r"Nagorno-Karabakh|Kashmir|Balochistan|Tigray)\b"
)


def places_find(text, vocabulary, people_spans=()):
    """Every place mention, longest name first, never two on the same words."""
    found, taken = [], list(people_spans)
    finders = (lambda t, f: _desk_places(t, vocabulary), _named_features, _described_places, _gazetteer_places,
               _appositive_places, _directed_places, _mentioned_again, _misspelled_places)
    for finder in finders:
        for place in finder(text, found):
            place = _with_direction(text, place)
            if not any(place["start"] < end and start < place["end"] for start, end in taken):
                taken.append((place["start"], place["end"]))
                found.append(place)
    return sorted(found, key=lambda place: place["start"])


def _with_direction(text, place):
    """'North Darfur', 'South Kordofan': a direction written before a place is part of its name."""
    direction = DIRECTION_BEFORE.search(text, max(0, place["start"] - 10), place["start"])
    if not direction or place["location_id"] is not None:
        return place
    return {**place, "start": direction.start(), "text": text[direction.start():place["end"]]}


def _directed_places(text, found):
    """'northeastern Kunar', 'southern Lebanon': a name after a lower-case compass direction."""
    for match in LOWER_DIRECTION.finditer(text):
        name = match.group(1)
        if name.split()[0] in NOT_PLACES | ENGLISH_WORDS | TITLES or _demonym(name.split()[0]):
            continue
        if _chunk_is_organisation(name) or _inside_organisation(text, match.start(1), match.end(1)):
            continue
        yield _place(match.start(1), match.end(1), text, LocationKind.REGION)


def _mentioned_again(text, found):
    """A place the text named once ('the town of al-Qurriya') is a place at every mention."""
    named = {}
    for place in found:
        named.setdefault(place["text"], place)
    for name, place in named.items():
        for match in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if _inside_organisation(text, match.start(), match.end()) or _after_title(text, match.start()):
                continue
            yield {**place, "start": match.start(), "end": match.end()}


def _misspelled_places(text, found):
    """'in Peshwar': after a word that places something, a name the gazetteer knows spelt otherwise."""
    lowered = set(re.findall(r"\b[a-z][\w’'-]+\b", text))
    for chunk in CHUNK.finditer(text):
        name = re.sub(r"[’']s$", "", chunk.group(0).rstrip(",.;:’'”)"))
        if len(name.split()) > 2 or not LOCATIVE_BEFORE.search(text, max(0, chunk.start() - 40), chunk.start()):
            continue
        if {name, name.split()[0]} & (NOT_PLACES | ENGLISH_WORDS | DIRECTIONS | TITLES) or name.lower() in lowered:
            continue
        if _demonym(name) or _chunk_is_organisation(name) or _after_title(text, chunk.start()):
            continue
        known = gazetteer_lookup_loose(name)
        if known is not None:
            end = chunk.start() + len(name)
            yield _place(chunk.start(), end, text, known.kind, None, known.geonames_id, known.latitude, known.longitude)


def _desk_places(text, vocabulary):
    for name in sorted(vocabulary.places, key=len, reverse=True):
        for match in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w])", text):
            known = vocabulary.places[name]
            yield _place(match.start(), match.end(), text, known.kind, known.location_id, known.geonames_id,
                         known.latitude, known.longitude)


def _named_features(text, found):
    for match in SEAS.finditer(text):
        start = match.start() + (4 if match.group(0).startswith("the ") else 0)
        if _inside_organisation(text, start, match.end()):
            continue
        known = gazetteer_lookup(text[start:match.end()])
        if known:
            yield _place(start, match.end(), text, known.kind, None, known.geonames_id, known.latitude, known.longitude)
        else:
            yield _place(start, match.end(), text, LocationKind.REGION)


def _gazetteer_places(text, found):
    lowered = set(re.findall(r"\b[a-z][\w’'-]+\b", text))
    for chunk in CHUNK.finditer(text):
        if _chunk_is_organisation(chunk.group(0)) or _after_title(text, chunk.start()):
            continue
        yield from _names_in_chunk(text, chunk.start(), chunk.group(0), lowered)


def _names_in_chunk(text, offset, chunk, lowered):
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", chunk)]
    i = 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + 4), i, -1):
            start, end = offset + tokens[i][0], offset + tokens[j - 1][1]
            while end > start and text[end - 1] in ",.;:’'”)":
                end -= 1
            if text[end - 2:end] in ("’s", "'s"):
                end -= 2
            hyphen = re.match(r"[^-]+(?=-[a-z])|[A-Z]{3,}(?=-[A-Z])", text[start:end]) if j == i + 1 else None
            if hyphen:
                end = start + hyphen.end()
            name = text[start:end]
            if j == i + 1 and i > 0 and _person_surname(chunk, tokens, i):
                continue
            place = _gazetteer_place(text, start, end, name, lowered)
            joined = re.match(r"[A-Z][a-z]{3,}(?=-[A-Z])", name) if j == i + 1 and place is None else None
            if joined and gazetteer_lookup(name[joined.end() + 1:]) is None:
                place = _gazetteer_place(text, start, start + joined.end(), joined.group(0), lowered)
            if place:
                yield place
                i = j
                break
        else:
            i += 1


def _person_surname(chunk, tokens, i):
    """'Tom Perry': a lone name after a capitalised word that is neither a place nor a direction."""
    before = chunk[tokens[i - 1][0]:tokens[i - 1][1]].strip(",")
    return before[:1].isupper() and before not in DIRECTIONS and gazetteer_lookup(before) is None and not _demonym(before)


def _demonym(word):
    """'Syrian', 'Somali', 'Israeli', 'Baloch': the people or adjective of a place, not the place."""
    if re.search(r"(?:ian|ians|ese|ish|ean)$", word) or word in DEMONYM_WORDS:
        return True
    if not word.endswith("i"):
        return False
    itself = gazetteer_lookup(word)
    if itself is not None and itself.kind == LocationKind.COUNTRY:
        return False
    return any(gazetteer_lookup(stem) for stem in (word[:-1], word + "a"))


def _gazetteer_place(text, start, end, name, lowered):
    if name in NOT_PLACES or name in ENGLISH_WORDS or name in DIRECTIONS or name.lower() in lowered or (name.isupper() and len(name) <= 3) or _demonym(name):
        return None
    if text[start - 1:start] == "-":
        return None
    if re.match(r"^-(?:based|backed|led|run|controlled|held|born|linked|affiliated|allied|style|type|made|class|flagged|"
                r"owned|registered|bound)\b", text[end:end + 14]):
        return None
    known = gazetteer_lookup(name)
    if known is None:
        return None
    return _place(start, end, text, known.kind, None, known.geonames_id, known.latitude, known.longitude)


def _described_places(text, found):
    """'the village of Latamneh', 'Afgoi town', 'the Hakurk, Metina, and Gara regions'."""
    words = "|".join(KIND_WORDS)
    name = r"(?<![\w’'-])((?:(?:al|el)-)?[A-Z][\w’'-]{1,40}(?:[ -](?:(?:al|el)-)?[A-Z][\w’'-]{1,40}){0,2})"
    for match in re.finditer(r"\b(" + words + r")\s+of\s+" + name, text):
        if not _chunk_is_organisation(match.group(2)) and not _demonym(match.group(2)):
            yield _described(text, match.start(2), match.end(2), KIND_WORDS[match.group(1)])
    for match in re.finditer(name + r"\s+(?:(?:residential|northern|southern|eastern|western|central|rural|coastal|border)\s+)?(" + words + r")\b", text):
        leading = re.match(r"(?:(?:The|A|An|In|On|At|By|For|From)\s+)?(?:[^\s’']+[’']s\s+)?", match.group(1)).end()
        start, named = match.start(1) + leading, match.group(1)[leading:]
        if not named or _chunk_is_organisation(named) or named.split()[0] in NOT_PLACES | TITLES | ENGLISH_WORDS:
            continue
        if _demonym(named) or match.group(2) == "road" or re.fullmatch(r"[A-Z]{2,6}s?", named):
            continue
        if match.group(2).lower() == "state" and STATE_ADJECTIVE.match(text, match.end()):
            continue
        kind = KIND_WORDS[match.group(2)]
        yield _described(text, start, match.end(1), kind)
        if match.group(2).endswith("s"):
            yield from _listed_before(text, match.start(1), kind)


def _appositive_places(text, found):
    """'Janaale, an agriculturally-rich region', 'Baidoa, a town in the south': a name the text
    describes in apposition."""
    words = "|".join(k for k in KIND_WORDS if k.islower() and not k.endswith("s"))
    pattern = r"(?<![\w’'-])([A-Z][\w’'-]{2,40}(?:\s[A-Z][\w’'-]{2,40})?),\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(" + words + r")\b"
    for match in re.finditer(pattern, text):
        name = match.group(1)
        if name.split()[0] in NOT_PLACES | ENGLISH_WORDS | TITLES or _demonym(name) or _chunk_is_organisation(name):
            continue
        yield _described(text, match.start(1), match.end(1), KIND_WORDS[match.group(2)])


def _described(text, start, end, kind):
    """The kind the text gives; the gazetteer's point when it knows a settlement of that name."""
    known = gazetteer_lookup(text[start:end]) if kind in SETTLEMENTS else None
    if known is None or known.kind not in SETTLEMENTS:
        return _place(start, end, text, kind)
    return _place(start, end, text, kind, None, known.geonames_id, known.latitude, known.longitude)


def _listed_before(text, end, kind):
    for match in re.finditer(r"(?<![\w’'-])([A-Z][\w’'-]{1,40}(?:\s[A-Z][\w’'-]{1,40}){0,2}),?\s+(?:and\s+)?(?=[A-Z])",
                             text[max(0, end - 80):end]):
        start = max(0, end - 80) + match.start(1)
        if text[start:start + len(match.group(1))] not in NOT_PLACES:
            yield _place(start, start + len(match.group(1)), text, kind)


def _place(start, end, text, kind, location_id=None, geonames_id=None, latitude=None, longitude=None):
    return {"start": start, "end": end, "text": text[start:end], "location_id": location_id, "kind": str(kind),
            "geonames_id": geonames_id, "latitude": latitude, "longitude": longitude,
            "precision": str(_precision(kind, latitude))}


def _precision(kind, latitude):
    if kind == LocationKind.COUNTRY:
        return GeoPrecision.COUNTRY
    if kind in (LocationKind.REGION, LocationKind.PROVINCE):
        return GeoPrecision.REGION
    return GeoPrecision.SETTLEMENT if latitude is not None else GeoPrecision.APPROXIMATE


def _chunk_is_organisation(chunk):
    return any(word.strip(",.’'") in ORGANISATION_WORDS for word in re.split(r"[\s-]+", chunk))


def _inside_organisation(text, start, end):
    chunk = next((m for m in CHUNK.finditer(text, max(0, start - 60), min(len(text), end + 60))
                  if m.start() <= start and m.end() >= end), None)
    return chunk is not None and _chunk_is_organisation(chunk.group(0))


def _after_title(text, start):
    previous = re.findall(r"[A-Za-z]+", text[max(0, start - 25):start])
    return bool(previous) and previous[-1] in TITLES
