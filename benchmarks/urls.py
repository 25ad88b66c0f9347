"""The site's URLs behind two references: a bare Django view and Wagtail's API v2."""

from django.http import HttpResponse
from django.urls import include, path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Site

BARE_HTML = "<!doctype html><html><head><title>Bare</title></head><body>{}</body></html>"

api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", PagesAPIViewSet)


def bare(request):
    """The ceiling of this stack: one tiny query and 1 KB of HTML through the same middleware."""
    hostname = Site.objects.values_list("hostname", flat=True).first()
    return HttpResponse(BARE_HTML.format(f"<p>{hostname}</p>" + "<p>Lorem ipsum dolor sit amet.</p>" * 30))


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/api/v2/", api_v2.urls),
    path("", include("newsroom.urls")),
]
