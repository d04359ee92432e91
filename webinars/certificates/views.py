"""Public certificate pages: a participant's own list, verification and the download.

The look-up is a POST form (nothing personal in a URL), rate limited per address, and answers
the same "not found" whether the email, the NIP or the code was wrong. Verification (by the QR
code's address, by a number typed in, or by uploading the PDF) shows only what is printed on
the certificate; typing numbers and uploading files are rate limited like the look-up, since
numbers are sequential. The PDF is served only to whoever holds the unguessable code printed on
it or sent by email.
"""

import hashlib

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from core import rate_limits
from core.responses import render_refused, render_uncached
from webinars.certificates import legacy
from webinars.certificates.forms import NumberForm, UploadForm
from webinars.certificates.lookup import participant_summary
from webinars.certificates.models import VERIFICATION_ALPHABET, Certificate, CertificateStatus
from webinars.certificates.signing import SigningKeyUnavailable, check_signature
from webinars.registrations.forms import ParticipantProofForm
from webinars.registrations.models import Registration


@require_http_methods(["GET", "POST"])
def lookup(request):
    form = ParticipantProofForm(request.POST if request.method == "POST" else None)
    context = {"form": form}
    if request.method != "POST":
        return render_uncached(request, "certificates/lookup.html", context)
    attempt = rate_limits.attempt(
        "certificate-lookup",
        request,
        settings.CERTIFICATE_LOOKUP_RATE_LIMIT[0],
        people=[request.POST.get("email"), request.POST.get("secret")],
    )
    if attempt.refused:
        form.add_error(None, _("Terlalu banyak pencarian. Coba lagi beberapa menit lagi."))
        return render_refused(request, "certificates/lookup.html", context, attempt)
    if not form.is_valid():
        attempt.failed()
        return render_uncached(request, "certificates/lookup.html", context)
    registrations = form.registrations(Registration.objects.all())
    email, secret = form.cleaned_data["email"], form.cleaned_data["secret"]
    proven = registrations.exists()
    earlier = legacy.for_holder(email, secret if secret.isdigit() else "", proven_email=proven)
    if not proven and not earlier:
        attempt.failed()
        form.add_error(
            None,
            _(
                "Tidak ada pendaftaran dengan data itu. Periksa email dan NIP atau kode pendaftaran "
                "yang Anda pakai saat mendaftar."
            ),
        )
        return render_uncached(request, "certificates/lookup.html", context)
    context.update(participant_summary(request, email, earlier))
    return render_uncached(request, "certificates/list.html", context)


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


@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify_form(request):
    """/sertifikat/verifikasi/: type a certificate's number, or upload its PDF to check the file."""
    # An upload is read into memory and never written anywhere; Django's documented way to set one
    # view's upload handlers is csrf_exempt outside and csrf_protect inside.
    request.upload_handlers = [MemoryFileUploadHandler(request)]
    return _verify_form(request)


@csrf_protect
def _verify_form(request):
    upload = request.method == "POST" and request.POST.get("cara") == "berkas"
    number_form = NumberForm(request.POST if request.method == "POST" and not upload else None)
    upload_form = UploadForm(request.POST, request.FILES) if upload else UploadForm()
    context = {"number_form": number_form, "upload_form": upload_form, "upload": upload}
    if request.method != "POST":
        return render_uncached(request, "certificates/verify_form.html", context)
    form = upload_form if upload else number_form
    attempt = rate_limits.attempt("certificate-verify", request, settings.CERTIFICATE_LOOKUP_RATE_LIMIT[0])
    if attempt.refused:
        form.add_error(None, _("Terlalu banyak pemeriksaan. Coba lagi beberapa menit lagi."))
        return render_refused(request, "certificates/verify_form.html", context, attempt)
    if (
        upload
        and int(request.META.get("CONTENT_LENGTH") or 0) > settings.CERTIFICATE_UPLOAD_MAX_BYTES + 65536
    ):
        # Too large to have been kept in memory: the file never reached the form.
        form.add_error("berkas", _("Berkas terlalu besar; sertifikat kami jauh lebih kecil."))
        return render_uncached(request, "certificates/verify_form.html", context, status=413)
    if not form.is_valid():
        attempt.failed()
        return render_uncached(request, "certificates/verify_form.html", context)
    if upload:
        context.update(_file_check(form.cleaned_data["berkas"]))
    else:
        number = form.cleaned_data["nomor"]
        certificate = Certificate.objects.filter(number=number).first() or legacy.find_by_number(form.typed)
        context.update(number=certificate.number if certificate else number, certificate=certificate)
    if context["certificate"] is None:
        attempt.failed()
    return render_uncached(request, "certificates/verify_form.html", context)


def _file_check(data):
    """What an uploaded PDF is: the certificate issued as exactly this file (or None), and what
    its signature says (None when no key is set up to check it against)."""
    certificate = Certificate.objects.filter(pdf_sha256=hashlib.sha256(data).hexdigest()).first()
    try:
        signature = check_signature(data)
    except SigningKeyUnavailable:
        signature = None
    return {"checked": True, "certificate": certificate, "signature": signature}


def pdf_response(certificate):
    """The certificate's stored PDF as a download no cache keeps; Http404 when the file is gone."""
    try:
        file = default_storage.open(certificate.pdf.name, "rb")
    except (FileNotFoundError, ValueError) as error:
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


def download(request, code):
    certificate = _certificate(code, status=CertificateStatus.VALID)
    if certificate is None or not certificate.pdf:
        raise Http404
    return pdf_response(certificate)
