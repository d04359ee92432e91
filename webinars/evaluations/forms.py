from django import forms
from django.core.exceptions import ValidationError

from core.text import clean_text
from webinars.evaluations.models import SCALE


def field_name(question, speaker_id):
    return f"q{question.pk}" if speaker_id is None else f"q{question.pk}-s{speaker_id}"


class EvaluationForm(forms.Form):
    """One radio group (1–4) per question and person of the episode's sections
    (service.sections), and the open comment. ``initial_values`` maps (question id, speaker id)
    to an earlier answer."""

    comment = forms.CharField(
        label="Saran dan komentar",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Opsional. Hanya dibaca panitia; tidak pernah ditampilkan di situs.",
    )

    def __init__(self, *args, sections, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_values = initial_values or {}
        self.sections = sections
        self.keys = {}
        comment = self.fields.pop("comment")
        for section in sections:
            section.field_names = []
            for question in section.questions:
                name = field_name(question, section.speaker_id)
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[(value, f"{value} – {label}") for value, label in SCALE],
                    coerce=int,
                    widget=forms.RadioSelect,
                    initial=initial_values.get((question.pk, section.speaker_id)),
                    error_messages={
                        "required": "Pilih salah satu nilai.",
                        "invalid_choice": "Pilih nilai 1 sampai 4.",
                    },
                )
                self.keys[name] = (question, section.speaker_id)
                section.field_names.append(name)
        self.fields["comment"] = comment

    def clean_comment(self):
        try:
            return clean_text(self.cleaned_data["comment"])
        except ValidationError as error:
            raise ValidationError("Komentar berisi karakter yang tidak diizinkan.") from error

    def grouped(self):
        """[(section, [bound fields])] in the order of the form."""
        return [(section, [self[name] for name in section.field_names]) for section in self.sections]

    def values(self):
        """{(question, speaker id or None): value} of a valid form."""
        return {key: self.cleaned_data[name] for name, key in self.keys.items()}
