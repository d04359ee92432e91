"""Electronic signatures on certificates: PAdES with the agency's key, and checking a signed file.

Every certificate PDF is signed as a PAdES baseline B-B signature (ETSI EN 319 142-1: the
``ETSI.CAdES.detached`` sub-filter, SHA-256, the signing certificate as a signed attribute)
with pyHanko, in an invisible field named ``TandaTanganElektronik``; the page itself carries the
"ditandatangani secara elektronik oleh …" block the PDF module draws. The signature is an
incremental update, so ReportLab's bytes stay untouched in front of it.

The key and its X.509 certificate come from a PKCS#12 file named by CERTIFICATE_SIGNING_KEY_FILE,
with CERTIFICATE_SIGNING_KEY_PASSPHRASE (the environment, see .env.example). Nothing of it is in
the repository. In development and tests (CERTIFICATE_SIGNING_DEV_KEY) a self-signed ECDSA P-256
key is made on first use at that path, in a git-ignored folder; production never makes one.

Speed (measured on the 2-core machine with pyHanko 0.38): pyHanko's ``SimpleSigner`` parses the
private key again for every signature, and for RSA cryptography then re-checks the key (about
27 ms for RSA-2048, against 0.2 ms for the signature itself), and without ``bytes_reserved``
pyHanko signs every document twice to size the signature. ``KeptKeySigner`` keeps the parsed
key (pyHanko's documented way to customise signing is a ``Signer`` subclass implementing the raw
signature), the size is estimated once per run, and the signing-certificate attribute is built
once (through the signer's public ``signed_attr_prov_spec``): re-serialising it with asn1crypto
was most of what remained. A signature then costs a few milliseconds whatever the key type;
tests/webinars/certificates/test_signing.py checks that the signed attributes are pyHanko's own.
"""

import asyncio
import datetime
import functools
import hashlib
import io
import logging
import os
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import attributes, fields, signers
from pyhanko.sign.general import as_signing_certificate_v2, get_pyca_cryptography_hash
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)

FIELD_NAME = "TandaTanganElektronik"
REASON = "Penerbitan sertifikat Webinar ASN Adaptif"
DEV_KEY_NAME = "ASN Adaptif - kunci pengembangan"
DEV_KEY_ORGANISATION = "Bukan untuk produksi"


class SigningKeyUnavailable(Exception):
    """The signing key cannot be used; ``str()`` says why, in Indonesian, for the registrar."""


def make_development_key(path, passphrase, key_type="p256", common_name=DEV_KEY_NAME):
    """Write a self-signed key and X.509 certificate as a passphrase-protected PKCS#12 file.

    ``key_type``: "p256" (ECDSA P-256) or "rsa2048". The certificate allows digital signatures and
    non-repudiation (what PDF signature validators ask of a signer) for three years. An existing
    file is never replaced: two processes making one at once both end up using the first.
    """
    key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if key_type == "rsa2048"
        else ec.generate_private_key(ec.SECP256R1())
    )
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEV_KEY_ORGANISATION),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    key_id = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=3 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(key_id, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(key_id), critical=False)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name=common_name.encode(),
        key=key,
        cert=certificate,
        cas=None,
        encryption_algorithm=(
            serialization.BestAvailableEncryption(passphrase.encode())
            if passphrase
            else serialization.NoEncryption()
        ),
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
        file.write(data)
    try:
        os.chmod(file.name, 0o600)
        os.link(file.name, path)  # fails when another process made the key first: keep that one
    except FileExistsError:
        pass
    finally:
        os.unlink(file.name)


