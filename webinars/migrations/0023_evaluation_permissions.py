"""Moderators keep the questionnaires and read the results; registrars read the results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Moderator": [
        ("questionnaire", "add_questionnaire"),
        ("questionnaire", "change_questionnaire"),
        ("questionnaire", "delete_questionnaire"),
        ("questionnaire", "view_questionnaire"),
        ("evaluation", "view_evaluation"),
    ],
    "Admin Peserta": [("evaluation", "view_evaluation")],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure these exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for model, codename in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="webinars", content_type__model=model, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="webinars", codename__in=[codename for _, codename in permissions]
                )
            )


class Migration(migrations.Migration):
    dependencies = [("webinars", "0022_default_questionnaire"), ("home", "0003_editor_roles_and_workflow")]

    operations = [migrations.RunPython(grant, revoke)]
