"""Version 1 of the partner API, mounted at /api/v1/ (conflicts.api.urls)."""
