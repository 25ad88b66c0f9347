"""The partner API's URLs: the one place that knows each version's prefix (v1/), so a v2 can sit beside it.

A site mounts the API with `path("api/", include("conflicts.api.urls"))`; names are `api:v1:<name>`.
"""

from django.urls import include, path, re_path

from .v1.views import not_found

app_name = "api"

urlpatterns = [
    path("v1/", include("conflicts.api.v1.urls")),
    re_path(r"", not_found),
]
