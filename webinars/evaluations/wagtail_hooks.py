from wagtail import hooks

from webinars.evaluations.admin import EvaluationGroup


@hooks.register("register_admin_viewset")
def register_evaluation_viewsets():
    return EvaluationGroup()
