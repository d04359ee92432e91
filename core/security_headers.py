"""Security headers on every response, static files and error pages included."""

from django.conf import settings

from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a second, looser policy for the Wagtail admin.

    The public site runs no inline script at all. The admin's own templates still do (inline
    panels, date pickers) and set style attributes, so under /admin/ the policy allows inline
    scripts and styles; it is reached only by signed-in staff (and may be limited to the office
    networks), so the looser policy does not widen what a visitor's page can be made to run.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        in_admin = request.path_info.startswith(settings.ADMIN_PATH)
        if in_admin and not report_only and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


class PermissionsPolicyMiddleware:
    """Turns off browser features the site never uses, for its pages and anything embedded in them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
