from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from cases.access import visible_case
from districts.models import Team
from meetings import documents, services
from meetings.access import may_manage, participants, visible_meeting
from meetings.constants import AgendaItemKind, MeetingStatus, ProposalStatus
from meetings.forms import (
    ActionItemForm,
    AgendaItemForm,
    AttendanceForm,
    ConsultationForm,
    CorrectionForm,
    GuestForm,
    ProposalForm,
    TopicForm,
    TopicResultForm,
)
from meetings.models import ActionItem, CaseProposal, Consultation, Meeting
from networks.models import Partner
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.pdf import render_pdf
from sozialraum.versioning import EditConflict, conflict_form, save_versioned
from sozialraum.views import CaseWorkMixin, id_from, ids_from


def errors_text(form) -> str:
    """All of a form's errors in one line, for a message after a redirect."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def log_consultations_read(user, items) -> None:
    audit.log_views(
        user,
        [item.consultation for item in items if hasattr(item, "consultation")],
        case_id_of=lambda consultation: consultation.case_id,
    )


def log_names_shown(user, items, proposals=()) -> None:
    """A consented name on a meeting page or in its documents is a read of personal data, like
    on the case page: one VIEW event per named case, in one insert."""
    shown = {item.case_id: item.case for item in items if item.case_label and item.case_label.is_named}
    shown |= {proposal.case_id: proposal.case for proposal in proposals if proposal.case_label.is_named}
    audit.log_views(user, list(shown.values()), case_id_of=lambda case: case.pk)


class MeetingDetailView(View):
    template_name = "meetings/meeting_detail.html"

    def get(self, request, pk):
        meeting = visible_meeting(request.user, pk)
        context = documents.meeting_context(meeting, request.user)
        manage = may_manage(request.user, meeting)
        members = participants(meeting)
        context.update(may_manage=manage, attachments=meeting.attachments.all())
        if manage and not meeting.is_closed:
            context.update(
                proposals=CaseProposal.objects.filter(team=meeting.team_id, status=ProposalStatus.PROPOSED)
                .select_related("case__team__district", "proposed_by")
                .prefetch_related("case__persons")
                if meeting.team_id
                else [],
                topic_form=TopicForm(members=members, prefix="topic"),
                attendance_form=AttendanceForm(
                    members=members,
                    prefix="attendance",
                    initial={"members": [a.user_id for a in context["attendances"] if a.user_id]},
                ),
                guest_form=GuestForm(partners=Partner.objects.filter(active=True), prefix="guest"),
                action_form=ActionItemForm(meeting=meeting, members=members, prefix="action"),
            )
            proposal_cases = [proposal.case for proposal in context["proposals"]]
            labels = services.case_labels(meeting, proposal_cases) if proposal_cases else {}
            for proposal in context["proposals"]:
                proposal.case_label = labels[proposal.case_id]
        if manage and meeting.is_closed:
            context["correction_form"] = CorrectionForm(meeting=meeting, prefix="correction")
        log_consultations_read(request.user, context["items"])
        log_names_shown(request.user, context["items"], context.get("proposals", ()))
        return render(request, self.template_name, context)


class ManageMeetingMixin:
    """POST actions of the team lead (or network coordinator) on an open meeting."""

    def meeting(self, request, pk):
        return visible_meeting(request.user, pk, manage=True)

    def back(self, meeting, anchor="agenda"):
        return redirect(f"{meeting.get_absolute_url()}#{anchor}")

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except services.MeetingClosed as closed:
            messages.error(request, str(closed))
            return redirect(reverse("meetings:meeting_detail", args=[kwargs["pk"]]))


class AddProposalView(ManageMeetingMixin, View):
    def post(self, request, pk):
        meeting = self.meeting(request, pk)
        proposal = get_object_or_404(
            CaseProposal, pk=id_from(request.POST, "proposal"), team=meeting.team_id, status=ProposalStatus.PROPOSED
        )
        services.put_on_agenda(meeting, proposal)
        return self.back(meeting)


class AddTopicView(ManageMeetingMixin, View):
    def post(self, request, pk):
        meeting = self.meeting(request, pk)
        form = TopicForm(request.POST, members=participants(meeting), prefix="topic")
        if form.is_valid():
            data = form.cleaned_data
            services.add_topic(meeting, data["kind"], data["title"], data["presenter"], data["planned_minutes"])
        else:
            messages.error(
                request,
                _("The topic was not added: %(errors)s") % {"errors": errors_text(form)},
            )
        return self.back(meeting)


class AgendaItemView(ManageMeetingMixin, View):
    """Move up/down, remove, or change presenter and planned minutes of one item."""

    def post(self, request, pk, item_id):
        meeting = self.meeting(request, pk)
        item = get_object_or_404(meeting.agenda_items, pk=item_id)
        action = request.POST.get("action")
        if action in ("up", "down"):
            services.move_item(item, -1 if action == "up" else 1)
        elif action == "remove":
            services.remove_item(item)
        else:
            form = AgendaItemForm(request.POST, instance=item, members=participants(meeting))
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.update_agenda_item(
                        request.user, item, data["presenter"], data["planned_minutes"], data["version"]
                    )
                except EditConflict as conflict:
                    messages.error(request, conflict.message())
            else:
                messages.error(request, errors_text(form))
        if request.htmx:
            return render(
                request,
                "meetings/includes/agenda_editor.html",
                {**documents.meeting_context(meeting), "may_manage": True},
            )
        return self.back(meeting)


class AttendanceView(ManageMeetingMixin, View):
    def post(self, request, pk):
        meeting = self.meeting(request, pk)
        if "guest-guest_name" in request.POST:
            form = GuestForm(request.POST, partners=Partner.objects.filter(active=True), prefix="guest")
            if form.is_valid():
                services.add_guest(
                    request.user, meeting, form.cleaned_data["guest_name"], form.cleaned_data["guest_partner"]
                )
            else:
                messages.error(request, _("Please give the guest's name."))
        elif "remove_guest" in request.POST:
            services.remove_guest(request.user, meeting, id_from(request.POST, "remove_guest"))
        else:
            form = AttendanceForm(request.POST, members=participants(meeting), prefix="attendance")
            if form.is_valid():
                services.set_attendance(request.user, meeting, form.cleaned_data["members"])
                messages.success(request, _("Attendance saved."))
        return self.back(meeting, "attendance")


class TopicResultView(ManageMeetingMixin, View):
    """The result of a topic that is not a case (information, fallunspezifische Themen)."""

    template_name = "meetings/topic_result.html"

    def item(self, request, pk, item_id):
        meeting = self.meeting(request, pk)
        return meeting, get_object_or_404(meeting.agenda_items.exclude(kind=AgendaItemKind.CASE), pk=item_id)

    def get(self, request, pk, item_id):
        meeting, item = self.item(request, pk, item_id)
        return render(
            request, self.template_name, {"meeting": meeting, "item": item, "form": TopicResultForm(instance=item)}
        )

    def post(self, request, pk, item_id):
        meeting, item = self.item(request, pk, item_id)
        services.ensure_open(meeting)
        form = TopicResultForm(request.POST, instance=item)
        if form.is_valid():
            try:
                save_versioned(request.user, item, form.changed_values(), form.cleaned_data["version"])
            except EditConflict as conflict:
                form = conflict_form(TopicResultForm, request.POST, conflict, instance=item)
            else:
                messages.success(request, _("Result saved."))
                return self.back(meeting)
        return render(request, self.template_name, {"meeting": meeting, "item": item, "form": form})


class ConsultationView(View):
    """The record of one collegial consultation; opening it is a read of case data (audit)."""

    template_name = "meetings/consultation_form.html"

    def item(self, request, pk, item_id):
        meeting = visible_meeting(request.user, pk)
        item = get_object_or_404(
            meeting.agenda_items.select_related("case__team__district", "proposal"),
            pk=item_id,
            kind=AgendaItemKind.CASE,
        )
        item.case_label = services.case_labels(meeting, [item.case])[item.case_id]
        item.record = Consultation.objects.filter(agenda_item=item).first()
        # What the case is about, beside the record: the team consults with the will, the goals
        # and the resources in view (free text masked as the meeting shows the case).
        item.goals = list(item.case.goals.all())
        item.resources = list(item.case.resources.all())
        return meeting, item

    def get(self, request, pk, item_id):
        meeting, item = self.item(request, pk, item_id)
        consultation = item.record
        if consultation:
            audit.log(request.user, AuditAction.VIEW, consultation, case_id=item.case_id)
        audit.log(request.user, AuditAction.VIEW, item.case, case_id=item.case_id)  # will, goals, resources
        editable = may_manage(request.user, meeting) and not meeting.is_closed
        initial = {"question": item.proposal.question} if item.proposal_id and not consultation else {}
        form = ConsultationForm(instance=consultation, initial=initial, case=item.case) if editable else None
        return render(
            request, self.template_name, {"meeting": meeting, "item": item, "consultation": consultation, "form": form}
        )

    def post(self, request, pk, item_id):
        meeting, item = self.item(request, pk, item_id)
        if not may_manage(request.user, meeting):
            raise Http404
        try:
            services.ensure_open(meeting)
        except services.MeetingClosed as closed:
            messages.error(request, str(closed))
            return redirect(meeting)
        consultation = item.record
        form = ConsultationForm(request.POST, instance=consultation, case=item.case)
        if form.is_valid():
            seen = form.cleaned_data.get("version", 0)
            try:
                services.save_consultation(request.user, item, form.instance, form.changed_values(), seen)
            except EditConflict as conflict:
                form = conflict_form(ConsultationForm, request.POST, conflict, instance=consultation, case=item.case)
            else:
                messages.success(request, _("Consultation record saved."))
                return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
        return render(
            request, self.template_name, {"meeting": meeting, "item": item, "consultation": consultation, "form": form}
        )


class ActionItemCreateView(ManageMeetingMixin, View):
    def post(self, request, pk):
        meeting = self.meeting(request, pk)
        form = ActionItemForm(request.POST, meeting=meeting, members=participants(meeting), prefix="action")
        if form.is_valid():
            services.add_action_item(meeting, form.save(commit=False))
            messages.success(request, _("Action item added."))
            return self.back(meeting, "action-items")
        # The form again on a page of its own: the input stays, errors and name warning beside it.
        return render(request, "meetings/action_item_form.html", {"meeting": meeting, "form": form})


class ActionItemDoneView(View):
    """The owner (or the team lead) ticks an action item off."""

    def post(self, request, item_id):
        item = get_object_or_404(ActionItem.objects.select_related("meeting__team", "meeting__network"), pk=item_id)
        if item.owner_id != request.user.pk and not may_manage(request.user, item.meeting):
            raise Http404
        services.mark_done(request.user, item)
        messages.success(request, _("Done: %(what)s") % {"what": item.what})
        if request.POST.get("next_page") == "meeting":
            return redirect(item.meeting)
        return redirect("home")


class CloseMeetingView(ManageMeetingMixin, View):
    """Close the minutes; first ask what becomes of each case on the agenda that was not
    consulted: onto the next meeting, or withdrawn with a reason."""

    def post(self, request, pk):
        meeting = self.meeting(request, pk)
        decisions = {
            item_id: (request.POST.get(f"carry-{item_id}", ""), request.POST.get(f"reason-{item_id}", ""))
            for item_id in ids_from(request.POST.getlist("item"))
        }
        try:
            services.close_meeting(request.user, meeting, decisions)
        except services.UndecidedCases as undecided:
            return self.ask(request, meeting, undecided.items, decisions)
        messages.success(request, _("Meeting closed. The minutes are now read-only."))
        return redirect(meeting)

    def ask(self, request, meeting, items, decisions):
        labels = services.case_labels(meeting, [item.case for item in items])
        for item in items:
            item.case_label = labels[item.case_id]
            item.choice, item.reason = decisions.get(item.pk, (services.Carry.NEXT_MEETING, ""))
            item.reason_missing = (
                item.pk in decisions and item.choice == services.Carry.WITHDRAW and not item.reason.strip()
            )
        context = {
            "meeting": meeting,
            "items": items,
            "next_meeting": services.following_meeting(meeting),
            "carry": services.Carry,
            "asked_before": bool(decisions),
        }
        return render(request, "meetings/close_meeting.html", context)


class CancelMeetingView(ManageMeetingMixin, View):
    """Call a meeting off with a reason; calendars get it as cancelled, its cases go back to the proposals."""

    def post(self, request, pk):
        meeting = self.meeting(request, pk)
        reason = request.POST.get("reason", "").strip()
        if not reason:
            messages.error(request, _("Say why the meeting is cancelled."))
            return redirect(meeting)
        services.cancel_meeting(request.user, meeting, reason)
        messages.success(request, _("Meeting cancelled. Calendar subscriptions show it as cancelled."))
        return redirect(meeting)


class CorrectionView(ManageMeetingMixin, View):
    def post(self, request, pk):
        meeting = self.meeting(request, pk)
        form = CorrectionForm(request.POST, meeting=meeting, prefix="correction")
        if form.is_valid():
            try:
                services.add_correction(request.user, meeting, form.save(commit=False))
            except services.MeetingOpen as still_open:
                messages.error(request, str(still_open))
            else:
                messages.success(request, _("Correction added to the minutes."))
        else:
            messages.error(request, _("Please write the correction."))
        return self.back(meeting, "corrections")


class SendAgendaView(ManageMeetingMixin, View):
    """Shows the mail and its recipients first; sending is a second click (and audited)."""

    def mail_context(self, request, meeting):
        return {
            **documents.meeting_context(meeting, for_document=True),
            "meeting_url": request.build_absolute_uri(meeting.get_absolute_url()),
        }

    def get(self, request, pk):
        meeting = self.meeting(request, pk)
        context = self.mail_context(request, meeting)
        return render(
            request,
            "meetings/send_agenda_confirm.html",
            {
                **context,
                "recipients": services.agenda_recipients(meeting),
                "body": services.agenda_mail_body(context),
            },
        )

    def post(self, request, pk):
        meeting = self.meeting(request, pk)
        count = services.send_agenda(request.user, meeting, self.mail_context(request, meeting))
        if count:
            messages.success(request, _("Agenda sent to %(count)s recipients.") % {"count": count})
        else:
            messages.warning(request, _("Nobody to send the agenda to: no member has an e-mail address."))
        return self.back(meeting)


class MeetingDocumentView(View):
    """Meeting pack (before) and minutes (after), as A4 PDF from the page's partials."""

    documents = {"mappe": "meetings/meeting_pack_pdf.html", "protokoll": "meetings/minutes_pdf.html"}

    def get(self, request, pk, document):
        if document not in self.documents:
            raise Http404
        meeting = visible_meeting(request.user, pk)
        context = documents.meeting_context(meeting, request.user, for_document=True)
        log_consultations_read(request.user, context["items"])
        log_names_shown(request.user, context["items"])
        pdf = render_pdf(self.documents[document], context, request.build_absolute_uri("/"))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document}-{meeting.date:%Y-%m-%d}.pdf"'
        return response


class NextMeetingView(View):
    """ "Nächste Sitzung": the team's next planned Sozialraumteam, to prepare it."""

    def get(self, request, team_id):
        team = get_object_or_404(Team.objects.led_by(request.user), pk=team_id)
        meeting = (
            Meeting.objects.filter(team=team, status=MeetingStatus.PLANNED, date__gte=timezone.localdate())
            .order_by("date", "start_time")
            .first()
        )
        if meeting is None:
            messages.info(request, _("No planned meeting ahead. Create a meeting series first."))
            return redirect("meetings:series_list")
        return redirect(meeting)


class ProposeCaseView(CaseWorkMixin, View):
    template_name = "meetings/proposal_form.html"

    def get(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        return self.page(request, case, ProposalForm(case=case))

    def page(self, request, case, form):
        context = {"case": case, "form": form, "next_meeting": services.next_team_meeting(case.team_id)}
        return render(request, self.template_name, context)

    def post(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        form = ProposalForm(request.POST, case=case)
        if form.is_valid():
            services.propose_case(request.user, case, form.cleaned_data["question"])
            messages.success(request, _("Case proposed for the team's collegial consultation."))
            return redirect(case)
        return self.page(request, case, form)
