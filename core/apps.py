from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site infrastructure: caches, limits, client address, health, outages, security headers.

    It knows no content app: pages, registrations and the rest use it, never the other way.
    """

    name = "core"
    verbose_name = "Infrastruktur situs"

    def ready(self):
        from django.apps import apps

        from core import page_cache, text_fields

        page_cache.connect_receivers(apps.get_models())
        text_fields.register()
