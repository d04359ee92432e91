from django.contrib.auth.models import Group

import pytest


@pytest.fixture
def registrar(django_user_model):
    """A member of the group that handles participants' data (created by a data migration)."""
    user = django_user_model.objects.create_user("registrar", password="pw")
    user.groups.add(Group.objects.get(name="Admin Peserta"))
    return user
