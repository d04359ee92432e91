"""The participant's evaluation page, a sub-route of the episode page (``EvaluationRoutes``):
/webinar/<slug>/evaluasi/<token>/, opened from the signed link in the emails and the
certificate look-up. No login and no script: a plain form of radio groups, never cached."""

from django.http import Http404
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import path

from core.responses import render_uncached
from webinars.evaluations import links
from webinars.evaluations.forms import EvaluationForm
from webinars.evaluations.service import may_evaluate, save_evaluation, sections
from webinars.registrations.models import Registration

TEMPLATE = "evaluations/form.html"


def evaluation_view(request, episode, token):
    """GET: the form, filled with earlier answers; POST: save, then the thank-you state.
    404 for a token this site did not make; 403 for someone not recorded present; 409 before
    the episode ends or after the evaluation closes."""
    code = links.registration_code(token)
    registration = (
        Registration.objects.filter(code=code, episode=episode).select_related("attendance").first()
        if code
        else None
    )
    if registration is None:
        raise Http404
    evaluation = getattr(registration, "evaluation", None)
    context = {"page": episode, "registration": registration, "evaluation": evaluation}
    if not may_evaluate(registration, episode):
        context["state"] = "not_attended"
        return render_uncached(request, TEMPLATE, context, status=403)
    context["state"] = state = episode.evaluation_state()
    if state != "open":
        return render_uncached(request, TEMPLATE, context, status=409 if request.method == "POST" else 200)
    questionnaire = evaluation.questionnaire if evaluation else episode.questionnaire_in_use()
    if questionnaire is None:  # staff removed every questionnaire: nothing to ask
        raise Http404
    form_sections = sections(episode, questionnaire)
    initial = {}
    if evaluation:
        initial = {
            (answer.question_id, answer.speaker_id): answer.value for answer in evaluation.answers.all()
        }
    form = EvaluationForm(
        request.POST if request.method == "POST" else None,
        sections=form_sections,
        initial_values=initial,
        initial={"comment": evaluation.comment if evaluation else ""},
    )
    context["form"] = form
    if request.method == "POST":
        if not form.is_valid():
            context["error_count"] = len(form.errors)
            return render_uncached(request, TEMPLATE, context, status=400)
        evaluation, created = save_evaluation(
            registration, questionnaire, form.values(), form.cleaned_data["comment"]
        )
        registration.refresh_from_db()
        context.update(
            {
                "evaluation": evaluation,
                "saved": True,
                "message": _("Terima kasih, evaluasi Anda tersimpan.")
                if created
                else _("Perubahan evaluasi Anda tersimpan."),
            }
        )
    return render_uncached(request, TEMPLATE, context)


class EvaluationRoutes:
    """The episode page's evaluation sub-route (a RoutablePageMixin page mixes this in)."""

    @path("evaluasi/<str:token>/", name="evaluation")
    def evaluation_page_view(self, request, token):
        return evaluation_view(request, self, token)
