from wagtail import hooks

from webinars.episodes.dashboard import UpcomingEpisodesSection


@hooks.register("register_staff_summary_section")
def upcoming_episodes_section():
    return UpcomingEpisodesSection
