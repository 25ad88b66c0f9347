"""Figures: counts of people and things in the text, with their range and what they count.

"between 10,000 and 15,000 troops" gives low 10000 and high 15000, "at least seven" low 7,
"nearly 190,000" high 190000, "dozens" keeps its words with both numbers null. Dates, ages,
distances, durations and percentages are never figures.
"""

import re

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "a dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}
VAGUE = r"(?:tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions)"
WORD = r"(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
NUMBER = r"(?:\d{1,3}(?:,\d{3}){1,6}|\d{1,15}(?:\.\d{1,6})?|" + WORD + r")(?:\s+(?:hundred|thousand|million|billion|dozen))?"
LOWER = r"at least|more than|over|upwards of|no fewer than|as many as|in excess of"
UPPER = r"nearly|almost|up to|fewer than|less than|under"
ABOUT = r"about|around|approximately|some|roughly|an estimated|estimated|close to"
FIGURE = re.compile(
    r"(?<![\w$£€.,-])(?:(?P<range>between\s+(?P<a>" + NUMBER + r")\s+and\s+(?P<b>" + NUMBER + r"))"
    r"|(?:(?P<qualifier>" + LOWER + "|" + UPPER + "|" + ABOUT + r")\s+)?(?P<n>" + NUMBER + r")"
    r"(?:\s*(?:-|to|–)\s*(?P<n2>" + NUMBER + r"))?"
    r"|(?P<vague>" + VAGUE + r"))(?![\w])",
    re.IGNORECASE,
)
EXCLUDED_AFTER = re.compile(
    r"^(?:-|\s)*(?:km|kms|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|year|years|months?|weeks?|days?|hours?|"
    r"minutes?|seconds?|percent|per cent|%|am|pm|a\.m\.|p\.m\.|gmt|dollars?|euros?|pounds?|hectares?|"
    r"year-old|years-old|sq|square|degrees?|mm|times|st|nd|rd|th|min)\b",
    re.IGNORECASE,
)
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
DATE_BEFORE = re.compile(MONTHS + r"\s*$", re.IGNORECASE)
CASUALTIES = {
    "killed": "killed", "killing": "killed", "kills": "killed", "kill": "killed", "dead": "killed", "died": "killed",
    "die": "killed", "deaths": "killed", "death": "killed", "martyrs": "killed", "lives": "killed", "toll": "killed",
    "wounded": "wounded", "wounding": "wounded", "injured": "wounded", "injuring": "wounded", "injuries": "wounded", "injury": "wounded",
    "missing": "missing", "displaced": "displaced", "fled": "displaced", "refugees": "displaced",
    "neutralized": "neutralised", "neutralised": "neutralised", "neutralizes": "neutralised",
    "detained": "detained", "arrested": "detained", "captured": "captured",
    "martyred": "killed", "slain": "killed", "perished": "killed", "massacred": "killed", "executed": "killed",
    "injures": "wounded", "injure": "wounded", "wounds": "wounded", "hurt": "wounded",
    "abducted": "abducted", "kidnapped": "abducted", "kidnapping": "abducted",
}
COUNTED = frozenset(
    ["people", "persons", "civilians", "children", "women", "men", "soldiers", "troops", "officers", "policemen", "police", "fighters", "militants", "terrorists", "rebels", "insurgents", "bodies", "victims", "others", "families", "households", "refugees", "residents", "houses", "homes", "buildings", "vehicles", "cars", "trucks", "tanks", "drones", "missiles", "rockets", "shells", "sources", "officials", "groups", "attacks", "factions", "militias", "units", "battalions", "brigades", "raids", "mortars", "airstrikes", "strikes", "settlements", "villages", "towns", "convoys", "posts", "outposts", "checkpoints", "martyrs", "brothers", "sisters", "casualties", "attackers", "blasts", "explosions", "colleagues", "worshippers", "students", "journalists", "aid", "workers", "patients", "prisoners", "hostages", "detainees", "personnel", "servicemen", "crew", "members", "bombs", "mines", "boats", "ships", "aircraft", "planes", "helicopters", "jets", "sides", "settlers", "protesters", "demonstrators", "migrants", "infants", "babies", "girls", "boys", "teenagers", "person", "man", "woman", "child", "states", "provinces", "regions", "districts", "countries", "cities", "camps", "schools", "hospitals", "mosques", "churches", "markets", "shops", "clinics", "bridges", "positions", "bases", "brothers-in-law", "sons", "daughters", "relatives", "guards", "gunmen", "pilots", "sailors", "commanders", "leaders", "villagers", "wives", "husbands", "siblings", "mothers", "fathers", "journalist", "doctors", "nurses", "medics", "paramedics", "rescuers", "tents", "shelters", "ambulances", "vessels", "warships", "satellites", "launchers", "shells", "officer", "soldier", "fighter", "civilian", "police", "officer", "vehicle", "drone", "missile", "rocket", "house", "building", "home", "body", "jihadists", "jihadis", "extremists",
     "assailants", "citizens", "elements", "taliban", "militiamen", "paramilitaries", "combatants", "separatists",
     "mercenaries", "peacekeepers", "contractors", "passengers", "pilgrims", "farmers", "herders", "miners",
     "fishermen", "traders", "employees", "staff", "volunteers", "suspects", "worshipers", "pupils", "residences",
     "apartments", "dwellings", "warplanes", "artillery", "shells", "projectiles", "grenades", "explosives", "bombings"]
)
CLAUSE_WORDS = frozenset(["were", "was", "are", "is", "have", "has", "had", "that", "who", "which", "in", "on", "at",
                          "from", "to", "and", "or", "by", "after", "before", "when", "since", "of", "for", "with"])
