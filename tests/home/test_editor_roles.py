"""Each staff group can do its part of the work and is refused the rest (403 or not shown)."""

from django.contrib.auth.models import Group

from wagtail.models import Page, Site, Workflow

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

WRITER, MODERATOR, REGISTRAR = "Penulis", "Moderator", "Admin Peserta"


def assert_refused(response):
    """Wagtail answers a refused admin page with 403, or sends the user back to the dashboard."""
    assert response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    ), f"{response.status_code} {response.get('Location')}"


@pytest.fixture
def content():
    article = factories.make_article()
    return {
        "article": article,
        "episode": factories.make_episode(),
        "speaker": factories.make_speaker(),
        "image": factories.make_image(),
        "document": factories.make_document(),
        "site": Site.objects.get(is_default_site=True),
    }


def login(client, *groups):
    user = factories.make_staff(*groups)
    client.force_login(user)
    return user


def test_the_roles_exist_on_every_install():
    assert set(Group.objects.values_list("name", flat=True)) >= {WRITER, MODERATOR, REGISTRAR}
    # Wagtail's English sample groups would sit next to ours with the same powers.
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_every_page_is_reviewed_by_a_moderator_before_it_is_published(content):
    assert list(Workflow.objects.filter(active=True).values_list("name", flat=True)) == [
        "Tinjau lalu terbitkan"
    ]
    workflow = Page.get_first_root_node().get_workflow()
    assert workflow.name == "Tinjau lalu terbitkan"
    [task] = [task.specific for task in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == [MODERATOR]
    for page in (content["article"], content["episode"], content["speaker"]):
        assert page.get_workflow() == workflow


@pytest.mark.parametrize("group", [WRITER, MODERATOR])
def test_writers_and_moderators_edit_every_kind_of_page(client, content, group):
    login(client, group)
    episode_index = content["episode"].get_parent()
    news_index = content["article"].get_parent()
    speaker_index = content["speaker"].get_parent()

    for page in (content["article"], content["episode"], content["speaker"]):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/webinars/episodepage/{episode_index.pk}/").status_code == 200
    assert client.get(f"/admin/pages/add/news/articlepage/{news_index.pk}/").status_code == 200
    assert client.get(f"/admin/pages/add/webinars/speakerpage/{speaker_index.pk}/").status_code == 200
    assert client.get("/admin/images/multiple/add/").status_code == 200
    assert client.get("/admin/documents/multiple/add/").status_code == 200


def test_a_writer_cannot_publish_unpublish_or_delete_live_pages(client, content):
    user = login(client, WRITER)
    article = content["article"]

    permissions = article.permissions_for_user(user)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()
    assert_refused(client.get(f"/admin/pages/{article.pk}/unpublish/"))
    assert_refused(client.get(f"/admin/pages/{article.pk}/delete/"))


def test_a_writer_manages_only_their_own_uploads(client, content):
    user = login(client, WRITER)
    own_image = factories.make_image(uploaded_by_user=user)

    assert client.get(f"/admin/images/{own_image.pk}/").status_code == 200
    assert_refused(client.get(f"/admin/images/{content['image'].pk}/"))
    assert_refused(client.get(f"/admin/images/{content['image'].pk}/delete/"))
    assert_refused(client.get(f"/admin/documents/delete/{content['document'].pk}/"))


def test_a_moderator_publishes_and_manages_every_upload(client, content):
    user = login(client, MODERATOR)

    assert content["article"].permissions_for_user(user).can_publish()
    assert client.get(f"/admin/pages/{content['article'].pk}/unpublish/").status_code == 200
    assert client.get(f"/admin/images/{content['image'].pk}/delete/").status_code == 200
    assert client.get(f"/admin/documents/delete/{content['document'].pk}/").status_code == 200


def test_only_moderators_change_the_site_settings(client, content):
    url = f"/admin/settings/home/sitesettings/{content['site'].pk}/"
    login(client, WRITER)
    assert_refused(client.get(url))

    login(client, MODERATOR)
    response = client.get(url)
    assert response.status_code == 200
    assert "Pengaturan situs" in response.content.decode() or "pengaturan situs" in response.content.decode()


@pytest.mark.parametrize("group", [WRITER, MODERATOR])
def test_writers_and_moderators_never_see_participants(client, content, group):
    login(client, group)

    for url in ("/admin/pendaftaran/", "/admin/pendaftaran/?export=csv", "/admin/email-peserta/"):
        assert_refused(client.get(url))
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/pendaftaran/" not in dashboard
    assert "/admin/email-peserta/" not in dashboard


@pytest.mark.parametrize("group", [WRITER, MODERATOR, REGISTRAR])
def test_no_staff_group_manages_users_workflows_or_snippets(client, content, group):
    login(client, group)

    for url in (
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/snippets/",
        "/admin/sites/",
    ):
        assert_refused(client.get(url))


def test_a_registrar_works_with_registrations_but_never_edits_pages(client, content):
    login(client, REGISTRAR)

    assert client.get("/admin/pendaftaran/").status_code == 200
    assert client.get("/admin/pendaftaran/?export=csv")["Content-Type"].startswith("text/csv")
    assert_refused(client.get("/admin/pages/"))
    assert_refused(client.get(f"/admin/pages/{content['episode'].pk}/edit/"))
    assert_refused(client.get(f"/admin/pages/add/news/articlepage/{content['article'].get_parent().pk}/"))
    assert_refused(client.get("/admin/images/"))
    assert_refused(client.get(f"/admin/settings/home/sitesettings/{content['site'].pk}/"))
