from django.apps import AppConfig


class WebinarsConfig(AppConfig):
    """One app label for every room inside (episodes, registrations, attendance, evaluations,
    certificates, statistics), so tables and migrations stay where they are; see docs/architecture.md."""

    name = "webinars"
    verbose_name = "Webinar"

    def ready(self):
        from webinars.certificates import receivers  # noqa: F401 (connects the receivers)
        from webinars.statistics import signals  # noqa: F401
