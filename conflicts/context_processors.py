"""Values every public template may need."""

from django.utils.functional import lazy

from .conf import conflicts_setting
from .links import public_url


def maps(request):
    return {
        "map_tile_url": conflicts_setting("MAP_TILE_URL"),
        "map_tile_attribution": conflicts_setting("MAP_TILE_ATTRIBUTION"),
        "sourcing_policy_url": conflicts_setting("SOURCING_POLICY_URL"),
    }


def public_links(request):
    """The page's own public URL (og:url), on the site's one origin; looked up only if shown."""
    return {"page_public_url": lazy(public_url, str)(request, request.path)}
