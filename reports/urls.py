from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("berichte/", views.ReportView.as_view(), name="report"),
    path("berichte/vorschau/<uuid:pk>/", views.PreviewView.as_view(), name="preview"),
    path("berichte/laeufe/", views.RunListView.as_view(), name="run_list"),
    path("berichte/laeufe/<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("berichte/laeufe/<int:pk>/neu-starten/", views.RunRestartView.as_view(), name="run_restart"),
    path("berichte/laeufe/<int:pk>/bericht.<str:file_format>", views.RunFileView.as_view(), name="run_file"),
    path("berichte/laeufe/<int:pk>/tabellen/<str:key>.csv", views.TableCsvView.as_view(), name="table_csv"),
]
