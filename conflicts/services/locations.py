"""Creating places."""

from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from ..choices import GeoPrecision
from ..models import Location


@transaction.atomic
def location_create(*, name, kind, latitude=None, longitude=None, geonames_id=None,
                    geo_precision=GeoPrecision.SETTLEMENT, alternative_names=""):
    """Creates a place after validating it, under a slug no other place has ('idlib-2' when
    'idlib' is taken), so its public page exists from the start."""
    location = Location(
        name=name.strip(),
        slug=_free_slug(name),
        kind=kind,
        latitude=_coordinate(latitude),
        longitude=_coordinate(longitude),
        geonames_id=geonames_id,
        geo_precision=geo_precision,
        alternative_names=alternative_names,
    )
    location.full_clean()
    location.save()
    return location


def _free_slug(name):
    base = slugify(name)[:190] or "place"
    taken = set(Location.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _coordinate(value):
    """Degrees to the six decimals the columns hold (about 10 cm), whatever float came in."""
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


def location_find_or_create(*, name, kind, latitude=None, longitude=None, geonames_id=None,
                            geo_precision=GeoPrecision.SETTLEMENT):
    """The desk's place with this GeoNames id, or this name, or a new one: a place proposed from the
    gazetteer is recorded once however many times the text names it."""
    existing = None
    if geonames_id:
        existing = Location.objects.current().filter(geonames_id=geonames_id).first()
    if existing is None:
        existing = Location.objects.current().filter(name__iexact=name.strip()).first()
    if existing is not None:
        return existing
    return location_create(name=name, kind=kind, latitude=latitude, longitude=longitude,
                           geonames_id=geonames_id, geo_precision=geo_precision)
