from django.apps import AppConfig


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = "Webinar"

    def ready(self):
        from webinars import signals  # noqa: F401 (connects the receivers)
