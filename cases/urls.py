from django.urls import path

from cases.views import (
    activity_views,
    attachment_views,
    case_views,
    follow_up_views,
    help_plan_views,
    letter_views,
    person_views,
    plan_views,
    referral_views,
    transfer_views,
    work_views,
)

app_name = "cases"

urlpatterns = [
    path("faelle/", case_views.CaseListView.as_view(), name="case_list"),
    path("faelle/neu/", case_views.CaseOpenView.as_view(), name="case_open"),
    path("faelle/<str:reference>/", case_views.CaseDetailView.as_view(), name="case_detail"),
    path("faelle/<str:reference>/bearbeiten/", case_views.CaseEditView.as_view(), name="case_edit"),
    path("faelle/<str:reference>/auskunft.json", case_views.SubjectAccessView.as_view(), name="subject_access"),
    path(
        "faelle/<str:reference>/auskunft.pdf",
        case_views.SubjectAccessView.as_view(),
        {"file_format": "pdf"},
        name="subject_access_pdf",
    ),
    path(
        "faelle/<str:reference>/auskunft.zip",
        case_views.SubjectAccessView.as_view(),
        {"file_format": "zip"},
        name="subject_access_zip",
    ),
    path("faelle/<str:reference>/personen/neu/", person_views.PersonFormView.as_view(), name="person_add"),
    path("faelle/<str:reference>/personen/<int:person_id>/", person_views.PersonFormView.as_view(), name="person_edit"),
    path(
        "faelle/<str:reference>/personen/<int:person_id>/abgleichen/<int:other_id>/",
        person_views.PersonMergeView.as_view(),
        name="person_merge",
    ),
    path("faelle/<str:reference>/ziele/neu/", plan_views.GoalFormView.as_view(), name="goal_add"),
    path("faelle/<str:reference>/ziele/<int:goal_id>/", plan_views.GoalFormView.as_view(), name="goal_edit"),
    path("faelle/<str:reference>/ressourcen/neu/", plan_views.ResourceFormView.as_view(), name="resource_add"),
    path(
        "faelle/<str:reference>/ressourcen/<int:resource_id>/",
        plan_views.ResourceFormView.as_view(),
        name="resource_edit",
    ),
    path(
        "faelle/<str:reference>/ressourcen/<int:resource_id>/entfernen/",
        plan_views.ResourceDeleteView.as_view(),
        name="resource_delete",
    ),
    path("faelle/<str:reference>/einwilligungen/neu/", plan_views.ConsentCreateView.as_view(), name="consent_add"),
    path(
        "faelle/<str:reference>/einwilligungen/<int:consent_id>/widerrufen/",
        plan_views.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path("faelle/<str:reference>/vermittlungen/neu/", referral_views.ReferralCreateView.as_view(), name="referral_add"),
    path(
        "vermitteln/angebot/<int:offer_id>/", referral_views.ReferralForOfferView.as_view(), name="referral_for_offer"
    ),
    path(
        "faelle/<str:reference>/vermittlungen/<int:referral_id>/",
        referral_views.ReferralUpdateView.as_view(),
        name="referral_edit",
    ),
    path(
        "faelle/<str:reference>/angebote/<int:offer_id>/als-ressource/",
        referral_views.OfferAsResourceView.as_view(),
        name="offer_as_resource",
    ),
    path("taetigkeiten/", activity_views.ActivityListView.as_view(), name="activity_list"),
    path("taetigkeiten/neu/", activity_views.ActivityCreateView.as_view(), name="activity_add"),
    path("taetigkeiten/export.xlsx", activity_views.ActivityExportView.as_view(), name="activity_export"),
    path("taetigkeiten/<int:pk>/korrigieren/", activity_views.ActivityCorrectView.as_view(), name="activity_correct"),
    path("taetigkeiten/<int:pk>/loeschen/", activity_views.ActivityDeleteView.as_view(), name="activity_delete"),
    path("taetigkeiten/fallauswahl/", activity_views.CaseOptionsView.as_view(), name="case_options"),
    path("teams/<int:team_id>/arbeit/", work_views.TeamWorkView.as_view(), name="team_work"),
    path("teams/<int:team_id>/arbeit/export.xlsx", work_views.TeamWorkExportView.as_view(), name="team_work_export"),
    path("faelle/<str:reference>/briefe/neu/", letter_views.LetterView.as_view(), name="letter_add"),
    path("faelle/<str:reference>/hilfeplan/", help_plan_views.HelpPlanHistoryView.as_view(), name="help_plan"),
    path("faelle/<str:reference>/hilfeplan.pdf", help_plan_views.HelpPlanPdfView.as_view(), name="help_plan_pdf"),
    path(
        "faelle/<str:reference>/dokumente/neu/", attachment_views.AttachmentCreateView.as_view(), name="attachment_add"
    ),
    path(
        "faelle/<str:reference>/dokumente/<int:attachment_id>/",
        attachment_views.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "faelle/<str:reference>/dokumente/<int:attachment_id>/entfernen/",
        attachment_views.AttachmentDeleteView.as_view(),
        name="attachment_delete",
    ),
    path("faelle/<str:reference>/uebergeben/", transfer_views.CaseTransferView.as_view(), name="case_transfer"),
    path("uebergaben/", transfer_views.IncomingTransfersView.as_view(), name="transfers_incoming"),
    path("uebergaben/<int:pk>/", transfer_views.TransferDecideView.as_view(), name="transfer_decide"),
    path("aufgaben/", follow_up_views.MyTasksView.as_view(), name="my_tasks"),
    path("aufgaben/erinnerung/", follow_up_views.ReminderView.as_view(), name="follow_up_reminder"),
    path("aufgaben/<int:pk>/erledigt/", follow_up_views.FollowUpDoneView.as_view(), name="follow_up_done"),
    path("aufgaben/<int:pk>/oeffnen/", follow_up_views.FollowUpOpenView.as_view(), name="follow_up_open"),
    path("aufgaben/<int:pk>/aendern/", follow_up_views.FollowUpChangeView.as_view(), name="follow_up_change"),
    path("faelle/<str:reference>/wiedervorlage/", follow_up_views.CaseFollowUpView.as_view(), name="case_follow_up"),
    path(
        "partner/<int:partner_id>/wiedervorlage/",
        follow_up_views.PartnerFollowUpView.as_view(),
        name="partner_follow_up",
    ),
]
