"""Who may evaluate an episode, what they are asked, and saving their answers.

Saving is an upsert: the registration row is locked (SELECT … FOR UPDATE) while the evaluation
is found or made and its answers replaced, and the database holds at most one evaluation per
registration, so two submits at once (a double tap, two tabs) leave one evaluation with the
answers of whichever came last (tests/webinars/evaluations/test_concurrency.py, PostgreSQL).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Q

from webinars.evaluations.models import Evaluation, EvaluationAnswer, QuestionAbout
from webinars.evaluations.signals import evaluation_submitted
from webinars.registrations.models import Registration, RegistrationStatus

# Registrations whose attendance counts toward the certificate (Attendance.meets_minimum), as a
# filter on Registration: the people who may evaluate, with may_evaluate().
COUNTED_ATTENDANCE = Q(status=RegistrationStatus.CONFIRMED) & (
    Q(attendance__checked_in_at__isnull=False)
    | Q(attendance__marked_by_hand=True)
    | Q(attendance__minutes__isnull=False, episode__certificate_minimum_minutes__isnull=True)
    | Q(attendance__minutes__gte=F("episode__certificate_minimum_minutes"))
)


@dataclass
class Section:
    """A part of the form: the questions about one person (``person``: their EpisodeSpeaker), or
    about the organisation (``person`` None)."""

    heading: str
    person: object
    questions: list = field(default_factory=list)

    @property
    def speaker_id(self):
        return self.person.speaker_id if self.person else None


def evaluated_people(episode):
    """The episode's speakers then its moderators (EpisodeSpeaker rows), each person once."""
    roles = list(
        episode.speaker_roles.filter(role__in=["narasumber", "moderator"])
        .select_related("speaker")
        .order_by("sort_order")
    )
    roles.sort(key=lambda role: role.role == "moderator")
    seen, people = set(), []
    for role in roles:
        if role.speaker_id not in seen:
            seen.add(role.speaker_id)
            people.append(role)
    return people


def sections(episode, questionnaire):
    """The form's sections: one per speaker and moderator with the questions about people, then
    the organisation's."""
    questions = list(questionnaire.questions.all())
    about_people = [question for question in questions if question.about == QuestionAbout.SPEAKER]
    about_organisation = [question for question in questions if question.about == QuestionAbout.ORGANISATION]
    result = []
    if about_people:
        for role in evaluated_people(episode):
            label = "Moderator" if role.role == "moderator" else "Narasumber"
            result.append(Section(f"{label}: {role.speaker.title}", role, about_people))
    if about_organisation:
        result.append(Section("Penyelenggaraan", None, about_organisation))
    return result


def may_evaluate(registration, episode):
    """Whether this registration is of someone recorded present: confirmed, with attendance that
    counts toward the certificate (check-in, a registrar's mark, or enough minutes)."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return False
    attendance = getattr(registration, "attendance", None)
    return attendance is not None and attendance.meets_minimum(episode.certificate_minimum_minutes)


def save_evaluation(registration, questionnaire, values, comment=""):
    """Record this registration's evaluation, or replace its earlier answers.

    ``values`` maps (question, speaker id or None) to a value 1–4; ``comment`` is the open
    comment. Returns (Evaluation, created). Sends ``evaluation_submitted`` after the commit.
    """
    speaker_names = {}
    with transaction.atomic():
        locked = Registration.objects.select_for_update().select_related("episode").get(pk=registration.pk)
        evaluation, created = Evaluation.objects.get_or_create(
            registration=locked,
            defaults={"episode_id": locked.episode_id, "questionnaire": questionnaire, "comment": comment},
        )
        if not created:
            evaluation.comment = comment
            evaluation.questionnaire = questionnaire
            evaluation.save(update_fields=["comment", "questionnaire", "updated_at"])
            evaluation.answers.all().delete()
        for role in evaluated_people(locked.episode):
            speaker_names[role.speaker_id] = role.speaker.title
        EvaluationAnswer.objects.bulk_create(
            EvaluationAnswer(
                evaluation=evaluation,
                question=question,
                speaker_id=speaker_id,
                speaker_name=speaker_names.get(speaker_id, ""),
                value=value,
            )
            for (question, speaker_id), value in values.items()
        )
        transaction.on_commit(
            lambda: evaluation_submitted.send(sender=Evaluation, registration=locked, created=created)
        )
    return evaluation, created
