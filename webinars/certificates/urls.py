"""The certificate addresses outside the page tree. Printed on certificates (the QR code) and sent
in emails: these addresses never change."""

from django.urls import path

from webinars.certificates import views

urlpatterns = [
    path("sertifikat/", views.lookup, name="certificate_lookup"),
    path("sertifikat/verifikasi/", views.verify_form, name="certificate_verify_form"),
    path("sertifikat/verifikasi/<str:code>/", views.verify, name="certificate_verify"),
    path("sertifikat/unduh/<str:code>/", views.download, name="certificate_download"),
]
