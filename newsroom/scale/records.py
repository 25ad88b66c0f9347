"""The desk's records at scale, written in bulk: conflicts, places, sources, claims with their
status histories and sources, and tallies of figures, with the reference-index and search rows
Wagtail would write for each."""

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry

from conflicts.models import (
    Claim,
    ClaimAttribution,
    ClaimStatusChange,
    Conflict,
    Figure,
    FigureStatusChange,
    Location,
    Partner,
    Source,
    Tally,
)

from . import words
from .bulk import db_value, ids_reserve, rows_write
from .search import search_index_add

BATCH = 5000


@dataclass
class Desk:
    """What pages are written from: ids and the words that name them, by conflict."""

    conflicts: list = field(default_factory=list)  # Conflict
    places: dict = field(default_factory=dict)  # conflict pk -> [(pk, name)]
    sources: list = field(default_factory=list)  # (pk, label)
    claims: dict = field(default_factory=dict)  # conflict pk -> [(pk, statement)]
    hot_claims: list = field(default_factory=list)  # (pk, statement), hottest first


# The tables written by the hundred thousand (see bulk.bulk_loading).
BULK_MODELS = [Claim, ClaimStatusChange, ClaimAttribution, Claim.places.through, ReferenceIndex, IndexEntry]
REFERENCE_COLUMNS = ["content_type_id", "base_content_type_id", "object_id", "to_content_type_id", "to_object_id",
                     "model_path", "content_path", "content_path_hash"]


# The namespace of ReferenceIndex._get_content_path_hash (a uuid5); the tests compare with Wagtail's.
CONTENT_PATH_NAMESPACE = uuid.UUID("bdc70d8b-e7a2-4c2a-bf43-2a3e3fcbbe86").bytes


def reference_tuple(source, to, to_pk, path, content_path=None):
    """A reference-index row as a tuple of REFERENCE_COLUMNS."""
    content_path = content_path or path
    return (source[0], source[1], str(source[2]), to, str(to_pk), path, content_path,
            content_path_hash(content_path))


