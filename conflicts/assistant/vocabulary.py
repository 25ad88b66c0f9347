"""The desk's vocabulary: its places and the source phrases and places editors annotated before.

Read in three queries, whatever the number of records (the loader's query count is pinned
in tests). Only public fields are read: no confidential identity or notes of a source.
"""

import re
from dataclasses import dataclass, field

from ..choices import AnnotationKind
from ..models import Annotation, Location, Source


@dataclass(frozen=True)
class KnownPlace:
    location_id: int
    kind: str
    geonames_id: int | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class KnownSource:
    source_id: int
    kind: str
    anonymous: bool


@dataclass
class Vocabulary:
    """Phrases as written, mapped to the record an editor tied them to."""

    places: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)

    def source_for(self, phrase):
        return self.sources.get(_source_key(phrase))


def vocabulary_load():
    """The desk's Location names and spellings, Source labels and annotated phrases."""
    vocabulary = Vocabulary()
    for row in Location.objects.current().values("id", "name", "alternative_names", "kind", "geonames_id", "latitude", "longitude"):
        vocabulary_add_location(vocabulary, **row)
    for row in Source.objects.current().values("id", "public_label", "kind", "is_anonymous"):
        vocabulary_add_source(vocabulary, **row)
    annotated = Annotation.objects.filter(kind__in=[AnnotationKind.SOURCE, AnnotationKind.PLACE]).values(
        "kind", "quote", "source_id", "source__kind", "source__is_anonymous", "location_id", "location__kind",
        "location__geonames_id", "location__latitude", "location__longitude",
    )
    for row in annotated:
        _learn(vocabulary, row)
    return vocabulary


def vocabulary_add_location(vocabulary, *, id, name, alternative_names, kind, geonames_id, latitude, longitude):
    """A Location under its name and every spelling; 'Idlib province' also as 'Idlib' and the
    'M5 highway' also as 'M5', the way reports shorten them."""
    place = KnownPlace(id, kind, geonames_id, _float(latitude), _float(longitude))
    for written in [name, *alternative_names.splitlines()]:
        written = written.strip()
        if not written:
            continue
        vocabulary.places.setdefault(written, place)
        short = re.fullmatch(r"(.+?) (?:province|governorate|oblast)|([A-Z]\d{1,3}) (?:highway|motorway|road)", written)
        if short:
            vocabulary.places.setdefault(short.group(1) or short.group(2), place)


def vocabulary_add_source(vocabulary, *, id, public_label, kind, is_anonymous):
    vocabulary.sources.setdefault(_source_key(public_label), KnownSource(id, kind, is_anonymous))


def _learn(vocabulary, row):
    quote = row["quote"].strip()
    if not quote:
        return
    if row["kind"] == AnnotationKind.PLACE and row["location_id"]:
        vocabulary.places.setdefault(quote, KnownPlace(
            row["location_id"], row["location__kind"], row["location__geonames_id"],
            _float(row["location__latitude"]), _float(row["location__longitude"])))
    elif row["kind"] == AnnotationKind.SOURCE and row["source_id"]:
        vocabulary.sources.setdefault(_source_key(quote), KnownSource(
            row["source_id"], row["source__kind"], row["source__is_anonymous"]))


def _source_key(phrase):
    """'A security source speaking to TRT World' and 'the security source' share 'security source'."""
    words = phrase.lower().replace("’", "'").split()
    for lead in ("according", "to", "said", "says", "added", "the", "a", "an", "some"):
        if words and words[0] == lead:
            words = words[1:]
    return " ".join(words).strip(" ,.")


def _float(value):
    return None if value is None else float(value)
