"""Public certificate pages: a participant's own list, the verification page and the download.

The look-up is a POST form (nothing personal in a URL), rate limited per address, and answers
the same "not found" whether the email, the NIP or the code was wrong. The verification page
shows only what is printed on the certificate; the PDF is served only to whoever holds the
unguessable code printed on it or sent by email.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.rate_limits import is_limited
from core.responses import render_uncached
from webinars.certificates.models import (
    VERIFICATION_ALPHABET,
    Certificate,
    CertificateSettings,
    CertificateStatus,
)
from webinars.registrations.forms import ParticipantProofForm
from webinars.registrations.models import Registration


@require_http_methods(["GET", "POST"])
def lookup(request):
    form = ParticipantProofForm(request.POST if request.method == "POST" else None)
    context = {"form": form}
    if request.method != "POST":
        return render_uncached(request, "certificates/lookup.html", context)
    limit, window = settings.CERTIFICATE_LOOKUP_RATE_LIMIT
    if is_limited("certificate-lookup", request, limit, window):
        form.add_error(None, _("Terlalu banyak pencarian dari jaringan Anda. Coba lagi beberapa menit lagi."))
        return render_uncached(request, "certificates/lookup.html", context, status=429)
    if not form.is_valid():
        return render_uncached(request, "certificates/lookup.html", context)
    if not form.registrations(Registration.objects.all()).exists():
        form.add_error(
            None,
            _(
                "Tidak ada pendaftaran dengan data itu. Periksa email dan NIP atau kode pendaftaran "
                "yang Anda pakai saat mendaftar."
            ),
        )
        return render_uncached(request, "certificates/lookup.html", context)
    context.update(participant_summary(request, form.cleaned_data["email"]))
    return render_uncached(request, "certificates/list.html", context)


def participant_summary(request, email):
    """Every certificate issued to this address and the JP of this year against the target."""
    certificates = list(
        Certificate.objects.filter(registration__email__iexact=email).order_by(
            "-episode_date", "-series_number"
        )
    )
    year = timezone.localdate().year
    this_year = [c for c in certificates if c.is_valid and c.episode_date.year == year]
    jp_total = sum(certificate.jp for certificate in this_year)
    participant_type = certificates[0].participant_type if certificates else None
    if participant_type is None:
        participant_type = (
            Registration.objects.filter(email__iexact=email)
            .order_by("-created_at")
            .values_list("participant_type", flat=True)
            .first()
        )
    target = CertificateSettings.for_request(request).jp_target(participant_type)
    return {
        "certificates": certificates,
        "year": year,
        "jp_total": jp_total,
        "jp_target": target,
        "jp_percent": min(100, round(jp_total * 100 / target)) if target else None,
        "participant_type": participant_type,
    }


def _certificate(code, **filters):
    """The certificate with this verification code, or None. A code typed by hand may come in
    capitals; anything outside the code's alphabet (a NUL byte breaks PostgreSQL) finds nothing."""
    code = code.strip().lower()
    if not code or not set(code) <= set(VERIFICATION_ALPHABET):
        return None
    return Certificate.objects.filter(verification_code=code, **filters).first()


def verify(request, code):
    certificate = _certificate(code)
    if certificate is None:
        response = TemplateResponse(request, "certificates/not_found.html", {}, status=404)
        patch_cache_control(response, max_age=60)
        return response
    # A revocation must show at once: never kept by a shared cache.
    return render_uncached(request, "certificates/verify.html", {"certificate": certificate})


def download(request, code):
    certificate = _certificate(code, status=CertificateStatus.VALID)
    if certificate is None or not certificate.pdf:
        raise Http404
    try:
        file = default_storage.open(certificate.pdf.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        file,
        as_attachment=True,
        filename=f"sertifikat-{certificate.number}.pdf",
        content_type="application/pdf",
    )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response
