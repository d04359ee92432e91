from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.health import healthz
from core.views import robots_txt, serve_media
from search.views import search
from webinars.certificates import urls as certificate_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("cari/", search, name="search"),
    path("", include(certificate_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    # Development and tests only: in production the web server or object storage serves media.
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media))

# Everything else is a page, served by Wagtail (the registration and check-in forms are the
# episode page's own sub-routes).
urlpatterns.append(path("", include(wagtail_urls)))

handler500 = "core.outage.server_error"
