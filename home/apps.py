from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Beranda"

    def ready(self):
        from django.apps import apps

        from home import signals

        signals.connect_model_receivers(apps.get_models())
