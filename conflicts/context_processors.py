"""Values every public template may need."""

from .conf import conflicts_setting


def maps(request):
    return {
        "map_tile_url": conflicts_setting("MAP_TILE_URL"),
        "map_tile_attribution": conflicts_setting("MAP_TILE_ATTRIBUTION"),
        "sourcing_policy_url": conflicts_setting("SOURCING_POLICY_URL"),
    }