def content_path_hash(content_path):
    """ReferenceIndex._get_content_path_hash as the hex of the uuid5, without building UUID objects (a
    fifth of the Python time of writing a million reference rows)."""
    digest = bytearray(hashlib.sha1(CONTENT_PATH_NAMESPACE + content_path.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    return digest.hex()


def content_type_id(model):
    return ContentType.objects.get_for_model(model).pk


def conflicts_ensure():
    """The demo's conflicts and a few more; the demo partner receives all of them."""
    for name, slug, summary in words.CONFLICTS:
        Conflict.objects.get_or_create(slug=slug, defaults={"name": name, "summary": summary})
    conflicts = list(Conflict.objects.order_by("pk"))
    for partner in Partner.objects.all():
        partner.conflicts.add(*conflicts)
    return conflicts


def places_create(desk, count, rng):
    """`count` places spread over the conflicts, each a child of a province-like parent."""
    rows, links = [], []
    existing = Location.objects.count()
    for index in range(count):
        conflict = desk.conflicts[index % len(desk.conflicts)]
        name = f"{rng.choice(words.PLACE_PREFIXES)} {rng.choice(words.PLACE_ROOTS)}"
        rows.append(Location(
            name=name, slug=f"{slugify(name)}-{existing + index}", kind=rng.choice(words.PLACE_KINDS),
            alternative_names=name.replace("Tal ", "Tell ").replace("Kafr ", "Kfar "),
            latitude=Decimal(f"{rng.uniform(12, 37):.6f}"), longitude=Decimal(f"{rng.uniform(-5, 48):.6f}"),
        ))
    Location.objects.bulk_create(rows, batch_size=BATCH)
    for index, place in enumerate(rows):
        conflict = desk.conflicts[index % len(desk.conflicts)]
        desk.places.setdefault(conflict.pk, []).append((place.pk, place.name))
        links.append(Location.conflicts.through(location_id=place.pk, conflict_id=conflict.pk))
    Location.conflicts.through.objects.bulk_create(links, batch_size=BATCH)
    search_index_add(Location, rows)


def sources_create(desk, count, rng):
    rows = []
    all_places = [place for places in desk.places.values() for place in places]
    for index in range(count):
        pattern, kind, reason = words.SOURCE_PATTERNS[index % len(words.SOURCE_PATTERNS)]
        label = pattern.format(place=rng.choice(all_places)[1])
        if "{place}" not in pattern and index >= len(words.SOURCE_PATTERNS):
            label = f"{label} ({index})"
        rows.append(Source(
            public_label=label, kind=kind, is_anonymous=bool(reason), anonymity_reason=reason,
            reliability=rng.choice("ABCDEF"),
            confidential_identity=f"Contact {index}" if reason else "",
        ))
    Source.objects.bulk_create(rows, batch_size=BATCH)
    desk.sources = [(source.pk, source.public_label) for source in rows]
    search_index_add(Source, rows)


def claims_create(desk, count, rng, *, hot=5, stdout=None):
    """`count` claims in batches, each with one to three history rows, one or two sources and a place."""
    for start in range(0, count, BATCH):
        _claims_batch(desk, range(start, min(count, start + BATCH)), rng)
        if stdout and (start // BATCH) % 20 == 0:
            stdout.write(f"  claims: {min(count, start + BATCH)}/{count}")
    first_conflict = desk.conflicts[0].pk
    desk.hot_claims = desk.claims[first_conflict][:hot]


class Indexed:
    """What the search index reads of a record written as a row: its pk and text fields."""

    def __init__(self, pk, **fields):
        self.pk = pk
        self.__dict__.update(fields)


def _claims_batch(desk, indexes, rng):
    now = timezone.now()
    claim_ids = ids_reserve(Claim, len(indexes))
    no_note = db_value(ClaimStatusChange, "internal_note", "")
    claims, changes, attributions, place_links, indexed = [], [], [], [], []
    for pk, index in zip(claim_ids, indexes, strict=True):
        conflict = desk.conflicts[index % len(desk.conflicts)]
        place = rng.choice(desk.places[conflict.pk])
        statement = f"{rng.choice(words.ACTORS)} {rng.choice(words.ACTIONS)} {place[1]} {rng.choice(words.WHEN)}"
        day = date(2020, 1, 1) + timedelta(days=index % 1500)
        history = _status_history(rng, now - timedelta(days=index % 900, minutes=index % 1440))
        claims.append((pk, statement, conflict.pk, history[-1][1], history[-1][2], day, day, "day", now, now))
        changes += [(pk, old, new, note, no_note, "", at) for old, new, at, note in history]
        for order, source in enumerate(rng.sample(desk.sources, rng.choice((1, 1, 2)))):
            attributions.append([pk, source[0], order, rng.choice(words.HOW_OBTAINED), rng.randint(1, 6)])
        place_links.append((pk, place[0]))
        desk.claims.setdefault(conflict.pk, []).append((pk, statement))
        indexed.append(Indexed(pk, statement=statement))
    rows_write(Claim, CLAIM_COLUMNS, claims)
    rows_write(ClaimStatusChange, ["claim_id", "from_status", "to_status", "note", "internal_note", "evidence_url",
                                   "changed_at"], changes)
    for row, pk in zip(attributions, ids_reserve(ClaimAttribution, len(attributions)), strict=True):
        row.insert(0, pk)
    rows_write(ClaimAttribution, ["id", "claim_id", "source_id", "sort_order", "how_obtained", "credibility"],
               attributions)
    rows_write(Claim.places.through, ["claim_id", "location_id"], place_links)
    _claim_references(claims, attributions)
    search_index_add(Claim, indexed)


CLAIM_COLUMNS = ["id", "statement", "conflict_id", "status", "status_changed_at", "event_start", "event_end",
                 "event_precision", "created_at", "updated_at"]


def _status_history(rng, recorded_at):
    """(from, to, when, note) rows: recorded as unconfirmed, then settled or disputed for some."""
    changes = [("", "unconfirmed", recorded_at, "Claim recorded.")]
    roll = rng.random()
    if roll < 0.45:
        first = rng.choice(("confirmed", "disputed", "denied", "false"))
        changes.append(("unconfirmed", first, recorded_at + timedelta(hours=6), words.STATUS_NOTES[first]))
        if roll < 0.1 and first == "disputed":
            changes.append(("disputed", "confirmed", recorded_at + timedelta(days=1), words.STATUS_NOTES["confirmed"]))
    return changes


def _claim_references(claims, attributions):
    claim_type, conflict_type, source_type = (content_type_id(m) for m in (Claim, Conflict, Source))
    rows = [reference_tuple((claim_type, claim_type, c[0]), conflict_type, c[2], "conflict") for c in claims]
    rows += [
        reference_tuple((claim_type, claim_type, a[1]), source_type, a[2],
                        "attributions.item.source", f"attributions.{a[0]}.source")
        for a in attributions
    ]
    rows_write(ReferenceIndex, REFERENCE_COLUMNS, rows)


def tallies_create(desk, count, rng):
    """Published tallies, each with three sources' figures for one event, the newsroom using one."""
    tally_type, figure_type, conflict_type, source_type = (
        content_type_id(m) for m in (Tally, Figure, Conflict, Source)
    )
    tallies, figures, references = [], [], []
    for index in range(count):
        conflict = desk.conflicts[index % len(desk.conflicts)]
        place = rng.choice(desk.places[conflict.pk])
        counts, party = words.FIGURE_COUNTS[index % len(words.FIGURE_COUNTS)]
        day = date(2020, 1, 1) + timedelta(days=index % 1500)
        tallies.append(Tally(name=f"{party.capitalize()} {counts} in {place[1]} ({index})", conflict_id=conflict.pk,
                             is_published=True, event_start=day, event_end=day))
    Tally.objects.bulk_create(tallies, batch_size=BATCH)
    for tally in tallies:
        base = rng.randint(5, 5000)
        for offset in range(3):
            low, high = base + offset * 3, base + offset * 3 + rng.randint(0, 40)
            figures.append(Figure(
                counts=words.FIGURE_COUNTS[tally.pk % len(words.FIGURE_COUNTS)][0], low=low, high=high,
                words=f"between {low:,} and {high:,}", conflict_id=tally.conflict_id, tally_id=tally.pk,
                source_id=rng.choice(desk.sources)[0], event_start=tally.event_start, event_end=tally.event_end,
            ))
    Figure.objects.bulk_create(figures, batch_size=BATCH)
    FigureStatusChange.objects.bulk_create(
        [FigureStatusChange(figure_id=f.pk, from_status="", to_status=f.status, note="Figure recorded.",
                            changed_at=f.status_changed_at) for f in figures],
        batch_size=BATCH,
    )
    used = {}
    for figure in figures:
        used.setdefault(figure.tally_id, figure.pk)
        source = (figure_type, figure_type, figure.pk)
        references += [reference_tuple(source, conflict_type, figure.conflict_id, "conflict"),
                       reference_tuple(source, source_type, figure.source_id, "source"),
                       reference_tuple(source, tally_type, figure.tally_id, "tally")]
    for tally in tallies:
        tally.used_figure_id = used[tally.pk]
        source = (tally_type, tally_type, tally.pk)
        references += [reference_tuple(source, conflict_type, tally.conflict_id, "conflict"),
                       reference_tuple(source, figure_type, tally.used_figure_id, "used_figure")]
    Tally.objects.bulk_update(tallies, ["used_figure"], batch_size=BATCH)
    rows_write(ReferenceIndex, REFERENCE_COLUMNS, references)
    search_index_add(Tally, tallies)
    search_index_add(Figure, figures)
