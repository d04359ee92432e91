"""The admin home's section on the latest certificate run (see home/dashboard.py)."""

from django.urls import reverse

from wagtail.admin.ui.components import Component

from webinars.certificates.models import CertificateRun


class CertificateRunSection(Component):
    """The latest certificate run and how far it got, for those who may see the runs."""

    template_name = "certificates/admin/latest_run.html"
    order = 30

    def render_html(self, parent_context=None):
        if not parent_context["request"].user.has_perm("webinars.view_certificaterun"):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        run = CertificateRun.objects.select_related("episode").order_by("-created_at", "-pk").first()
        return {"run": run, "runs_url": reverse("penerbitan-sertifikat:index")}
