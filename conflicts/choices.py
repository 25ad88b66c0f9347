"""The newsroom's fixed vocabularies, defined once."""

from django.db import models


class LocationKind(models.TextChoices):
    COUNTRY = "country", "Country"
    PROVINCE = "province", "Province"
    REGION = "region", "Region"
    CITY = "city", "City"
    TOWN = "town", "Town"
    VILLAGE = "village", "Village"
    ROAD = "road", "Road"
    MILITARY_POST = "military_post", "Military post"
    BORDER_CROSSING = "border_crossing", "Border crossing"


class GeoPrecision(models.TextChoices):
    EXACT = "exact", "Exact (within 100 m)"
    APPROXIMATE = "approximate", "Approximate (within a few km)"
    SETTLEMENT = "settlement", "Settlement centre"
    REGION = "region", "Region centre"
    COUNTRY = "country", "Country centre"


class SourceKind(models.TextChoices):
    NAMED_PERSON = "named_person", "Named person"
    NAMED_ORGANISATION = "named_organisation", "Named organisation"
    ANONYMOUS = "anonymous", "Anonymous source"
    OFFICIAL_STATEMENT = "official_statement", "Official statement"
    STATE_MEDIA = "state_media", "State media"
    NEWS_AGENCY = "news_agency", "News agency"
    SOCIAL_MEDIA_FOOTAGE = "social_media_footage", "Social-media footage"
    UNSPECIFIED_REPORTS = "unspecified_reports", "Unspecified reports"
    EYEWITNESS = "eyewitness", "Eyewitness"
    OWN_REPORTING = "own_reporting", "Own reporting"


class Reliability(models.TextChoices):
    """Admiralty code grade for the reliability of a source."""

    A = "A", "A – Completely reliable"
    B = "B", "B – Usually reliable"
    C = "C", "C – Fairly reliable"
    D = "D", "D – Not usually reliable"
    E = "E", "E – Unreliable"
    F = "F", "F – Reliability cannot be judged"


class Credibility(models.IntegerChoices):
    """Admiralty code grade for the credibility of one piece of information."""

    CONFIRMED = 1, "1 – Confirmed by other sources"
    PROBABLY_TRUE = 2, "2 – Probably true"
    POSSIBLY_TRUE = 3, "3 – Possibly true"
    DOUBTFUL = 4, "4 – Doubtful"
    IMPROBABLE = 5, "5 – Improbable"
    CANNOT_BE_JUDGED = 6, "6 – Truth cannot be judged"


class ClaimStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", "Unconfirmed"
    CONFIRMED = "confirmed", "Confirmed"
    DISPUTED = "disputed", "Disputed"
    DENIED = "denied", "Denied"
    FALSE = "false", "False"


# Statuses that are the newsroom's verdict on a claim (published as schema.org ClaimReview).
VERDICT_STATUSES = (
    ClaimStatus.CONFIRMED,
    ClaimStatus.DISPUTED,
    ClaimStatus.DENIED,
    ClaimStatus.FALSE,
)
OPEN_STATUSES = (ClaimStatus.UNCONFIRMED, ClaimStatus.DISPUTED)


class EventPrecision(models.TextChoices):
    """How precisely the time of an event is known (the dates cover whole periods of this size)."""

    DAY = "day", "Exact day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class FigureCounts(models.TextChoices):
    KILLED = "killed", "Killed"
    WOUNDED = "wounded", "Wounded"
    DISPLACED = "displaced", "Displaced"
    DETAINED = "detained", "Detained"
    TROOPS = "troops", "Troops"
    VEHICLES = "vehicles", "Vehicles"
    STRIKES = "strikes", "Strikes"
    POSTS = "posts", "Military posts"
    OTHER = "other", "Other (say what)"


class FigureCounted(models.TextChoices):
    CIVILIANS = "civilians", "Civilians"
    COMBATANTS = "combatants", "Combatants"
    NAMED_PARTY = "named_party", "A named party"
    UNSPECIFIED = "unspecified", "Unspecified"


class AnnotationKind(models.TextChoices):
    CLAIM = "claim", "Claim"
    SOURCE = "source", "Source"
    PLACE = "place", "Place"
    FIGURE = "figure", "Figure"


class ArticleUpdateKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    UPDATE = "update", "Update"
    CLARIFICATION = "clarification", "Clarification"
    CLAIM_STATUS = "claim_status", "Claim status"


class WebhookEvent(models.TextChoices):
    ARTICLE_PUBLISHED = "article.published", "Article published"
    ARTICLE_UPDATED = "article.updated", "Article updated"
    ARTICLE_CORRECTED = "article.corrected", "Article corrected"
    ARTICLE_UNPUBLISHED = "article.unpublished", "Article unpublished or deleted"
    ARTICLE_WITHDRAWN = "article.withdrawn", "Article withdrawn (legal or safety): remove every copy"
    CLAIM_STATUS_CHANGED = "claim.status_changed", "Claim status changed"
    CLAIM_PUBLISHED = "claim.published", "Claim published (first carried by coverage the partner receives)"
    FIGURE_STATUS_CHANGED = "figure.status_changed", "Figure status changed"
    CLAIM_MERGED = "claim.merged", "Claim merged into another (a duplicate): replace it with the one kept"
    SOURCE_MERGED = "source.merged", "Source merged into another (a duplicate): replace it with the one kept"
    PLACE_MERGED = "place.merged", "Place merged into another (a duplicate): replace it with the one kept"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed after every retry"


class TombstoneReason(models.TextChoices):
    UNPUBLISHED = "unpublished", "Unpublished"
    DELETED = "deleted", "Deleted"
    WITHDRAWN = "withdrawn", "Withdrawn for legal or safety reasons"


class ContentWarning(models.TextChoices):
    """What a reader is warned of before the body of an article or explainer."""

    GRAPHIC_VIOLENCE = "graphic_violence", "Graphic violence"
    DISTRESSING_IMAGES = "distressing_images", "Distressing images"
    DEATH_AND_INJURY = "death_and_injury", "Descriptions of death and injury"
    SEXUAL_VIOLENCE = "sexual_violence", "Sexual violence"
    HARM_TO_CHILDREN = "harm_to_children", "Harm to children"
    OTHER = "other", "Other (described in the note)"


# Kinds an editor writes in a page's corrections and updates log (claim-status lines are automatic).
EDITORIAL_UPDATE_KINDS = [kind for kind in ArticleUpdateKind if kind != ArticleUpdateKind.CLAIM_STATUS]


class SuggestionKind(models.TextChoices):
    """What the annotation assistant suggests; an attribution is a source with its claim."""

    ATTRIBUTION = "attribution", "Attribution"
    PLACE = "place", "Place"
    FIGURE = "figure", "Figure"
