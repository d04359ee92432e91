"""Participant pages of an episode: registration, confirmation, cancellation and check-in.

They are reached through EpisodePage's routes (daftar/, daftar/selesai/<token>/, batal/<token>/,
presensi/) and are never cached: each carries a CSRF token or a participant's own details.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from home.ratelimit import is_limited
from home.views import render_uncached
from webinars import links
from webinars.attendance_service import check_in
from webinars.forms import CheckInForm, RegistrationForm
from webinars.models import Registration, RegistrationStatus
from webinars.registering_episodes import registering_episodes
from webinars.registration_service import EpisodeFull, RegistrationClosed, cancel, register


def registration_form(request, episode):
    context = {"page": episode, "state": episode.registration_state()}
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        context["form"] = form
        if context["state"] != "open":
            return render_uncached(request, "pages/registration_form.html", context, status=409)
        limit, window = settings.REGISTRATION_RATE_LIMIT
        if is_limited("registration", request, limit, window):
            form.add_error(
                None, _("Terlalu banyak pendaftaran dari jaringan Anda. Coba lagi beberapa menit lagi.")
            )
            return render_uncached(request, "pages/registration_form.html", context, status=429)
        if form.is_valid():
            try:
                outcome = register(episode, form.registration_data())
            except RegistrationClosed:
                context["state"] = episode.registration_state()
                return render_uncached(request, "pages/registration_form.html", context, status=409)
            except EpisodeFull:
                form.add_error(None, _("Maaf, kuota episode ini sudah penuh dan tidak ada daftar tunggu."))
                return render_uncached(request, "pages/registration_form.html", context, status=409)
            if outcome.already_registered:
                return render_uncached(request, "pages/registration_already.html", {"page": episode})
            return redirect(links.confirmation_path(outcome.registration))
        return render_uncached(request, "pages/registration_form.html", context)
    context["form"] = RegistrationForm()
    return render_uncached(request, "pages/registration_form.html", context)


def registration_form_at_fixed_path(request, slug):
    """The form at /webinar/<slug>/daftar/ without walking the page tree.

    The address is fixed (it is shared in messages), and in a registration rush every query saved
    on the POST counts. EpisodePage's own route serves the same view when the index page has
    another slug.
    """
    episode = registering_episodes.get(slug)
    if episode is None:
        raise Http404
    return registration_form(request, episode)


def _registration_from_token(episode, token, salt):
    code = links.read_token(token, salt)
    registration = Registration.objects.filter(code=code, episode=episode).first() if code else None
    if registration is None:
        raise Http404
    return registration


def registration_done(request, episode, token):
    registration = _registration_from_token(episode, token, links.CONFIRMATION_SALT)
    return render_uncached(
        request,
        "pages/registration_done.html",
        {
            "page": episode,
            "registration": registration,
            "cancel_path": links.cancel_path(registration),
        },
    )


def registration_cancel(request, episode, token):
    registration = _registration_from_token(episode, token, links.CANCEL_SALT)
    # Only a POST cancels: mail scanners open links in emails, and that must change nothing.
    if request.method == "POST" and registration.is_active and episode.is_upcoming:
        registration = cancel(registration)
        return render_uncached(
            request,
            "pages/registration_cancel.html",
            {"page": episode, "registration": registration, "just_cancelled": True},
        )
    return render_uncached(
        request, "pages/registration_cancel.html", {"page": episode, "registration": registration}
    )


def checkin(request, episode):
    """Self check-in during the event: registration code (or email and NIP) plus the live keyword."""
    context = {"page": episode, "is_open": episode.checkin_is_open()}
    form = CheckInForm(request.POST if request.method == "POST" else None)
    context["form"] = form
    if request.method != "POST":
        return render_uncached(request, "pages/checkin.html", context)
    if not context["is_open"]:
        return render_uncached(request, "pages/checkin.html", context, status=409)
    limit, window = settings.CHECKIN_RATE_LIMIT
    if is_limited("checkin", request, limit, window):
        form.add_error(None, _("Terlalu banyak percobaan dari jaringan Anda. Coba lagi beberapa menit lagi."))
        return render_uncached(request, "pages/checkin.html", context, status=429)
    if not form.is_valid():
        return render_uncached(request, "pages/checkin.html", context)
    if not episode.keyword_matches(form.cleaned_data["keyword"]):
        form.add_error(
            "keyword", _("Kata kunci presensi tidak sesuai. Periksa lagi yang diumumkan moderator.")
        )
        return render_uncached(request, "pages/checkin.html", context)
    registrations = Registration.objects.filter(episode=episode, status=RegistrationStatus.CONFIRMED)
    registration = form.registrations(registrations).first()
    if registration is None:
        form.add_error(
            None,
            _(
                "Data tidak cocok dengan peserta terdaftar episode ini. Periksa kode pendaftaran dari "
                "email konfirmasi, atau email dan NIP yang Anda pakai saat mendaftar."
            ),
        )
        return render_uncached(request, "pages/checkin.html", context)
    context.update(first_time=check_in(registration), registration=registration)
    return render_uncached(request, "pages/checkin_done.html", context)
