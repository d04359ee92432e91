"""The moderation workflow, end to end through the admin: a writer submits, a moderator decides.

Both sides hear about it: in the admin (the page's status and the comment) and by email, which
goes out through Django's mail backend (locmem here, the console in development).
"""

from django.core import mail
from django.urls import reverse

from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import streamfield

import pytest

from news.models import ArticlePage
from tests import factories
from tests.admin_forms import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(client):
    news = factories.news_index()
    writer = factories.make_staff("Penulis", email="penulis@bpsdm.example")
    moderator = factories.make_staff("Moderator", email="moderator@bpsdm.example")
    factories.make_staff("Admin Peserta", email="registrar@bpsdm.example")
    return {"news": news, "writer": writer, "moderator": moderator}


def submit_article(client, people):
    client.force_login(people["writer"])
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", people["news"].pk))
    response = client.post(url, article_form(**{"action-submit": "Kirim untuk moderasi"}))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return ArticlePage.objects.get(slug="seri-41-dibuka")


def test_a_writers_submission_waits_for_a_moderator_and_they_are_emailed(client, people):
    article = submit_article(client, people)

    assert not article.live
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Tinjau lalu terbitkan"
    assert state.current_task_state.task.name == "Tinjauan moderator"
    assert client.get("/berita/seri-41-dibuka/").status_code == 404
    # The moderators hear about it; the registrar and the writer do not.
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {"moderator@bpsdm.example"}
    assert article.title in mail.outbox[0].subject


def moderate(client, moderator, article, action, comment):
    """The moderator presses Approve or Reject on the page's current task, with a comment."""
    client.force_login(moderator)
    task_state = TaskState.objects.get(workflow_state__object_id=str(article.pk), status="in_progress")
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, action, task_state.pk))
    client.post(url, {"comment": comment})
    article.refresh_from_db()
    task_state.refresh_from_db()
    return task_state


def test_approving_publishes_the_page_and_tells_the_writer(client, people):
    article = submit_article(client, people)
    mail.outbox.clear()

    moderate(client, people["moderator"], article, "approve", "Rapi, terbitkan.")

    assert article.live
    assert WorkflowState.objects.get(object_id=str(article.pk)).status == WorkflowState.STATUS_APPROVED
    assert client.get("/berita/seri-41-dibuka/").status_code == 200
    assert [message.to for message in mail.outbox] == [["penulis@bpsdm.example"]]
    assert "disetujui" in mail.outbox[0].subject
    assert "Seri ke-41 dibuka untuk umum" in mail.outbox[0].body


def test_rejecting_keeps_a_draft_and_gives_the_writer_the_comment(client, people):
    article = submit_article(client, people)
    mail.outbox.clear()
    comment = "Tambahkan jam mulai dan tautan pendaftaran."

    task_state = moderate(client, people["moderator"], article, "reject", comment)

    assert not article.live
    assert client.get("/berita/seri-41-dibuka/").status_code == 404
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == comment
    # By email...
    assert [message.to for message in mail.outbox] == [["penulis@bpsdm.example"]]
    assert "dikembalikan" in mail.outbox[0].subject
    assert comment in mail.outbox[0].body
    # ...and in the admin, where the writer edits the draft again.
    client.force_login(people["writer"])
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    assert comment in edit_page
    history = client.get(reverse("wagtailadmin_pages:history", args=(article.pk,))).content.decode()
    assert comment in history


def test_a_writer_cannot_skip_the_review(client, people):
    client.force_login(people["writer"])
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", people["news"].pk))

    client.post(url, article_form(**{"action-publish": "Terbitkan"}))

    article = ArticlePage.objects.get(slug="seri-41-dibuka")
    assert not article.live
    assert not Page.objects.filter(pk=article.pk, live=True).exists()


def test_an_incomplete_article_is_refused_with_indonesian_messages_and_nothing_is_saved(client, people):
    client.force_login(people["writer"])
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", people["news"].pk))

    response = client.post(
        url, article_form(intro="Terlalu panjang. " * 30, body=streamfield([]), **{"action-submit": "Kirim"})
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "paling banyak 400 karakter" in errors["intro"][0]
    assert "body" in errors
    assert not ArticlePage.objects.exists()
    assert not WorkflowState.objects.exists()
    assert mail.outbox == []
