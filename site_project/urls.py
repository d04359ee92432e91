from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.health import healthz
from home.views import robots_txt, serve_media
from search.views import search
from webinars import certificate_views
from webinars.views import registration_form_at_fixed_path

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("cari/", search, name="search"),
    path("webinar/<slug:slug>/daftar/", registration_form_at_fixed_path, name="registration_form"),
    # Printed on certificates (the QR code) and sent in emails: these addresses never change.
    path("sertifikat/", certificate_views.lookup, name="certificate_lookup"),
    path("sertifikat/verifikasi/<str:code>/", certificate_views.verify, name="certificate_verify"),
    path("sertifikat/unduh/<str:code>/", certificate_views.download, name="certificate_download"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    # Development and tests only: in production the web server or object storage serves media.
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media))

urlpatterns.append(path("", include(wagtail_urls)))

handler500 = "home.outage.server_error"