def _key_file():
    """(path, passphrase as bytes) of the configured PKCS#12 file; raises SigningKeyUnavailable."""
    path, passphrase = settings.CERTIFICATE_SIGNING_KEY_FILE, settings.CERTIFICATE_SIGNING_KEY_PASSPHRASE
    if not path:
        raise SigningKeyUnavailable(
            _(
                "kunci tanda tangan elektronik belum dipasang (CERTIFICATE_SIGNING_KEY_FILE dan "
                "CERTIFICATE_SIGNING_KEY_PASSPHRASE)"
            )
        )
    path = Path(path)
    if not path.exists() and settings.CERTIFICATE_SIGNING_DEV_KEY:
        make_development_key(path, passphrase)
    if not path.exists():
        message = _("berkas kunci tanda tangan elektronik %(path)s tidak ada") % {"path": path}
        raise SigningKeyUnavailable(message)
    return path, passphrase.encode() or None


@functools.lru_cache(maxsize=4)
def _certificates(path, modified, passphrase):
    # Immutable DER bytes, keyed on the file's modification time so a replaced key is read again.
    try:
        _key, certificate, others = pkcs12.load_key_and_certificates(Path(path).read_bytes(), passphrase)
    except ValueError as error:
        raise SigningKeyUnavailable(
            _("berkas kunci tanda tangan elektronik tidak dapat dibuka (frasa sandi salah?)")
        ) from error
    return tuple(cert.public_bytes(serialization.Encoding.DER) for cert in [certificate, *others])


def trusted_certificates():
    """The certificates a signature of ours chains to: the signing certificate and any CA
    certificates in the PKCS#12 file, as asn1crypto certificates. Raises SigningKeyUnavailable."""
    path, passphrase = _key_file()
    return [
        asn1_x509.Certificate.load(der)
        for der in _certificates(str(path), path.stat().st_mtime_ns, passphrase)
    ]


def signing_key_problem():
    """Why certificates cannot be signed now (Indonesian, for the registrar), or None."""
    try:
        trusted_certificates()
    except SigningKeyUnavailable as error:
        return str(error)
    return None


class KeptKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner, with the private key parsed once instead of for every signature.

    RSA PKCS#1 v1.5 and ECDSA are signed here with the kept key; any other mechanism (RSA-PSS,
    EdDSA …) goes through pyHanko's own code.
    """

    _private_key = None

    def sign_raw(self, data, digest_algorithm):
        try:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:
            return super().sign_raw(data, digest_algorithm)
        if self._private_key is None:
            self._private_key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
        key, hash_algorithm = self._private_key, get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, padding.PKCS1v15(), hash_algorithm)
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(hash_algorithm))
        return super().sign_raw(data, digest_algorithm)


class _KeptSigningCertificate(attributes.SigningCertificateV2Provider):
    """The signing-certificate-v2 attribute, built once and then read back from its DER bytes.

    A freshly built asn1crypto value is serialised again each time pyHanko writes the signed
    attributes (several times per signature); one parsed from DER writes its cached bytes. The
    bytes in the signature are the same."""

    def __init__(self, signing_cert):
        super().__init__(signing_cert)
        self._der = as_signing_certificate_v2(signing_cert).dump()

    async def build_attr_value(self, dry_run=False):
        return tsp.SigningCertificateV2.load(self._der)


class PadesSignedAttributes(attributes.SignedAttributeProviderSpec):
    """The signed attributes of a PAdES B-B signature, as pyHanko's own CAdES spec gives them
    with no extra CAdES attributes set (pyHanko adds content type and message digest itself;
    PAdES forbids signing time, which goes in /M), with the signing certificate kept."""

    def __init__(self, signing_cert):
        self._signing_certificate = _KeptSigningCertificate(signing_cert)

    def signed_attr_providers(self, data_digest, digest_algorithm):
        yield self._signing_certificate


class CertificateSigner:
    """Signs certificate PDFs, one after another, with the configured key.

    ``with CertificateSigner(signatory_name="…", place="Makassar") as signer: signer.sign(pdf)``
    returns the signed PDF as bytes. The signature names the signatory (/Name) and the place
    (/Location). Opening the signer raises SigningKeyUnavailable. One signer serves one thread.
    """

    def __init__(self, *, signatory_name, place):
        path, passphrase = _key_file()
        loaded = signers.SimpleSigner.load_pkcs12(str(path), passphrase=passphrase)
        if loaded is None:  # pyHanko logs the error and returns None
            raise SigningKeyUnavailable(
                _("berkas kunci tanda tangan elektronik tidak dapat dibuka (frasa sandi salah?)")
            )
        signer = KeptKeySigner(
            signing_cert=loaded.signing_cert,
            signing_key=loaded.signing_key,
            cert_registry=loaded.cert_registry,
        )
        # pyHanko's public hook for the signed attributes (Signer.signed_attr_prov_spec).
        signer.signed_attr_prov_spec = PadesSignedAttributes(loaded.signing_cert)
        self._pdf_signer = signers.PdfSigner(
            signers.PdfSignatureMetadata(
                field_name=FIELD_NAME,
                md_algorithm="sha256",
                # pyHanko's default is adbe.pkcs7.detached: PAdES must be asked for.
                subfilter=fields.SigSeedSubFilter.PADES,
                name=signatory_name,
                location=place,
                reason=REASON,
            ),
            signer=signer,
            new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=0, box=None),
        )
        self._runner = asyncio.Runner()
        self._bytes_reserved = self._runner.run(self._signature_size(signer))

    @staticmethod
    async def _signature_size(signer):
        # What pyHanko's own estimate does for each document (a dry-run signature, hex-encoded,
        # plus half again), once for the whole run.
        container = await signer.async_sign(
            hashlib.sha256(b"").digest(),
            "sha256",
            dry_run=True,
            use_pades=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=datetime.datetime.now(datetime.UTC)),
        )
        size = len(container.dump()) * 3
        return size + size % 2

    def sign(self, pdf):
        """The PDF (bytes) with a PAdES B-B signature appended; the original bytes come first."""
        output = io.BytesIO()
        self._runner.run(
            self._pdf_signer.async_sign_pdf(
                IncrementalPdfFileWriter(io.BytesIO(pdf)), bytes_reserved=self._bytes_reserved, output=output
            )
        )
        return output.getvalue()

    def close(self):
        self._runner.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class SignatureState(StrEnum):
    INTACT = "intact"  # signed with our key, and nothing changed or added since
    CHANGED = "changed"  # signed, but the file was changed or added to after signing
    OTHER_SIGNER = "other_signer"  # intact, but not signed with our key
    UNSIGNED = "unsigned"  # no signature at all, or not a PDF we can read


@dataclass(frozen=True)
class SignatureCheck:
    state: SignatureState
    signer: str = ""  # the signing certificate's common name, when the signature could be read
    signed_at: datetime.datetime | None = None  # the time the signer wrote in the signature


def check_signature(pdf):
    """What the last signature of ``pdf`` (bytes) says about the file: a SignatureCheck.

    Intact means pyHanko's verdict (cryptographically valid, the document digest matches, the
    signer chains to our certificates) and that the signature covers the entire file: pyHanko
    alone accepts bytes appended after a signature. Any file pyHanko cannot read counts as
    unsigned or changed, never as an error. Raises SigningKeyUnavailable without a key.
    """
    context = ValidationContext(trust_roots=trusted_certificates(), allow_fetching=False)
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 (a file that is not a readable PDF)
        return SignatureCheck(SignatureState.UNSIGNED)
    if not signatures:
        return SignatureCheck(SignatureState.UNSIGNED)
    signature = signatures[-1]
    try:
        status = validate_pdf_signature(signature, context)
    except Exception:  # a damaged signature raises many kinds of error
        logger.info("An uploaded certificate's signature could not be validated", exc_info=True)
        return SignatureCheck(SignatureState.CHANGED)
    signer = status.signing_cert.subject.native.get("common_name", "")
    if not (status.intact and status.valid) or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return SignatureCheck(SignatureState.CHANGED, signer)
    if not status.trusted:
        return SignatureCheck(SignatureState.OTHER_SIGNER, signer)
    return SignatureCheck(SignatureState.INTACT, signer, status.signer_reported_dt)
