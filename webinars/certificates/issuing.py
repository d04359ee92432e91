"""Issuing an episode's certificates: who is eligible, numbering, signed PDFs and the emails.

Numbers are taken from the episode's CertificateCounter row while it is locked (SELECT … FOR
UPDATE), a batch at a time; the database also refuses a second certificate for a registration or
a sequence used twice. Inside that lock each batch looks again at who already has a
certificate, so two runs of the same episode at once (or a run repeated) never duplicate or
renumber anything: the second one finds them issued and skips them.

Large runs draw the PDFs in forked processes on every core; this process signs each as it comes
back (signing.py) and records its SHA-256, so drawing and signing overlap.
"""

import contextlib
import functools
import hashlib
import logging
import multiprocessing
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from enum import StrEnum

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Site

from django_tasks import task

from core.site_address import page_root_url
from home.models import SiteSettings
from webinars.certificates import pdf as certificate_pdf
from webinars.certificates.models import (
    Certificate,
    CertificateCounter,
    CertificateRun,
    CertificateSettings,
    CertificateStatus,
    RunStatus,
    certificate_number,
)
from webinars.certificates.signing import CertificateSigner, signing_key_problem
from webinars.registrations.mail import queue_email
from webinars.registrations.models import EmailKind, Registration, RegistrationStatus
from webinars.registrations.signals import participation_changed

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
# Drawing is most of the work: from this many certificates on, every core draws.
PARALLEL_FROM = 50
MAX_DRAWING_PROCESSES = 4


class Skip(StrEnum):
    ALREADY_ISSUED = "skipped_already_issued"
    NOT_CONFIRMED = "skipped_not_confirmed"
    NOT_ATTENDED = "skipped_not_attended"
    TOO_SHORT = "skipped_too_short"
    NO_EVALUATION = "skipped_no_evaluation"


class NoJPValue(Exception):
    """The episode has no JP value yet: a certificate without one would be worthless."""


class EpisodeNotOver(Exception):
    """Certificates are for attendance, which is only known once the episode has ended."""


class SetupIncomplete(Exception):
    """What a certificate needs is missing: ``missing`` lists it in Indonesian (the settings'
    field labels, and why the signing key cannot be used)."""

    def __init__(self, missing):
        super().__init__(", ".join(missing))
        self.missing = missing


def setup_problems(site):
    """What keeps this site from issuing certificates now, in Indonesian; empty when nothing does."""
    problems = CertificateSettings.for_site(site).missing()
    key_problem = signing_key_problem()
    return [*problems, key_problem] if key_problem else problems


