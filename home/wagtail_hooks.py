from wagtail import hooks

from home.dashboard import StaffSummaryPanel


@hooks.register("construct_homepage_panels")
def add_staff_summary_panel(request, panels):
    panels.append(StaffSummaryPanel())
