""" "Meine Aufgaben" and what users do with a follow-up: set, tick off, postpone, hand over."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cases import follow_up_actions as actions
from cases.access import visible_case
from cases.follow_up_forms import FollowUpForm, HandOverForm, PostponeForm
from cases.follow_ups import source
from cases.models import FollowUp, ReminderSubscription
from cases.task_list import bucket_counts, grouped, open_follow_ups
from networks.models import Partner
from sozialraum.formats import format_date
from sozialraum.roles import FOLLOW_UP_ROLES, Role, has_role
from sozialraum.versioning import EditConflict
from sozialraum.views import RoleRequiredMixin, local_url

TASKS_ON_PAGE = 200


class FollowUpMixin(RoleRequiredMixin):
    roles = FOLLOW_UP_ROLES

    def my_follow_up(self, pk) -> FollowUp:
        """Only the owner's own follow-ups: someone else's is not found."""
        return get_object_or_404(FollowUp.objects.select_related("case"), pk=pk, owner=self.request.user)

    def back(self):
        return redirect(local_url(self.request, self.request.POST.get("next", ""), reverse("cases:my_tasks")))


class MyTasksView(FollowUpMixin, TemplateView):
    template_name = "cases/my_tasks.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        # The first TASKS_ON_PAGE by date; a long tail stays countable without being loaded.
        shown = open_follow_ups(self.request.user, limit=TASKS_ON_PAGE)
        counts = bucket_counts(self.request.user, today)
        return super().get_context_data(
            **kwargs,
            buckets=grouped(shown, today, counts),
            more=sum(counts.values()) - len(shown),
            reminder=ReminderSubscription.objects.filter(user=self.request.user).exists(),
        )


class FollowUpDoneView(FollowUpMixin, View):
    def post(self, request, pk):
        follow_up = self.my_follow_up(pk)
        if actions.mark_done(request.user, follow_up):
            messages.success(request, _("Follow-up done."))
        return self.back()


class FollowUpOpenView(FollowUpMixin, View):
    """Where the follow-up comes from: the case, the goal, the meeting, the partner."""

    def get(self, request, pk):
        follow_up = self.my_follow_up(pk)
        if follow_up.source_id is None:
            target = follow_up.case.get_absolute_url() if follow_up.case_id else follow_up.partner.get_absolute_url()
        else:
            target = source(follow_up.source).url(follow_up)
        return redirect(target or reverse("cases:my_tasks"))


class FollowUpChangeView(FollowUpMixin, View):
    """Postpone (new date and reason) or hand over (to a colleague of the same team)."""

    template_name = "cases/follow_up_change.html"

    def forms(self, follow_up, data=None):
        postpone = PostponeForm(data if data and "postpone" in data else None, instance=follow_up, prefix="postpone")
        hand_over = HandOverForm(
            data if data and "hand_over" in data else None,
            colleagues=actions.colleagues_of(self.request.user, follow_up),
            initial={"version": follow_up.version},
            prefix="hand_over",
        )
        return postpone, hand_over

    def render(self, follow_up, postpone, hand_over, conflict=None):
        context = {"follow_up": follow_up, "postpone_form": postpone, "hand_over_form": hand_over, "conflict": conflict}
        return render(self.request, self.template_name, context)

    def get(self, request, pk):
        follow_up = self.my_follow_up(pk)
        return self.render(follow_up, *self.forms(follow_up))

    def post(self, request, pk):
        follow_up = self.my_follow_up(pk)
        postpone, hand_over = self.forms(follow_up, request.POST)
        try:
            if "postpone" in request.POST and postpone.is_valid():
                data = postpone.cleaned_data
                actions.postpone(request.user, follow_up, data["due_on"], data["postponed_reason"], data["version"])
                messages.success(request, _("Follow-up postponed."))
                return redirect("cases:my_tasks")
            if "hand_over" in request.POST and hand_over.is_valid():
                data = hand_over.cleaned_data
                actions.hand_over(request.user, follow_up, data["colleague"], data["version"])
                messages.success(request, _("Follow-up handed over to %(name)s.") % {"name": data["colleague"]})
                return redirect("cases:my_tasks")
        except EditConflict as conflict:
            return self.render(follow_up, postpone, hand_over, conflict.message())
        return self.render(follow_up, postpone, hand_over)


class CaseFollowUpView(RoleRequiredMixin, View):
    """Set a follow-up on a case: "in 2 Wochen", "in 1 Monat" or a date, with a reason."""

    roles = FOLLOW_UP_ROLES

    def post(self, request, reference):
        if not has_role(request.user, Role.CASEWORKER, Role.TEAM_LEAD):
            raise Http404
        case = visible_case(request.user, reference)
        if not case.full_access:
            raise Http404
        form = FollowUpForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            actions.set_follow_up(request.user, data["due_on"], data["reason"], case=case)
            messages.success(request, _("Follow-up set for %(day)s.") % {"day": format_date(data["due_on"])})
            return redirect(f"{case.get_absolute_url()}#follow-ups")
        return render(request, "cases/follow_up_form.html", {"form": form, "target": case, "case": case})


class PartnerFollowUpView(RoleRequiredMixin, View):
    """A coordinator's (or caseworker's) follow-up on a partner of the directory."""

    roles = FOLLOW_UP_ROLES

    def post(self, request, partner_id):
        partner = get_object_or_404(Partner, pk=partner_id)
        form = FollowUpForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            actions.set_follow_up(request.user, data["due_on"], data["reason"], partner=partner)
            messages.success(request, _("Follow-up set for %(day)s.") % {"day": format_date(data["due_on"])})
            return redirect(partner)
        return render(request, "cases/follow_up_form.html", {"form": form, "target": partner})


class ReminderView(FollowUpMixin, View):
    """Switch the daily reminder mail on or off."""

    def post(self, request):
        if request.POST.get("reminder") == "on":
            ReminderSubscription.objects.get_or_create(user=request.user)
            messages.success(request, _("You get a reminder mail each morning when follow-ups are due."))
        else:
            ReminderSubscription.objects.filter(user=request.user).delete()
            messages.success(request, _("Reminder mails switched off."))
        return redirect("cases:my_tasks")
