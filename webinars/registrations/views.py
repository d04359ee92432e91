"""A participant's registration pages: the form, the confirmation and the cancellation.

They are sub-routes of the episode page (``RegistrationRoutes``), served through Wagtail's own
``serve()``, so page privacy, view restrictions and ``before_serve_page`` hooks apply to them as to
the page itself. They are never cached: each carries a CSRF token or a participant's own details.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import path

from core import rate_limits
from core.responses import render_refused, render_uncached
from webinars.registrations import links
from webinars.registrations.forms import RegistrationForm
from webinars.registrations.models import Registration
from webinars.registrations.service import EpisodeFull, RegistrationClosed, cancel, register


def registration_form(request, episode):
    """GET: the form (or why registration is not open); POST: register, then redirect to the
    signed confirmation page. 409 when closed or full, 429 when the address is rate limited."""
    context = {"page": episode, "state": episode.registration_state()}
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        context["form"] = form
        if context["state"] != "open":
            return render_uncached(request, "registrations/form.html", context, status=409)
        attempt = rate_limits.attempt(
            "registration",
            request,
            settings.REGISTRATION_RATE_LIMIT[0],
            people=[request.POST.get("email"), request.POST.get("nip")],
        )
        if attempt.refused:
            form.add_error(None, _("Terlalu banyak percobaan pendaftaran. Coba lagi beberapa menit lagi."))
            return render_refused(request, "registrations/form.html", context, attempt)
        if form.is_valid():
            try:
                outcome = register(episode, form.registration_data())
            except RegistrationClosed:
                context["state"] = episode.registration_state()
                return render_uncached(request, "registrations/form.html", context, status=409)
            except EpisodeFull:
                form.add_error(None, _("Maaf, kuota episode ini sudah penuh dan tidak ada daftar tunggu."))
                return render_uncached(request, "registrations/form.html", context, status=409)
            if outcome.already_registered:
                return render_uncached(request, "registrations/already.html", {"page": episode})
            return redirect(links.confirmation_path(outcome.registration, request))
        attempt.failed()
        return render_uncached(request, "registrations/form.html", context)
    context["form"] = RegistrationForm()
    return render_uncached(request, "registrations/form.html", context)


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
        "registrations/done.html",
        {
            "page": episode,
            "registration": registration,
            "cancel_path": links.cancel_path(registration, request),
        },
    )


def registration_cancel(request, episode, token):
    registration = _registration_from_token(episode, token, links.CANCEL_SALT)
    # Only a POST cancels: mail scanners open links in emails, and that must change nothing.
    if request.method == "POST" and registration.is_active and episode.is_upcoming:
        registration = cancel(registration)
        return render_uncached(
            request,
            "registrations/cancel.html",
            {"page": episode, "registration": registration, "just_cancelled": True},
        )
    return render_uncached(
        request, "registrations/cancel.html", {"page": episode, "registration": registration}
    )


class RegistrationRoutes:
    """The episode page's registration sub-routes (a RoutablePageMixin page mixes this in):
    /daftar/, /daftar/selesai/<token>/ and /batal/<token>/ under the episode's own URL."""

    @path("daftar/", name="register")
    def register_view(self, request):
        return registration_form(request, self)

    @path("daftar/selesai/<str:token>/", name="registration_done")
    def registration_done_view(self, request, token):
        return registration_done(request, self, token)

    @path("batal/<str:token>/", name="registration_cancel")
    def registration_cancel_view(self, request, token):
        return registration_cancel(request, self, token)
