"""Self check-in during the live event, a sub-route of the episode page (``CheckInRoutes``)."""

from django.conf import settings
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import path

from core import rate_limits
from core.responses import render_refused, render_uncached
from webinars.attendance.forms import CheckInForm
from webinars.attendance.service import check_in
from webinars.registrations.models import Registration, RegistrationStatus


def checkin(request, episode):
    """Self check-in: registration code (or email and NIP) plus the live keyword.

    GET shows the form while check-in is open; POST records attendance once (409 outside the
    check-in window, 429 when the address is rate limited). Never cached.
    """
    context = {"page": episode, "is_open": episode.checkin_is_open()}
    form = CheckInForm(request.POST if request.method == "POST" else None)
    context["form"] = form
    if request.method != "POST":
        return render_uncached(request, "attendance/checkin.html", context)
    if not context["is_open"]:
        return render_uncached(request, "attendance/checkin.html", context, status=409)
    attempt = rate_limits.attempt(
        "checkin",
        request,
        settings.CHECKIN_RATE_LIMIT[0],
        people=[request.POST.get("email"), request.POST.get("secret")],
    )
    if attempt.refused:
        form.add_error(None, _("Terlalu banyak percobaan presensi. Coba lagi beberapa menit lagi."))
        return render_refused(request, "attendance/checkin.html", context, attempt)
    if not form.is_valid():
        attempt.failed()
        return render_uncached(request, "attendance/checkin.html", context)
    if not episode.keyword_matches(form.cleaned_data["keyword"]):
        attempt.failed()
        form.add_error(
            "keyword", _("Kata kunci presensi tidak sesuai. Periksa lagi yang diumumkan moderator.")
        )
        return render_uncached(request, "attendance/checkin.html", context)
    registrations = Registration.objects.filter(episode=episode, status=RegistrationStatus.CONFIRMED)
    registration = form.registrations(registrations).first()
    if registration is None:
        attempt.failed()
        form.add_error(
            None,
            _(
                "Data tidak cocok dengan peserta terdaftar episode ini. Periksa kode pendaftaran dari "
                "email konfirmasi, atau email dan NIP yang Anda pakai saat mendaftar."
            ),
        )
        return render_uncached(request, "attendance/checkin.html", context)
    context.update(first_time=check_in(registration), registration=registration)
    return render_uncached(request, "attendance/checkin_done.html", context)


class CheckInRoutes:
    """The episode page's /presensi/ sub-route (a RoutablePageMixin page mixes this in)."""

    @path("presensi/", name="checkin")
    def checkin_view(self, request):
        return checkin(request, self)
