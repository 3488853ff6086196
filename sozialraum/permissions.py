"""Model permissions of the Administration role in the Django admin.

They are granted after every migrate, for each app as its permissions come into being, so a
new model of the reference-data apps is manageable without a manual step. The role groups
themselves come from a migration; they are ensured here too because a flush (as between
browser tests) empties the table without running migrations again.
"""

from django.contrib.auth.models import Group, Permission

from sozialraum.hooks import Hook
from sozialraum.roles import Role

# Apps whose models the Administration role manages completely (reference data): each such app
# registers its label from AppConfig.ready().
administered_apps: Hook[str] = Hook("administered_apps")
# Single models outside those apps: users may be managed, roles (groups) only assigned.
ADMINISTERED_MODELS = {
    ("auth", "user"): {"add", "change", "view", "delete"},
    ("auth", "group"): {"view"},
    # Lifting a login lock is deleting the access attempt (audited in sozialraum.admin).
    ("axes", "accessattempt"): {"view", "delete"},
    # The letter templates of the case files (placeholders only, never case data).
    ("cases", "lettertemplate"): {"add", "change", "view", "delete"},
    # Which directory group gives which role (four-eyes for roles that open case files).
    ("sozialraum", "directoryrolemapping"): {"add", "change", "view", "delete"},
    ("sozialraum", "directoryaccount"): {"view"},
}


def administration_permissions():
    wanted = Permission.objects.filter(content_type__app_label__in=list(administered_apps))
    for (app_label, model), actions in ADMINISTERED_MODELS.items():
        codenames = [f"{action}_{model}" for action in actions]
        wanted = wanted | Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename__in=codenames
        )
    return wanted


def grant_administration_permissions(**kwargs):
    for name in Role.values:
        Group.objects.get_or_create(name=name)
    Group.objects.get(name=Role.ADMINISTRATION).permissions.add(*administration_permissions())
