from django.core.exceptions import PermissionDenied
from django.http import Http404

from sozialraum.roles import Role, has_role


class RoleRequiredMixin:
    """Only users with one of `roles` reach the view. Everyone else gets a 404 (case work: its
    pages should not even show that they exist) or, with `forbidden_status = 403`, a 403
    (directory pages, whose existence is no secret)."""

    roles: tuple[Role, ...] = ()
    forbidden_status = 404

    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, *self.roles):
            if self.forbidden_status == 403:
                raise PermissionDenied
            raise Http404
        return super().dispatch(request, *args, **kwargs)
