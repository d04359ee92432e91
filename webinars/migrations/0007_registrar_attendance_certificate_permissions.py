from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Admin Peserta"
PERMISSIONS = [
    ("attendance", "view_attendance"),
    ("attendance", "change_attendance"),
    ("certificate", "view_certificate"),
    ("certificate", "add_certificate"),
    ("certificate", "change_certificate"),
    ("certificaterun", "view_certificaterun"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure these exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for model, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="webinars", content_type__model=model, codename=codename)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="webinars", codename__in=[codename for _, codename in PERMISSIONS]
            )
        )


class Migration(migrations.Migration):
    dependencies = [("webinars", "0006_attendance_certificates")]

    operations = [migrations.RunPython(grant, revoke)]
