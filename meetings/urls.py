from django.urls import path

from meetings.views import attachment_views, calendar_views, meeting_views, series_views

app_name = "meetings"

urlpatterns = [
    path("kalender/", calendar_views.YearView.as_view(), name="calendar_year"),
    path("kalender/monat/", calendar_views.MonthView.as_view(), name="calendar_month"),
    path("kalender/abo/", calendar_views.FeedSettingsView.as_view(), name="feed_settings"),
    path("kalender/feed/<str:token>.ics", calendar_views.FeedView.as_view(), name="feed"),
    path("sitzungen/reihen/", series_views.SeriesListView.as_view(), name="series_list"),
    path("sitzungen/reihen/neu/", series_views.SeriesFormView.as_view(), name="series_add"),
    path("sitzungen/reihen/<int:pk>/", series_views.SeriesDetailView.as_view(), name="series_detail"),
    path("sitzungen/reihen/<int:pk>/bearbeiten/", series_views.SeriesFormView.as_view(), name="series_edit"),
    path("sitzungen/<int:pk>/", meeting_views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("sitzungen/<int:pk>/verschieben/", series_views.MeetingMoveView.as_view(), name="meeting_move"),
    path("sitzungen/<int:pk>/tagesordnung/fall/", meeting_views.AddProposalView.as_view(), name="agenda_add_case"),
    path("sitzungen/<int:pk>/tagesordnung/thema/", meeting_views.AddTopicView.as_view(), name="agenda_add_topic"),
    path("sitzungen/<int:pk>/tagesordnung/<int:item_id>/", meeting_views.AgendaItemView.as_view(), name="agenda_item"),
    path("sitzungen/<int:pk>/anwesenheit/", meeting_views.AttendanceView.as_view(), name="attendance"),
    path("sitzungen/<int:pk>/beratung/<int:item_id>/", meeting_views.ConsultationView.as_view(), name="consultation"),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item_id>/ergebnis/",
        meeting_views.TopicResultView.as_view(),
        name="topic_result",
    ),
    path("sitzungen/<int:pk>/vereinbarungen/", meeting_views.ActionItemCreateView.as_view(), name="action_add"),
    path("sitzungen/<int:pk>/abschliessen/", meeting_views.CloseMeetingView.as_view(), name="close"),
    path("sitzungen/<int:pk>/absagen/", meeting_views.CancelMeetingView.as_view(), name="cancel"),
    path("sitzungen/<int:pk>/korrektur/", meeting_views.CorrectionView.as_view(), name="correction_add"),
    path("sitzungen/<int:pk>/dateien/", attachment_views.MeetingAttachmentAddView.as_view(), name="attachment_add"),
    path(
        "sitzungen/<int:pk>/dateien/<int:attachment_id>/",
        attachment_views.MeetingAttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "sitzungen/<int:pk>/dateien/<int:attachment_id>/entfernen/",
        attachment_views.MeetingAttachmentDeleteView.as_view(),
        name="attachment_delete",
    ),
    path("sitzungen/<int:pk>/einladung/", meeting_views.SendAgendaView.as_view(), name="send_agenda"),
    path("sitzungen/<int:pk>/<str:document>.pdf", meeting_views.MeetingDocumentView.as_view(), name="document"),
    path("vereinbarungen/<int:item_id>/erledigt/", meeting_views.ActionItemDoneView.as_view(), name="action_done"),
    path("teams/<int:team_id>/naechste-sitzung/", meeting_views.NextMeetingView.as_view(), name="next_meeting"),
    path("faelle/<str:reference>/fallberatung/", meeting_views.ProposeCaseView.as_view(), name="propose_case"),
]
