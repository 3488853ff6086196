from django.http import Http404

from sozialraum.roles import Role, has_role


class RoleRequiredMixin:
    """Only users with one of `roles` reach the view; everyone else gets a 404, so pages of
    other roles do not even show that they exist."""

    roles: tuple[Role, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, *self.roles):
            raise Http404
        return super().dispatch(request, *args, **kwargs)
