"""Every certificate carries a PAdES signature with the agency's key, checked here with pyHanko's
own validator; a changed byte breaks it; issuing waits for the key and the settings."""

import hashlib
import io

from django.core.files.storage import default_storage
from django.test import override_settings

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, SimpleSigner, sign_pdf
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from webinars.certificates import signing
from webinars.certificates.issuing import SetupIncomplete, run_issuing, start_run
from webinars.certificates.signing import SignatureState, check_signature, make_development_key
from webinars.models import Certificate, CertificateRun, CertificateSettings, RunStatus

pytestmark = pytest.mark.django_db


def issued_file(episode):
    run_issuing(CertificateRun.objects.create(episode=episode).pk)
    certificate = Certificate.objects.get()
    with default_storage.open(certificate.pdf.name, "rb") as file:
        return certificate, file.read()


def pyhanko_status(pdf):
    """pyHanko's verdict on the file's signature, trusting only the site's signing certificate."""
    (signature,) = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    context = ValidationContext(trust_roots=signing.trusted_certificates(), allow_fetching=False)
    return signature, validate_pdf_signature(signature, context)


def changed(pdf, offset):
    data = bytearray(pdf)
    data[offset] ^= 0x01
    return bytes(data)


def test_every_certificate_is_signed_as_pades_by_the_signatory(held_episode, attendee):
    certificate, pdf = issued_file(held_episode)
    signature, status = pyhanko_status(pdf)

    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert signature.sig_object["/Name"] == "Dr. Contoh Penanda Tangan, M.Si."
    assert signature.sig_object["/Location"] == "Makassar"
    assert signature.field_name == "TandaTanganElektronik"
    assert certificate.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert check_signature(pdf).state == SignatureState.INTACT


@pytest.mark.parametrize("where", ["name", "middle", "signature_dictionary"])
def test_one_changed_byte_breaks_the_signature(held_episode, attendee, where):
    _, pdf = issued_file(held_episode)
    signature, _ = pyhanko_status(pdf)
    signed_range = list(signature.sig_object["/ByteRange"])
    offset = {
        "name": pdf.index(b"Sertifikat ASNA") + 3,  # the document title, in ReportLab's part
        "middle": signed_range[1] // 2,  # compressed page content or fonts
        "signature_dictionary": pdf.index(b"(Makassar)", signed_range[2]) + 2,
    }[where]
    tampered = changed(pdf, offset)

    _, status = pyhanko_status(tampered)
    assert not status.intact and not status.bottom_line
    assert check_signature(tampered).state == SignatureState.CHANGED


def test_bytes_added_after_the_signature_are_noticed(held_episode, attendee):
    _, pdf = issued_file(held_episode)
    assert check_signature(pdf + b"\n% ditambahkan\n").state == SignatureState.CHANGED


def test_a_file_signed_with_another_key_is_not_ours(held_episode, attendee, tmp_path):
    other_key = tmp_path / "lain.p12"
    make_development_key(other_key, "lain", common_name="Penanda Tangan Lain")
    with override_settings(
        CERTIFICATE_SIGNING_KEY_FILE=str(other_key), CERTIFICATE_SIGNING_KEY_PASSPHRASE="lain"
    ):
        _, pdf = issued_file(held_episode)
    check = check_signature(pdf)
    assert check.state == SignatureState.OTHER_SIGNER and check.signer == "Penanda Tangan Lain"


def test_an_rsa_key_from_a_certificate_authority_signs_as_well(held_episode, attendee, tmp_path):
    agency_key = tmp_path / "instansi.p12"
    make_development_key(agency_key, "rahasia", key_type="rsa2048", common_name="BPSDM Sulsel")
    with override_settings(
        CERTIFICATE_SIGNING_KEY_FILE=str(agency_key), CERTIFICATE_SIGNING_KEY_PASSPHRASE="rahasia"
    ):
        _, pdf = issued_file(held_episode)
        _, status = pyhanko_status(pdf)
        assert status.bottom_line and status.coverage.name == "ENTIRE_FILE"
        assert check_signature(pdf).signer == "BPSDM Sulsel"


