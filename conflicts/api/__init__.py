"""The partner REST API, /api/v1/: read-only syndication of live coverage for partner outlets."""
