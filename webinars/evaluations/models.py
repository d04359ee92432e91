"""The post-event evaluation: questionnaires (versioned sets of questions), the episode's
evaluation settings, and one participant's answers.

A questionnaire asks about each speaker and the moderator ("narasumber" questions, asked once per
person) and about the organisation ("penyelenggara" questions), on the 1–4 scale of PermenPANRB
No. 14 Tahun 2017, plus an open comment. Answers point at the question rows they answered; a
questionnaire that has answers is never changed in place (``archive_answered_version``), so
editing the set never changes past results.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

# The scale of PermenPANRB No. 14 Tahun 2017 (Lampiran, "nilai persepsi"), 1 to 4.
SCALE = [(1, _("Tidak baik")), (2, _("Kurang baik")), (3, _("Baik")), (4, _("Sangat baik"))]
# An evaluation stays open this long after the episode ends unless the editor sets a date.
DEFAULT_OPEN_DAYS = 7


class QuestionAbout(models.TextChoices):
    SPEAKER = "narasumber", _("Setiap narasumber dan moderator")
    ORGANISATION = "penyelenggara", _("Penyelenggaraan")


class Questionnaire(ClusterableModel):
    """A set of questions, ordered; the default one is created by a data migration."""

    title = models.CharField(
        _("nama"),
        max_length=120,
        help_text=_("Nama kuesioner untuk admin, mis. Kuesioner standar."),
    )
    is_default = models.BooleanField(
        _("bawaan"),
        default=False,
        help_text=_("Dipakai episode yang tidak memilih kuesioner. Hanya satu kuesioner yang bawaan."),
    )
    archived_at = models.DateTimeField(
        _("versi lama sejak"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Salinan yang menyimpan pertanyaan seperti saat dijawab; tidak bisa dipilih lagi."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("is_default"),
        InlinePanel("questions", heading=_("Pertanyaan"), label=_("Pertanyaan"), min_num=1),
    ]

    class Meta:
        verbose_name = _("kuesioner evaluasi")
        verbose_name_plural = _("kuesioner evaluasi")
        ordering = ["archived_at", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_questionnaire"
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def default(cls):
        """The questionnaire of episodes that chose none (None only if staff removed it)."""
        return cls.objects.filter(is_default=True, archived_at__isnull=True).first()

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_default:
                Questionnaire.objects.exclude(pk=self.pk).filter(is_default=True).update(is_default=False)
            super().save(*args, **kwargs)

    def archive_answered_version(self):
        """Before this questionnaire is edited: when it has answers, copy it as it is into an
        archived questionnaire and move every answer, evaluation and episode that used it there,
        so the edit changes only evaluations still to come. Returns the copy, or None."""
        if not self.evaluations.exists():
            return None
        today = timezone.localdate().strftime("%d-%m-%Y")
        copy = Questionnaire.objects.create(
            title=f"{self.title} (versi s.d. {today})", archived_at=timezone.now()
        )
        for question in Question.objects.filter(questionnaire=self):
            old_pk = question.pk
            question.pk = None
            question.questionnaire = copy
            question.save()
            EvaluationAnswer.objects.filter(question_id=old_pk).update(question=question)
        episodes = Evaluation.episode.field.related_model.objects
        episodes.filter(pk__in=list(self.evaluations.values_list("episode", flat=True).distinct())).update(
            evaluation_questionnaire=copy
        )
        self.evaluations.update(questionnaire=copy)
        return copy


class Question(Orderable):
    questionnaire = ParentalKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(
        _("pertanyaan"),
        max_length=200,
        help_text=_("Unsur yang dinilai, mis. Penguasaan materi."),
    )
    about = models.CharField(
        _("tentang"),
        max_length=16,
        choices=QuestionAbout.choices,
        default=QuestionAbout.ORGANISATION,
        help_text=_(
            "Pertanyaan tentang narasumber ditanyakan untuk setiap narasumber dan moderator episode."
        ),
    )

    panels = [FieldPanel("text"), FieldPanel("about")]

    class Meta(Orderable.Meta):
        verbose_name = _("pertanyaan")
        verbose_name_plural = _("pertanyaan")

    def __str__(self):
        return self.text


class EpisodeEvaluationMixin(models.Model):
    """The episode's evaluation: which questionnaire, whether it comes before the certificate,
    and until when answers are taken."""

    evaluation_questionnaire = models.ForeignKey(
        Questionnaire,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kuesioner evaluasi"),
        help_text=_(
            "Kosongkan untuk memakai kuesioner bawaan. Tidak bisa diganti setelah ada peserta yang menjawab."
        ),
    )
    evaluation_required = models.BooleanField(
        _("evaluasi wajib sebelum sertifikat"),
        default=False,
        help_text=_(
            "Bila dicentang, sertifikat hanya terbit bagi peserta hadir yang sudah mengisi evaluasi."
        ),
    )
    evaluation_closes_at = models.DateTimeField(
        _("evaluasi ditutup"),
        null=True,
        blank=True,
        help_text=_("Tanggal dan jam (WITA) evaluasi ditutup. Kosongkan untuk 7 hari setelah acara selesai."),
    )

    evaluation_panels = [
        MultiFieldPanel(
            [
                FieldPanel("evaluation_questionnaire"),
                FieldPanel("evaluation_required"),
                FieldPanel("evaluation_closes_at"),
            ],
            heading=_("Evaluasi"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.evaluation_closes_at and self.end and self.evaluation_closes_at <= self.end:
            raise ValidationError(
                {"evaluation_closes_at": _("Evaluasi harus ditutup setelah acara selesai.")}
            )
        answered = Evaluation.objects.filter(episode_id=self.pk).values_list("questionnaire_id", flat=True)
        used = answered.first() if self.pk else None
        if used is not None and self.evaluation_questionnaire_id not in (None, used):
            raise ValidationError(
                {
                    "evaluation_questionnaire": _(
                        "Sudah ada peserta yang menjawab kuesioner lain; "
                        "kuesioner episode ini tidak bisa diganti."
                    )
                }
            )

    @property
    def evaluation_closing_time(self):
        return self.evaluation_closes_at or self.end + datetime.timedelta(days=DEFAULT_OPEN_DAYS)

    def evaluation_state(self, now=None):
        """ "not_yet" before the episode ends, "open" until the close, then "closed"."""
        now = now or timezone.now()
        if now < self.end:
            return "not_yet"
        return "open" if now < self.evaluation_closing_time else "closed"

    def evaluation_is_open(self, now=None):
        return self.evaluation_state(now) == "open"

    def questionnaire_in_use(self):
        """The questionnaire participants answer: the one already answered, else the chosen one,
        else the default."""
        answered = Evaluation.objects.filter(episode_id=self.pk).select_related("questionnaire").first()
        if answered:
            return answered.questionnaire
        return self.evaluation_questionnaire or Questionnaire.default()


class Evaluation(models.Model):
    """One registration's evaluation of its episode (at most one: a database constraint)."""

    registration = models.OneToOneField(
        "webinars.Registration",
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("pendaftaran"),
    )
    # Beside the registration so results per episode need no join.
    episode = models.ForeignKey(
        "webinars.EpisodePage",
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("episode"),
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("kuesioner")
    )
    comment = models.TextField(_("saran dan komentar"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("diisi"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("evaluasi")
        verbose_name_plural = _("evaluasi")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.registration)


class EvaluationAnswer(models.Model):
    """One value (1–4) given to one question, about one speaker or about the organisation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    speaker = models.ForeignKey(
        "webinars.SpeakerPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept so the results still name the person if the speaker page is ever deleted.
    speaker_name = models.CharField(max_length=255, blank=True)
    value = models.PositiveSmallIntegerField(
        choices=SCALE, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("jawaban evaluasi")
        verbose_name_plural = _("jawaban evaluasi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=4), name="answer_value_1_to_4"
            ),
        ]
