"""Property-based checks: whatever is typed or tampered with, no 500 and nothing unescaped."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_episode, wita
from webinars.models import PERSON_FIELDS, Registration
from webinars.registrations.forms import RegistrationForm

FIELDS = [*PERSON_FIELDS, "consent", "website"]
MARKER = "<script>alert(1)</script>"
hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(
        [
            MARKER,
            "' OR 1=1 --",
            "\x00",
            "../../etc/passwd",
            "\u202egnp.exe",
            "＜ｓｃｒｉｐｔ＞",
            "0" * 18,
            "1" * 19,
            "A\u0301ndi",
            "\ufeff",
            "%00",
            "{{ 7*7 }}",
        ]
    ),
)
form_data = st.dictionaries(st.sampled_from(FIELDS), hostile_text)


@given(data=form_data)
@settings(max_examples=300, deadline=None)
def test_form_never_crashes_and_rejects_control_characters(data):
    form = RegistrationForm(data)
    if form.is_valid():
        for name in ["full_name", "agency", "position"]:
            assert all(char.isprintable() for char in form.cleaned_data[name])
        assert form.cleaned_data["whatsapp"].startswith("+628")


@pytest.fixture
def episode(db, time_machine):
    time_machine.move_to(wita(2025, 8, 1, 10, 0), tick=False)
    return make_episode(
        series_number=41, start=wita(2025, 8, 14, 9, 0), registration_opens_at=wita(2025, 7, 25, 8, 0)
    )


@given(data=form_data)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_view_answers_hostile_posts_without_error_or_reflected_markup(client, episode, data):
    before = Registration.objects.count()
    response = client.post(episode.url + "daftar/", {**data, "full_name": data.get("full_name", "") + MARKER})
    assert response.status_code in {200, 302, 429}
    assert MARKER not in response.content.decode()
    assert Registration.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_change_nothing(client, episode, method):
    response = getattr(client, method)(episode.url + "daftar/")
    assert response.status_code in {200, 405}
    assert not Registration.objects.exists()
