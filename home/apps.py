from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Beranda"

    def ready(self):
        from home import signals  # noqa: F401 (connects the receivers)