def test_a_development_key_is_made_once_and_never_replaced(tmp_path):
    path = tmp_path / "kunci" / "dev.p12"
    make_development_key(path, "a")
    first = path.read_bytes()
    make_development_key(path, "a")
    assert path.read_bytes() == first


def test_without_a_key_issuing_refuses_and_says_which_variables(held_episode, attendee, tmp_path):
    missing = tmp_path / "tidak-ada.p12"
    with override_settings(CERTIFICATE_SIGNING_KEY_FILE=str(missing), CERTIFICATE_SIGNING_DEV_KEY=False):
        with pytest.raises(SetupIncomplete) as refused:
            start_run(held_episode)
        assert refused.value.missing == [f"berkas kunci tanda tangan elektronik {missing} tidak ada"]
    with override_settings(CERTIFICATE_SIGNING_KEY_FILE=""):
        with pytest.raises(SetupIncomplete) as refused:
            start_run(held_episode)
        assert "CERTIFICATE_SIGNING_KEY_FILE" in refused.value.missing[0]
    assert not CertificateRun.objects.exists()
    assert not missing.exists()  # production never makes a key of its own


def test_a_wrong_passphrase_is_said_plainly(held_episode, attendee):
    with (
        override_settings(CERTIFICATE_SIGNING_KEY_PASSPHRASE="salah"),
        pytest.raises(SetupIncomplete) as refused,
    ):
        start_run(held_episode)
    assert refused.value.missing == [
        "berkas kunci tanda tangan elektronik tidak dapat dibuka (frasa sandi salah?)"
    ]


def test_issuing_refuses_while_the_certificate_settings_are_incomplete(held_episode, attendee):
    settings = CertificateSettings.for_site(held_episode.get_site())
    settings.signatory_nip, settings.emblem, settings.place = "", None, " "
    settings.save()
    with pytest.raises(SetupIncomplete) as refused:
        start_run(held_episode)
    assert refused.value.missing == ["NIP penanda tangan", "tempat penandatanganan", "lambang instansi"]
    assert not CertificateRun.objects.exists()


def test_a_queued_run_fails_with_the_reason_when_the_settings_were_emptied(held_episode, attendee):
    run = CertificateRun.objects.create(episode=held_episode)
    CertificateSettings.objects.update(signatory_name="")
    with pytest.raises(SetupIncomplete):
        run_issuing(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.error == "nama penanda tangan"
    assert not Certificate.objects.exists()


def test_the_kept_signer_writes_the_signed_attributes_pyhanko_itself_writes(held_episode, attendee, tmp_path):
    """The speed-ups in signing.py keep the key and the signing-certificate attribute: the
    signature must carry exactly what pyHanko's own PAdES signer puts in."""
    key_file = tmp_path / "instansi.p12"
    make_development_key(key_file, "rahasia", key_type="rsa2048")
    with override_settings(
        CERTIFICATE_SIGNING_KEY_FILE=str(key_file), CERTIFICATE_SIGNING_KEY_PASSPHRASE="rahasia"
    ):
        _, ours = issued_file(held_episode)
    stock_signer = SimpleSigner.load_pkcs12(str(key_file), passphrase=b"rahasia")
    unsigned = ours[: ours.rindex(b"%%EOF", 0, len(ours) - 10) + 5]  # ReportLab's bytes, before the update
    output = io.BytesIO()
    sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(unsigned)),
        PdfSignatureMetadata(field_name="Stok", md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES),
        signer=stock_signer,
        output=output,
    )

    def signed_attributes(pdf):
        (signature,) = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
        return {
            attribute["type"].native: attribute["values"].dump()
            for attribute in signature.signer_info["signed_attrs"]
        }

    ours_attributes, stock_attributes = signed_attributes(ours), signed_attributes(output.getvalue())
    assert (
        set(ours_attributes)
        == set(stock_attributes)
        == {"content_type", "message_digest", "signing_certificate_v2"}
    )
    assert ours_attributes["signing_certificate_v2"] == stock_attributes["signing_certificate_v2"]
