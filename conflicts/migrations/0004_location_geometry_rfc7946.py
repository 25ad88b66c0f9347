"""Stores every location geometry in the form RFC 7946 publishes: exteriors counterclockwise, holes
clockwise, lines and polygons crossing the antimeridian split. Rows whose geometry is invalid are
left as they are for an editor to correct (they are not published); reversing changes nothing."""

from django.core.exceptions import ValidationError
from django.db import migrations


def location_geometries_normalise(apps, schema_editor):
    from conflicts.geojson import geometry_normalise

    Location = apps.get_model("conflicts", "Location")
    for pk, geometry in Location.objects.exclude(geometry__isnull=True).values_list("pk", "geometry").iterator():
        try:
            normalised = geometry_normalise(geometry)
        except ValidationError:
            continue
        if normalised != geometry:
            Location.objects.filter(pk=pk).update(geometry=normalised)


class Migration(migrations.Migration):

    dependencies = [
        ("conflicts", "0003_status_internal_note_claim_published"),
    ]

    operations = [
        migrations.RunPython(location_geometries_normalise, migrations.RunPython.noop, elidable=True),
    ]
