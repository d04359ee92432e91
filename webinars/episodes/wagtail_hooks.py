from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from webinars.episodes import admin
from webinars.episodes.dashboard import UpcomingEpisodesSection


@hooks.register("register_staff_summary_section")
def upcoming_episodes_section():
    return UpcomingEpisodesSection


@hooks.register("register_admin_urls")
def history_import_urls():
    urls = [
        path("", admin.import_view, name="import"),
        path("templat/", admin.template_view, name="template"),
    ]
    return [path("impor-riwayat/", include((urls, "riwayat_seri")))]


class HistoryMenuItem(MenuItem):
    def is_shown(self, request):
        return admin.can_import_history(request.user)


@hooks.register("register_admin_menu_item")
def history_import_menu_item():
    return HistoryMenuItem(_("Impor riwayat seri"), admin.menu_url(), icon_name="history", order=205)


@hooks.register("register_log_actions")
def register_history_log_actions(actions):
    actions.register_action("webinars.history.import", _("Impor riwayat seri"), _("Riwayat seri diimpor"))
