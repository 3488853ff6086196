from django.views.generic import TemplateView

from districts.models import Membership
from sozialraum.roles import roles_of


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = (
            Membership.objects.filter(user=self.request.user)
            .select_related("team__district__municipality", "service_area__legal_area")
            .order_by("team__district__name", "team__name")
        )
        context["roles"] = sorted(role.label for role in roles_of(self.request.user))
        return context