def reason_to_skip(registration, episode):
    """Why this registration gets no certificate now, or None when it is eligible."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return Skip.NOT_CONFIRMED
    if _has_certificate(registration):
        return Skip.ALREADY_ISSUED
    attendance = getattr(registration, "attendance", None)
    if attendance is None:
        return Skip.NOT_ATTENDED
    if not attendance.meets_minimum(episode.certificate_minimum_minutes):
        return Skip.TOO_SHORT
    if episode.evaluation_required and getattr(registration, "evaluation", None) is None:
        return Skip.NO_EVALUATION
    return None


def _has_certificate(registration):
    try:
        return registration.certificate is not None
    except Certificate.DoesNotExist:
        return False


def start_run(episode, user=None):
    """Record a run and queue it for the background worker; returns the CertificateRun.

    Raises EpisodeNotOver before the episode has ended, NoJPValue when it has no JP value, and
    SetupIncomplete while the certificate settings or the signing key are missing.
    """
    if episode.end > timezone.now():
        raise EpisodeNotOver
    if episode.jp is None:
        raise NoJPValue
    problems = setup_problems(_site(episode))
    if problems:
        raise SetupIncomplete(problems)
    run = CertificateRun.objects.create(episode=episode, requested_by=user)
    transaction.on_commit(lambda: issue_certificates.enqueue(run.pk))
    return run


def issue_after_evaluation(registration):
    """Queue the issuing of this one person's certificate, now that they have answered the
    evaluation their episode requires; returns the CertificateRun, or None when nothing is owed
    yet or the registrar still has to issue the episode's certificates.

    Only once the registrar has issued the episode (a finished run exists) does this run on its
    own: before that, the registrar's run includes everyone who has answered.
    """
    episode = registration.episode
    if not episode.evaluation_required or episode.end > timezone.now() or episode.jp is None:
        return None
    registration = (
        Registration.objects.select_related("attendance", "certificate", "evaluation")
        .filter(pk=registration.pk)
        .first()
    )
    if registration is None or reason_to_skip(registration, episode):
        return None
    if not CertificateRun.objects.filter(
        episode=episode, status=RunStatus.DONE, registration__isnull=True
    ).exists():
        return None
    if setup_problems(_site(episode)):
        return None
    run = CertificateRun.objects.create(episode=episode, registration=registration)
    transaction.on_commit(lambda: issue_certificates.enqueue(run.pk))
    return run


def _site(episode):
    return episode.get_site() or Site.objects.filter(is_default_site=True).first()


def _image_bytes(image, spec):
    if image is None:
        return None
    with image.get_rendition(spec).file.open("rb") as file:
        return file.read()


def sheet_for(episode):
    """The certificate.pdf.Sheet of the episode's site: organisation, signatory and images."""
    site = _site(episode)
    settings = CertificateSettings.for_site(site)
    return certificate_pdf.Sheet(
        origin=page_root_url(episode),
        organisation=SiteSettings.for_site(site).organisation_name,
        signatory_name=settings.signatory_name,
        signatory_title=settings.signatory_title,
        signatory_nip=settings.signatory_nip,
        place=settings.place,
        # Rendered at about twice the printed size; PNG keeps a transparent background.
        emblem=_image_bytes(settings.emblem, "max-160x160|format-png"),
        signature=_image_bytes(settings.signature_image, "max-600x250|format-png"),
    )


def run_issuing(run_id):
    """Issue every certificate the run's episode owes; progress is saved after each batch."""
    run = CertificateRun.objects.select_related("episode").get(pk=run_id)
    if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        return run
    episode = run.episode
    registrations = Registration.objects.filter(episode=episode)
    if run.registration_id:
        registrations = registrations.filter(pk=run.registration_id)
    registrations = list(
        registrations.select_related("attendance", "certificate", "evaluation").order_by("created_at", "pk")
    )
    skipped = Counter()
    eligible = []
    for registration in registrations:
        reason = reason_to_skip(registration, episode)
        if reason:
            skipped[reason] += 1
        else:
            eligible.append(registration)
    CertificateRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING,
        started_at=timezone.now(),
        total=len(registrations),
        processed=len(registrations) - len(eligible),
        **{reason.value: count for reason, count in skipped.items()},
    )
    try:
        if eligible and episode.jp is None:
            raise NoJPValue
        if eligible:
            _issue_all(run, episode, eligible)
    except Exception as error:
        _figures_changed(episode)  # batches issued before the failure count
        logger.exception("Certificate run %s failed", run.pk)
        CertificateRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            error=(str(error) if isinstance(error, SetupIncomplete) else type(error).__name__)[:300],
        )
        raise
    CertificateRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, finished_at=timezone.now())
    _figures_changed(episode)
    run.refresh_from_db()
    return run


def _issue_all(run, episode, eligible):
    problems = setup_problems(_site(episode))
    if problems:
        raise SetupIncomplete(problems)
    sheet = sheet_for(episode)
    with (
        pdf_drawer(sheet, len(eligible)) as draw,
        CertificateSigner(signatory_name=sheet.signatory_name, place=sheet.place) as signer,
    ):
        for start in range(0, len(eligible), BATCH_SIZE):
            batch = eligible[start : start + BATCH_SIZE]
            issued = issue_batch(episode, batch, draw, signer)
            CertificateRun.objects.filter(pk=run.pk).update(
                processed=F("processed") + len(batch),
                issued=F("issued") + issued,
                skipped_already_issued=F("skipped_already_issued") + len(batch) - issued,
            )


