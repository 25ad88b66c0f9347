"""Places: countries, provinces, towns, roads and military posts, with coordinates."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from ..choices import GeoPrecision, LocationKind
from ..geojson import geometry_normalise, validate_geometry
from ..widgets import conflicts_chooser
from .mixins import MergeableMixin, MergeableQuerySet, TimestampedModel, record_url


class Location(index.Indexed, MergeableMixin, TimestampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=LocationKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    conflicts = models.ManyToManyField("conflicts.Conflict", blank=True, related_name="locations")
    alternative_names = models.TextField(
        blank=True,
        help_text="Other spellings and transliterations, one per line (e.g. Sheikh Aqil).",
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    geometry = models.JSONField(
        null=True,
        blank=True,
        validators=[validate_geometry],
        help_text="Optional GeoJSON geometry (RFC 7946), e.g. a LineString for a highway.",
    )
    geo_precision = models.CharField(
        max_length=16, choices=GeoPrecision.choices, default=GeoPrecision.SETTLEMENT
    )
    geonames_id = models.PositiveIntegerField(null=True, blank=True, verbose_name="GeoNames id")
    wikidata_id = models.CharField(
        max_length=20,
        blank=True,
        verbose_name="Wikidata id",
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata id looks like Q12345.")],
    )
    osm_id = models.CharField(
        max_length=40,
        blank=True,
        verbose_name="OpenStreetMap id",
        validators=[
            RegexValidator(
                r"^(node|way|relation)/[1-9][0-9]*$",
                "An OpenStreetMap id looks like relation/123, way/123 or node/123.",
            )
        ],
    )

    objects = MergeableQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("parent")]),
        FieldPanel("alternative_names"),
        FieldPanel("conflicts", widget=conflicts_chooser()),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("geo_precision"),
                FieldPanel("geometry"),
            ],
            heading="Position",
        ),
        MultiFieldPanel(
            [FieldPanel("geonames_id"), FieldPanel("wikidata_id"), FieldPanel("osm_id")],
            heading="External identifiers",
        ),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("alternative_names"),
        index.AutocompleteField("alternative_names"),
        index.FilterField("kind"),
        index.FilterField("merged_into"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="location_point_has_both_coordinates",
                violation_error_message="Give both latitude and longitude, or neither.",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=LocationKind.values), name="location_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="location_not_own_parent"
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Geometry is checked and normalised on every save, not only in forms: bad GeoJSON never
        # reaches the map, and what is stored is what RFC 7946 publishes (rewound, split).
        self.geometry = geometry_normalise(self.geometry)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return record_url("conflicts:location", "slug", self.slug)

    @property
    def alternative_name_list(self):
        return [line.strip() for line in self.alternative_names.splitlines() if line.strip()]

    @property
    def is_known_by_centre_only(self):
        """A region or country known only by its centre point: maps list it instead of pinning it."""
        return not self.geometry and self.geo_precision in (GeoPrecision.REGION, GeoPrecision.COUNTRY)

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None
