"""Every model of the webinars app, one import away. Each is defined in its room's models module
(episodes, registrations, attendance, evaluations, certificates, statistics); Django loads them from here.

For code outside the webinars app (demo content, news, tests). Inside the app, rooms import from
each other's models modules directly, following the arrows in docs/architecture.md.
"""

from webinars.attendance.models import Attendance
from webinars.certificates.models import (
    Certificate,
    CertificateCounter,
    CertificateRun,
    CertificateSettings,
    CertificateStatus,
    LegacyCertificate,
    RunStatus,
)
from webinars.episodes.models import (
    EpisodeIndexPage,
    EpisodeMaterial,
    EpisodePage,
    EpisodeQuerySet,
    EpisodeSpeaker,
    EpisodeTag,
    SpeakerRole,
)
from webinars.episodes.speakers import SpeakerIndexPage, SpeakerPage
from webinars.evaluations.models import Evaluation, EvaluationAnswer, Question, Questionnaire
from webinars.registrations.models import (
    PERSON_FIELDS,
    EmailKind,
    EmailStatus,
    EpisodeSeats,
    OutgoingEmail,
    ParticipantType,
    Registration,
    RegistrationStatus,
)
from webinars.statistics.models import StatisticsPage

__all__ = [
    "PERSON_FIELDS",
    "Attendance",
    "Certificate",
    "CertificateCounter",
    "CertificateRun",
    "CertificateSettings",
    "CertificateStatus",
    "EmailKind",
    "EmailStatus",
    "EpisodeIndexPage",
    "EpisodeMaterial",
    "EpisodePage",
    "EpisodeQuerySet",
    "EpisodeSeats",
    "EpisodeSpeaker",
    "EpisodeTag",
    "Evaluation",
    "EvaluationAnswer",
    "LegacyCertificate",
    "OutgoingEmail",
    "ParticipantType",
    "Question",
    "Questionnaire",
    "Registration",
    "RegistrationStatus",
    "RunStatus",
    "SpeakerIndexPage",
    "SpeakerPage",
    "SpeakerRole",
    "StatisticsPage",
]