@task()
def issue_certificates(run_id):
    """The background task behind start_run(): issue the run's certificates."""
    run = run_issuing(run_id)
    return {"issued": run.issued, "processed": run.processed}


def _figures_changed(episode):
    # bulk_create sends no post_save: tell the figures once for the whole run.
    participation_changed.send(sender=Certificate, episode=episode)


@contextlib.contextmanager
def pdf_drawer(sheet, count):
    """A function drawing certificates' PDFs: given a list of (certificate, NIP) pairs, it yields
    their unsigned PDFs in order, drawn on every core when there are many."""
    processes = min(os.cpu_count() or 1, MAX_DRAWING_PROCESSES)
    if count < PARALLEL_FROM or processes < 2:
        yield lambda pairs: (certificate_pdf.render(certificate, sheet, nip) for certificate, nip in pairs)
        return
    # Forked, the processes share the loaded settings, fonts and URLs; they only draw and never
    # use the database connection they inherit. Results come back in order as they are drawn, so
    # this process signs the first while the others are still being drawn.
    context = multiprocessing.get_context("fork")
    draw_one = functools.partial(_render_pair, sheet=sheet)
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        yield lambda pairs: pool.map(draw_one, pairs, chunksize=max(1, len(pairs) // (processes * 4)))


def _render_pair(pair, sheet):
    certificate, nip = pair
    return certificate_pdf.render(certificate, sheet, nip)


def issue_batch(episode, registrations, draw, signer):
    """Certificates for these eligible registrations, numbered in order, drawn, signed and stored;
    returns how many were made."""
    saved_files = []
    try:
        with transaction.atomic():
            CertificateCounter.objects.get_or_create(episode=episode)
            counter = CertificateCounter.objects.select_for_update().get(episode=episode)
            # Another run may have issued some of these since they were read: the lock makes this
            # second look final.
            taken = set(
                Certificate.objects.filter(registration__in=registrations).values_list(
                    "registration_id", flat=True
                )
            )
            pending = [registration for registration in registrations if registration.pk not in taken]
            certificates = [
                _new_certificate(episode, registration, counter.last_sequence + offset)
                for offset, registration in enumerate(pending, start=1)
            ]
            pairs = [
                (certificate, registration.nip)
                for certificate, registration in zip(certificates, pending, strict=True)
            ]
            for certificate, pdf in zip(certificates, draw(pairs), strict=True):
                signed = signer.sign(pdf)
                certificate.pdf_sha256 = hashlib.sha256(signed).hexdigest()
                certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(signed), save=False)
                saved_files.append(certificate.pdf.name)
            Certificate.objects.bulk_create(certificates)
            counter.last_sequence += len(pending)
            counter.save(update_fields=["last_sequence"])
            for registration in pending:
                # A registration already anonymised has no address to write to.
                if registration.email:
                    queue_email(registration, EmailKind.CERTIFICATE)
    except BaseException:
        for name in saved_files:
            default_storage.delete(name)
        raise
    return len(certificates)


def _new_certificate(episode, registration, sequence):
    # Ids, not instances: the certificate goes to a drawing process, which needs only its fields.
    return Certificate(
        registration_id=registration.pk,
        episode_id=episode.pk,
        sequence=sequence,
        number=certificate_number(episode.series_number, sequence),
        full_name=registration.full_name,
        participant_type=registration.participant_type,
        series_number=episode.series_number,
        episode_title=episode.title,
        episode_date=timezone.localdate(episode.start),
        jp=episode.jp,
    )


def revoke(certificate, reason):
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status != CertificateStatus.REVOKED:
            certificate.status = CertificateStatus.REVOKED
            certificate.revoked_reason = reason
            certificate.revoked_at = timezone.now()
            certificate.save(update_fields=["status", "revoked_reason", "revoked_at"])
    return certificate
