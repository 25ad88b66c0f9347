"""schema.org descriptions of the public pages, for search engines and fact-check aggregators.

Every url and @id is on the site's one origin (links.public_url).
"""

from django.conf import settings
from django.templatetags.static import static

from .choices import VERDICT_STATUSES, ArticleUpdateKind, SourceKind
from .conf import conflicts_setting
from .geojson import map_geometry_geoshape, published_geometry
from .links import public_url
from .models import DisclosureSettings

# The rendition of a page's lead image in JSON-LD: search engines ask for 1200 pixels wide or more.
IMAGE_RENDITION = "width-1200"

# How a verdict maps onto ClaimReview's 1 (false) to 5 (true) rating scale.
VERDICT_RATINGS = {"false": 1, "denied": 2, "disputed": 3, "confirmed": 5}

# Who said a claim, as schema.org types it. Organisations are named by their label ("Reuters",
# "the Turkish defence ministry"); a named person by theirs. An anonymous source or an eyewitness
# is a Person the newsroom does not name: the public description goes in `description`, never
# in `name`. Unspecified reports and footage online have no known author, so they are left
# out of `author` rather than given one; own reporting is the newsroom itself.
PERSON_KINDS = {SourceKind.NAMED_PERSON}
UNNAMED_PERSON_KINDS = {SourceKind.ANONYMOUS, SourceKind.EYEWITNESS}
ORGANIZATION_KINDS = {
    SourceKind.NAMED_ORGANISATION, SourceKind.NEWS_AGENCY, SourceKind.STATE_MEDIA, SourceKind.OFFICIAL_STATEMENT,
}


def _disclosure_settings(request):
    if request is not None:
        return DisclosureSettings.for_request(request)
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return DisclosureSettings.for_site(site) if site else None


def disclosure_links(request):
    """The newsroom's published policies that are set: [{property, label, url}], urls absolute."""
    disclosures = _disclosure_settings(request)
    links = []
    for prop, label, page, url in disclosures.policies() if disclosures else ():
        href = public_url(request, page.url) if page is not None and page.url else url
        if href:
            links.append({"property": prop, "label": label, "url": href})
    return links


def _publisher(request):
    """The newsroom, with the Trust Project's disclosures schema.org gives NewsMediaOrganization."""
    publisher = {"@type": "NewsMediaOrganization", "name": settings.WAGTAIL_SITE_NAME, "url": public_url(request, "/")}
    publisher.update((link["property"], link["url"]) for link in disclosure_links(request))
    return publisher


def _image_url(request, lead_image):
    """The body's first image (its body rendition), else the site's default image; absolute."""
    if lead_image is not None:
        from wagtail.images.shortcuts import get_rendition_or_not_found

        return public_url(request, get_rendition_or_not_found(lead_image, IMAGE_RENDITION).url)
    return public_url(request, static(conflicts_setting("DEFAULT_IMAGE")))


def _reporting_page(page, request, *, schema_type, description, author, places, claims, lead_image):
    url = public_url(request, page.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "headline": page.title,
        "description": description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "image": _image_url(request, lead_image),
        "author": author,
        "publisher": _publisher(request),
        "isAccessibleForFree": True,
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    modified = getattr(page, "updated_at", None) or page.last_published_at
    if modified:
        data["dateModified"] = modified.isoformat()
    if places:
        data["contentLocation"] = [{"@type": "Place", "name": place.name, "url": public_url(request, place.get_absolute_url())} for place in places]
    if claims:
        data["mentions"] = [{"@type": "Claim", "text": claim.statement, "url": public_url(request, claim.get_absolute_url())} for claim in claims]
    return data


def news_article(page, request, *, places, cited_claims, lead_image=None):
    data = _reporting_page(
        page, request, schema_type="NewsArticle", description=page.standfirst,
        author={"@type": "Organization", "name": page.byline}, places=places, claims=cited_claims,
        lead_image=lead_image,
    )
    if page.dateline_place:
        data["locationCreated"] = {"@type": "Place", "name": page.dateline_place.name}
    if page.backstory:
        data["backstory"] = page.backstory
    corrections = [row for row in page.child_rows("update_log") if row.kind == ArticleUpdateKind.CORRECTION]
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": row.text, "datePublished": row.date.isoformat()}
            for row in sorted(corrections, key=lambda row: row.date)
        ]
    return data


def background_news_article(page, request, *, places, key_claims, lead_image=None):
    """An explainer: schema.org's BackgroundNewsArticle ("explainer" or "backgrounder"), by the newsroom."""
    return _reporting_page(
        page, request, schema_type="BackgroundNewsArticle", description=page.summary,
        author=_publisher(request), places=places, claims=key_claims, lead_image=lead_image,
    )


def claim_author(source, request):
    """Who said a claim, typed by the source's kind; None when no author is known (see PERSON_KINDS)."""
    if source.kind in PERSON_KINDS and not source.is_anonymous:
        return {"@type": "Person", "name": source.public_label}
    if source.kind in ORGANIZATION_KINDS and not source.is_anonymous:
        return {"@type": "Organization", "name": source.public_label}
    if source.kind in UNNAMED_PERSON_KINDS or source.is_anonymous:
        return {"@type": "Person", "description": source.public_label}
    if source.kind == SourceKind.OWN_REPORTING:
        return _publisher(request)
    return None


def claim_review(claim, request, *, attributions, pages):
    """A ClaimReview for a claim the newsroom has a verdict on; None while it is unconfirmed."""
    if claim.status not in VERDICT_STATUSES:
        return None
    item = {"@type": "Claim", "text": claim.statement}
    authors = [author for author in (claim_author(row.source, request) for row in attributions) if author]
    if authors:
        item["author"] = authors
    if pages:
        item["appearance"] = [{"@type": "CreativeWork", "url": public_url(request, page.url)} for page in pages if page.url]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_url(request, claim.get_absolute_url()),
        "claimReviewed": claim.statement,
        "datePublished": claim.status_changed_at.isoformat(),
        "author": _publisher(request),
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": VERDICT_RATINGS[claim.status],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": claim.get_status_display(),
        },
    }


def place(location, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "name": location.name,
        "url": public_url(request, location.get_absolute_url()),
    }
    if location.alternative_name_list:
        data["alternateName"] = location.alternative_name_list
    geometry = published_geometry(location.geometry)
    if geometry and geometry["type"] != "Point":
        data["geo"] = map_geometry_geoshape(geometry)
    elif location.has_point:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": float(location.latitude), "longitude": float(location.longitude)}
    if location.parent_id:
        data["containedInPlace"] = {"@type": "Place", "name": location.parent.name}
    same_as = []
    if location.wikidata_id:
        same_as.append(f"https://www.wikidata.org/wiki/{location.wikidata_id}")
    if location.geonames_id:
        same_as.append(f"https://www.geonames.org/{location.geonames_id}")
    if location.osm_id:
        same_as.append(f"https://www.openstreetmap.org/{location.osm_id}")
    if same_as:
        data["sameAs"] = same_as
    return data
