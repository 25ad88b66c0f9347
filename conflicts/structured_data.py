"""schema.org descriptions of the public pages, for search engines and fact-check aggregators.

Every url and @id is on the site's one origin (links.public_url).
"""

from django.conf import settings

from .choices import VERDICT_STATUSES
from .links import public_url

# How a verdict maps onto ClaimReview's 1 (false) to 5 (true) rating scale.
VERDICT_RATINGS = {"false": 1, "denied": 2, "disputed": 3, "confirmed": 5}


def _publisher(request):
    return {"@type": "NewsMediaOrganization", "name": settings.WAGTAIL_SITE_NAME, "url": public_url(request, "/")}


def news_article(page, request, *, places, cited_claims):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.standfirst,
        "url": public_url(request, page.url),
        "author": {"@type": "Organization", "name": page.byline},
        "publisher": _publisher(request),
        "isAccessibleForFree": True,
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    modified = page.updated_at or page.last_published_at
    if modified:
        data["dateModified"] = modified.isoformat()
    if page.dateline_place:
        data["locationCreated"] = {"@type": "Place", "name": page.dateline_place.name}
    if places:
        data["contentLocation"] = [{"@type": "Place", "name": place.name, "url": public_url(request, place.get_absolute_url())} for place in places]
    if cited_claims:
        data["mentions"] = [{"@type": "Claim", "text": claim.statement, "url": public_url(request, claim.get_absolute_url())} for claim in cited_claims]
    return data


def claim_review(claim, request, *, attributions, pages):
    """A ClaimReview for a claim the newsroom has a verdict on; None while it is unconfirmed."""
    if claim.status not in VERDICT_STATUSES:
        return None
    item = {"@type": "Claim", "text": claim.statement}
    if attributions:
        item["author"] = [{"@type": "Organization", "name": row.source.public_label} for row in attributions]
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
    if location.has_point:
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
