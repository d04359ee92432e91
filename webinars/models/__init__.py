from webinars.models.attendance import Attendance
from webinars.models.certificates import (
    Certificate,
    CertificateCounter,
    CertificateRun,
    CertificateSettings,
    CertificateStatus,
    RunStatus,
)
from webinars.models.emails import EmailKind, EmailStatus, OutgoingEmail
from webinars.models.episodes import (
    EpisodeIndexPage,
    EpisodeMaterial,
    EpisodePage,
    EpisodeQuerySet,
    EpisodeSpeaker,
    EpisodeTag,
    SpeakerRole,
)
from webinars.models.registrations import (
    PERSON_FIELDS,
    EpisodeSeats,
    ParticipantType,
    Registration,
    RegistrationStatus,
)
from webinars.models.speakers import SpeakerIndexPage, SpeakerPage
from webinars.models.statistics import StatisticsPage

__all__ = [
    "Attendance",
    "Certificate",
    "CertificateCounter",
    "CertificateRun",
    "CertificateSettings",
    "CertificateStatus",
    "RunStatus",
    "PERSON_FIELDS",
    "EmailKind",
    "EmailStatus",
    "EpisodeSeats",
    "OutgoingEmail",
    "ParticipantType",
    "Registration",
    "RegistrationStatus",
    "EpisodeIndexPage",
    "EpisodeMaterial",
    "EpisodePage",
    "EpisodeQuerySet",
    "EpisodeSpeaker",
    "EpisodeTag",
    "SpeakerIndexPage",
    "SpeakerPage",
    "SpeakerRole",
    "StatisticsPage",
]
