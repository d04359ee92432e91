"""The emails participants receive, in Indonesian, as HTML with a plain-text part."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from webinars import calendar
from webinars.links import cancel_url, confirmation_url
from webinars.models import EmailKind

SUBJECTS = {
    EmailKind.CONFIRMATION: "Pendaftaran Anda: ASN Adaptif Seri ke-{number}",
    EmailKind.WAITLISTED: "Daftar tunggu ASN Adaptif Seri ke-{number}",
    EmailKind.PROMOTED: "Anda mendapat tempat di ASN Adaptif Seri ke-{number}",
    EmailKind.CANCELLED: "Pendaftaran ASN Adaptif Seri ke-{number} dibatalkan",
    EmailKind.REMINDER_DAY: "Besok: ASN Adaptif Seri ke-{number}",
    EmailKind.REMINDER_HOUR: "Satu jam lagi: ASN Adaptif Seri ke-{number}",
    EmailKind.CERTIFICATE: "Sertifikat Anda: ASN Adaptif Seri ke-{number}",
}
# The opening sentence of each email, shared by its text and HTML parts.
OPENINGS = {
    EmailKind.CONFIRMATION: "Pendaftaran Anda untuk Webinar ASN Adaptif Seri ke-{number} sudah kami terima.",
    EmailKind.WAITLISTED: (
        "Kuota Webinar ASN Adaptif Seri ke-{number} sudah penuh. Anda berada di daftar tunggu, "
        "urutan ke-{position}. Kami akan mengabari Anda bila ada tempat."
    ),
    EmailKind.PROMOTED: (
        "Kabar baik: ada peserta yang membatalkan, dan Anda kini terdaftar di Webinar ASN Adaptif "
        "Seri ke-{number}."
    ),
    EmailKind.CANCELLED: "Pendaftaran Anda untuk Webinar ASN Adaptif Seri ke-{number} sudah dibatalkan.",
    EmailKind.REMINDER_DAY: "Pengingat: Webinar ASN Adaptif Seri ke-{number} berlangsung besok.",
    EmailKind.REMINDER_HOUR: "Pengingat: Webinar ASN Adaptif Seri ke-{number} dimulai satu jam lagi.",
    EmailKind.CERTIFICATE: (
        "Terima kasih telah mengikuti Webinar ASN Adaptif Seri ke-{number}. Sertifikat Anda sudah terbit."
    ),
}
# Emails that carry the event itself get the calendar file.
WITH_CALENDAR = {EmailKind.CONFIRMATION, EmailKind.PROMOTED, EmailKind.REMINDER_DAY}
# Emails about the episode after it took place have their own template.
TEMPLATES = {EmailKind.CERTIFICATE: "emails/certificate"}


def build_message(email):
    registration = email.registration
    episode = registration.episode
    context = {
        "kind": email.kind,
        "registration": registration,
        "episode": episode,
        "episode_url": settings.SITE_URL + episode.url,
        "confirmation_url": confirmation_url(registration),
        "cancel_url": cancel_url(registration),
    }
    if email.kind == EmailKind.CERTIFICATE:
        context["certificate"] = registration.certificate
        context["lookup_url"] = settings.SITE_URL + reverse("certificate_lookup")
    context["opening"] = OPENINGS[email.kind].format(
        number=episode.series_number, position=registration.waitlist_position()
    )
    template = TEMPLATES.get(email.kind, "emails/registration")
    message = EmailMultiAlternatives(
        subject=SUBJECTS[email.kind].format(number=episode.series_number),
        body=render_to_string(f"{template}.txt", context),
        to=[registration.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    if email.kind in WITH_CALENDAR:
        ical = calendar.build([episode], settings.SITE_URL, private_details=True).to_ical()
        message.attach(f"asn-adaptif-seri-{episode.series_number}.ics", ical, "text/calendar")
    return message