TOLL_BEFORE = re.compile(r"\b(?:toll|tally|number|count)\b[^.;]{0,90}\b(?:at|to)\s*$", re.I)
YEAR_BEFORE = re.compile(r"\b(?:in|since|until|by|before|after|from|of|during|early|late|mid)\s*$", re.I)
DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ans|ians|is|ese|ish|ans)$")


def figures_find(text):
    """Every figure of the text, in order."""
    found = []
    for match in FIGURE.finditer(text):
        figure = _figure(text, match)
        if figure:
            found.append(figure)
    return found


def _figure(text, match):
    after = text[match.end():match.end() + 40]
    before = text[max(0, match.start() - 40):match.start()]
    if EXCLUDED_AFTER.match(after) or re.match(r"^[\-\s]*(?:year|month|week|day|hour|minute)s?\b", after, re.I):
        return None
    if match.group("n") and not match.group("qualifier") and re.fullmatch(r"\d+", match.group("n")):
        model_number = re.search(r"[a-z,]\s+[A-Z][\w-]*\s$", before) and not _plural_counted(after)
        if DATE_BEFORE.search(before) or model_number and not _casualty_next(after):
            return None
        if 1900 <= int(match.group("n")) <= 2100 and (not _counted(after) or YEAR_BEFORE.search(before)):
            return None
    if re.match(r"^\s+of\s+(?:the|them|whom|its|his|her|their|our|us)\b", after) and _value(match.group("n") or "") == 1:
        return None
    counts = _counts(text, match, before, after)
    if counts is None:
        return None
    low, high = _range(match)
    return {"start": match.start(), "end": match.end(), "text": match.group(0), "low": low, "high": high,
            "counts": counts}


def _counts(text, match, before, after):
    strong = re.match(r"^-strong\b", after)
    if strong:
        return "troops"
    words = re.findall(r"[A-Za-z’'-]+", after)[:6]
    head = _counted(after)
    clause = re.findall(r"[A-Za-z’'-]+", re.split(r"[,.;:()]|\band\b", text[match.end():match.end() + 70])[0])[:8]
    casualty = next((CASUALTIES[w.lower()] for w in clause if w.lower() in CASUALTIES), None)
    previous = re.findall(r"[A-Za-z]+", re.split(r"[,.;:()]", before)[-1])[-3:]
    casualty_before = next((CASUALTIES[w.lower()] for w in reversed(previous) if w.lower() in CASUALTIES), None)
    if re.search(r"(?:risen|rose|rises|rise|climbed|reached)\s+to\s*$", before) and re.search(r"toll", text[max(0, match.start() - 200):match.start()], re.I):
        return casualty or "killed"
    if TOLL_BEFORE.search(text[max(0, match.start() - 120):match.start()]):
        return casualty_before or "killed"
    if re.match(r"^\s+(?:\w+\s+){0,3}(?:from|out of)\s+(?:their|his|her|its)\s+(?:homes?|villages?|towns?)\b", after):
        return "displaced"
    if casualty_before and re.search(r"\b(?:" + "|".join(CASUALTIES) + r")\s+$", before, re.I):
        return casualty_before
    if re.match(r"^\s+of\s+(?:the|them|those)\b", after) and _value(match.group("n") or "") not in (None, 1):
        return casualty or "people"
    if head is None and not (words and words[0].lower() in CASUALTIES) and not re.match(r"^\)\s+[A-Z][a-z]+\s+[A-Z]", after):
        return None
    if words and words[0].lower() in CASUALTIES:
        return CASUALTIES[words[0].lower()]
    return casualty_before or casualty or head or "people"


