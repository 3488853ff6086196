from sozialraum.roles import Role
from sozialraum.views import RoleRequiredMixin

DIRECTORY_READERS = (Role.NETWORK_COORDINATION, Role.CASEWORKER, Role.TEAM_LEAD, Role.PLANNING)
DIRECTORY_EDITORS = (Role.NETWORK_COORDINATION,)


class DirectoryReaderMixin(RoleRequiredMixin):
    roles = DIRECTORY_READERS
    forbidden_status = 403


class DirectoryEditorMixin(RoleRequiredMixin):
    roles = DIRECTORY_EDITORS
    forbidden_status = 403
