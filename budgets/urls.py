from django.urls import path

from budgets import views

app_name = "budgets"

urlpatterns = [
    path("budget/", views.BudgetListView.as_view(), name="budget_list"),
    path("budget/neu/", views.BudgetFormView.as_view(), name="budget_add"),
    path("budget/<int:pk>/", views.BudgetDetailView.as_view(), name="budget_detail"),
    path("budget/team/<int:team_id>/", views.TeamBudgetView.as_view(), name="team_budget"),
    path("budget/<int:pk>/bearbeiten/", views.BudgetFormView.as_view(), name="budget_edit"),
    path("budget/<int:pk>/buchen/", views.SpendingCreateView.as_view(), name="spending_add"),
    path("budget/<int:pk>/export.xlsx", views.BudgetExportView.as_view(), name="budget_export"),
    path("budget/ausgaben/<int:pk>/entscheiden/", views.SpendingDecideView.as_view(), name="spending_decide"),
    path("faelle/<str:reference>/ausgabe-beantragen/", views.SpendingRequestView.as_view(), name="spending_request"),
]
