from webinars.models.episodes import (
    EpisodeIndexPage,
    EpisodeMaterial,
    EpisodePage,
    EpisodeQuerySet,
    EpisodeSpeaker,
    EpisodeTag,
    SpeakerRole,
)
from webinars.models.speakers import SpeakerIndexPage, SpeakerPage
from webinars.models.statistics import StatisticsPage

__all__ = [
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