def _counted(after):
    """The counted noun after a number: the first counted thing among its next words, read past
    adjectives and names ('four other senior Taliban militants') up to a verb or a clause."""
    words = re.findall(r"[A-Za-z’'-]+", re.split(r"[,.;:()]", after)[0])[:6]
    if words and words[0].lower() == "of":
        words = words[1:]
        if words and words[0].lower() in ("the", "these", "those", "its", "their", "his", "her", "our", "my"):
            words = words[1:]
    for word in words[:5]:
        lowered = word.lower()
        if lowered in COUNTED or lowered.split("-")[0] in COUNTED or DEMONYM.match(word):
            return lowered if lowered in COUNTED or lowered.split("-")[0] in COUNTED else word
        if word.islower() and lowered in CLAUSE_WORDS:
            return None
    return None


def _casualty_next(after):
    words = re.findall(r"[A-Za-z]+", after)[:1]
    return bool(words) and words[0].lower() in CASUALTIES


def _plural_counted(after):
    counted = _counted(after)
    return counted is not None and counted.endswith(("s", "people", "police", "men", "children", "personnel"))


def _range(match):
    if match.group("range"):
        return _value(match.group("a")), _value(match.group("b"))
    if match.group("vague"):
        return None, None
    value = _value(match.group("n"))
    if match.group("n2"):
        return value, _value(match.group("n2"))
    qualifier = (match.group("qualifier") or "").lower()
    if re.fullmatch(LOWER, qualifier):
        return value, None
    if re.fullmatch(UPPER, qualifier):
        return None, value
    return value, value


def _value(words):
    words = words.lower().replace(",", "").strip()
    if words in UNITS:
        return UNITS[words]
    scale = 1
    for name, factor in SCALES.items():
        if words.endswith(" " + name):
            words, scale = words[: -len(name) - 1].strip(), factor
    try:
        number = float(words)
    except ValueError:
        head, _, tail = words.partition("-")
        number = UNITS.get(head, UNITS.get(words))
        if number is None:
            return None
        number += UNITS.get(tail, 0) if tail else 0
    value = number * scale
    return int(value) if value == int(value) else value


COUNTS_OF_NOUNS = {
    "troops": "troops", "soldiers": "troops", "servicemen": "troops", "personnel": "troops",
    "vehicles": "vehicles", "cars": "vehicles", "trucks": "vehicles", "tanks": "vehicles", "convoys": "vehicles",
    "airstrikes": "strikes", "strikes": "strikes", "missiles": "strikes", "rockets": "strikes", "drones": "strikes",
    "posts": "posts", "outposts": "posts", "checkpoints": "posts", "refugees": "displaced",
}
COMBATANTS = frozenset(["troops", "soldiers", "fighters", "militants", "rebels", "insurgents", "servicemen",
                        "personnel", "attackers", "officers", "policemen", "police"])
FIGURE_COUNTS = frozenset(["killed", "wounded", "displaced", "detained", "troops", "vehicles", "strikes", "posts"])


def figure_fields(suggestion):
    """The fields of a Figure record for a suggested figure ({"text", "low", "high", "counts"}): the
    vocabulary's kind where the counted words name one, else "other" with the words as its label."""
    counts = str(suggestion.get("counts") or "people")
    noun = counts.lower()
    kind = counts if counts in FIGURE_COUNTS else COUNTS_OF_NOUNS.get(noun, "other")
    low, high = (_whole(suggestion.get(name)) for name in ("low", "high"))
    best = low if low is not None and low == high else None
    if best is not None:
        low = high = None
    return {
        "counts": kind, "counts_label": counts[:100] if kind == "other" else "",
        "counted": "civilians" if noun == "civilians" else "combatants" if noun in COMBATANTS else "unspecified",
        "low": low, "best": best, "high": high, "words": str(suggestion.get("text") or "")[:255],
    }


def _whole(number):
    """A whole, non-negative count, or None ("1.5 people" is not a count)."""
    if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0 or number != int(number):
        return None
    return int(number)
