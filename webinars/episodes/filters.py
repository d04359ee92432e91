"""Filtering and paging of episode listings, driven by the query string of /webinar/."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag


class EpisodeFilterForm(forms.Form):
    UPCOMING = "mendatang"
    PAST = "lampau"

    waktu = forms.ChoiceField(
        label=_("Waktu"),
        required=False,
        choices=[("", _("Semua")), (UPCOMING, _("Akan datang")), (PAST, _("Sudah berlangsung"))],
    )
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    topik = forms.ChoiceField(label=_("Topik"), required=False)

    def __init__(self, *args, episodes, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted({start.year for start in episodes.dates("start", "year")}, reverse=True)
        self.fields["tahun"].choices = [("", _("Semua tahun"))] + [(year, str(year)) for year in years]
        tags = Tag.objects.filter(webinars_episodetag_items__content_object__in=episodes).distinct()
        self.fields["topik"].choices = [("", _("Semua topik"))] + [
            (tag.slug, tag.name) for tag in tags.order_by("name")
        ]

    def filter(self, episodes):
        """The episodes the valid parts of the query ask for; invalid parts are ignored."""
        if not self.is_bound:
            return episodes.order_by("-start")
        self.is_valid()
        data = self.cleaned_data
        if data.get("tahun"):
            episodes = episodes.filter(start__year=data["tahun"])
        if data.get("topik"):
            episodes = episodes.filter(tags__slug=data["topik"])
        if data.get("waktu") == self.UPCOMING:
            return episodes.upcoming()
        if data.get("waktu") == self.PAST:
            return episodes.past()
        return episodes.order_by("-start")
