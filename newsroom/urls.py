"""The site's URLs: admin, partner API, the extension's public pages, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from conflicts.sitemaps import SITEMAPS as CONFLICTS_SITEMAPS
from conflicts.sitemaps import PageSitemap, sitemap_index

from .password_reset import LimitedPasswordResetView
from .views import healthz

SITEMAPS = {"pages": PageSitemap, **CONFLICTS_SITEMAPS}

handler500 = "newsroom.views.server_error"

urlpatterns = [
    re_path(r"^healthz/?$", healthz, name="healthz"),
    path("admin/password_reset/", LimitedPasswordResetView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("conflicts.api.urls")),
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("", include("conflicts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
