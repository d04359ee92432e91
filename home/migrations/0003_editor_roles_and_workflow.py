"""The editors' roles and the moderation workflow, so every install has them.

- Penulis: writes pages, uploads images and documents (and edits their own); submits for
  moderation; cannot publish.
- Moderator: what Penulis does, plus publish, unlock, edit and delete any image or document, and
  the site settings.
- "Tinjau lalu terbitkan": one review by a Moderator. It is assigned to the root of the page tree,
  so it covers the episode and news sections (and every other page) on any install, including a
  fresh one whose home page is only made later by load_demo.

Wagtail's own sample groups ("Editors", "Moderators") and its "Moderators approval" workflow are
removed when nobody uses them: two English look-alikes of the roles above would only confuse staff.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITER, MODERATOR = "Penulis", "Moderator"
WORKFLOW, TASK = "Tinjau lalu terbitkan", "Tinjauan moderator"
WAGTAIL_SAMPLE_GROUPS = ["Editors", "Moderators"]
WAGTAIL_SAMPLE_WORKFLOW = "Moderators approval"

PAGE_PERMISSIONS = {
    WRITER: ["add_page", "change_page", "lock_page"],
    MODERATOR: ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    # Wagtail's "change" on a collection also allows deleting any of its files, and a deleted
    # poster vanishes from live pages without review: writers manage only their own uploads.
    WRITER: [
        ("wagtailimages", "image", ["add_image", "choose_image"]),
        ("wagtaildocs", "document", ["add_document", "choose_document"]),
    ],
    MODERATOR: [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image", "delete_image"]),
        (
            "wagtaildocs",
            "document",
            ["add_document", "change_document", "choose_document", "delete_document"],
        ),
    ],
}
MODEL_PERMISSIONS = {
    WRITER: [("wagtailadmin", "admin", "access_admin")],
    MODERATOR: [("wagtailadmin", "admin", "access_admin"), ("home", "sitesettings", "change_sitesettings")],
}


def permission(Permission, app_label, model, codename):
    return Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=codename)


def create_roles_and_workflow(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure these exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name in (WRITER, MODERATOR):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=permission(Permission, "wagtailcore", "page", codename),
            )
        for app_label, model, codenames in COLLECTION_PERMISSIONS[name]:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(Permission, app_label, model, codename),
                )
        for app_label, model, codename in MODEL_PERMISSIONS[name]:
            group.permissions.add(permission(Permission, app_label, model, codename))

    task_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0]
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([groups[MODERATOR]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    Group.objects.filter(name__in=WAGTAIL_SAMPLE_GROUPS, user__isnull=True).delete()
    sample = Workflow.objects.filter(name=WAGTAIL_SAMPLE_WORKFLOW, workflow_pages__isnull=True).first()
    if sample and not WorkflowState.objects.filter(workflow=sample, status="in_progress").exists():
        sample.active = False
        sample.save(update_fields=["active"])
        GroupApprovalTask.objects.filter(name=WAGTAIL_SAMPLE_WORKFLOW, groups__isnull=True).update(active=False)


def remove_roles_and_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")
    WorkflowPage.objects.filter(workflow__name=WORKFLOW).delete()
    Workflow.objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[WRITER, MODERATOR]).delete()
    sample = Workflow.objects.filter(name=WAGTAIL_SAMPLE_WORKFLOW).first()
    if sample:
        sample.active = True
        sample.save(update_fields=["active"])
        WorkflowPage.objects.get_or_create(page=Page.objects.get(depth=1), defaults={"workflow": sample})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_sitesettings_privacy_page"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, remove_roles_and_workflow)]
