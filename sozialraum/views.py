"""Base views and role mixins every app uses, and the start page."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from sozialraum import search
from sozialraum.filters import AuditEventFilter
from sozialraum.hooks import Hook
from sozialraum.models import AuditEvent
from sozialraum.pagination import Keyset, keyset_page
from sozialraum.roles import (
    ALL_ROLES,
    AUDIT_ROLES,
    CASE_WORK_ROLES,
    DIRECTORY_EDITOR_ROLES,
    DIRECTORY_READER_ROLES,
    REPORT_ROLES,
    Role,
    does_case_work,
    has_role,
    roles_of,
)


def local_url(request: HttpRequest, target: str, fallback: str) -> str:
    """A "next" address from the request, if it is a path of this site; else the fallback.
    (`redirect()` would read a bare word such as "logout" as the name of a URL.)"""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def as_id(value: object) -> int | None:
    """An id given as text, or None for anything else (a word, a fraction, "²", beyond bigint)."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


def id_from(data: QueryDict, name: str) -> int | None:
    """A posted id as a number, or None for anything else."""
    return as_id(data.get(name, ""))


def ids_from(values: list) -> list[int]:
    """The ids among posted values; the rest is dropped."""
    return [number for number in map(as_id, values) if number is not None]


class RoleRequiredMixin(View):
    """Only users with one of `roles` reach the view. Everyone else gets a 404 (case work: its
    pages should not even show that they exist) or, with `forbidden_status = 403`, a 403
    (directory pages, whose existence is no secret)."""

    roles: frozenset[Role] | tuple[Role, ...] = ()
    forbidden_status = 404

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not has_role(request.user, *self.roles):
            if self.forbidden_status == 403:
                raise PermissionDenied
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CaseWorkMixin(RoleRequiredMixin):
    roles = CASE_WORK_ROLES


class DirectoryReaderMixin(RoleRequiredMixin):
    roles = DIRECTORY_READER_ROLES
    forbidden_status = 403


class DirectoryEditorMixin(RoleRequiredMixin):
    roles = DIRECTORY_EDITOR_ROLES
    forbidden_status = 403


class ReportMixin(RoleRequiredMixin):
    roles = REPORT_ROLES
    forbidden_status = 403


@dataclass(frozen=True)
class HomeSection:
    """A part of the start page that an app contributes: its template, its context, who sees it."""

    template: str
    context: Callable[[HttpRequest], dict]
    roles: frozenset[Role]


# Apps register their sections from AppConfig.ready(); the start page shows them in order.
home_sections: Hook[HomeSection] = Hook("home_sections")


class StartView(TemplateView):
    """The start page: "Meine Arbeit" for case work, a plain overview for the other roles, each
    part contributed by the app that owns its data."""

    template_name = "home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        request = self.request
        roles = roles_of(request.user)
        context["roles"] = sorted(role.label for role in roles)
        context["does_case_work"] = does_case_work(request.user)
        context["sections"] = [
            (section.template, section.context(request)) for section in home_sections if roles & section.roles
        ]
        return context


class SearchView(RoleRequiredMixin, View):
    """The results page of the top bar's search: POST the term, GET the results by token."""

    roles = ALL_ROLES
    template_name = "search/results.html"
    RESULTS_PER_GROUP = 20

    def get(self, request: HttpRequest) -> HttpResponse:
        term = search.SEARCH_TERM.recall(request)
        groups = search.search(request, term, self.RESULTS_PER_GROUP) if term else []
        return render(request, self.template_name, {"term": term, "groups": groups})

    def post(self, request: HttpRequest) -> HttpResponse:
        term = request.POST.get("q", "").strip()
        if not term:
            return redirect("search")
        return redirect(
            f"{reverse('search')}?{search.SEARCH_TERM.parameter}={search.SEARCH_TERM.remember(request, term)}"
        )


class SearchPreviewView(RoleRequiredMixin, View):
    """The dropdown under the search box (htmx, POST): the first few hits of each group."""

    roles = ALL_ROLES
    RESULTS_PER_GROUP = 4

    def post(self, request: HttpRequest) -> HttpResponse:
        term = request.POST.get("q", "").strip()
        groups = search.search(request, term, self.RESULTS_PER_GROUP) if len(term) >= 2 else []
        return render(request, "search/preview.html", {"term": term, "groups": groups})


class SessionKeepAliveView(View):
    """ "Weiterarbeiten" in the idle warning: the request itself moves the session's end ahead."""

    def post(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse(status=204)


class AuditTrailView(RoleRequiredMixin, FilterView):
    """The audit trail for the data protection officer: who read or changed which case, role
    and membership changes, locks — events and their metadata, never case content."""

    roles = AUDIT_ROLES
    forbidden_status = 403
    filterset_class = AuditEventFilter
    template_name = "audit/trail.html"
    context_object_name = "events"
    page_size = 100

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return AuditEvent.objects.order_by("-occurred_at", "-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Keyset pages and no count: a city's trail has tens of millions of events, and counting
        # them took half a second per page (issue 15).
        page = keyset_page(
            kwargs.pop("object_list", self.object_list),
            self.request.GET,
            self.page_size,
            Keyset("occurred_at"),
            counted=False,
        )
        return super().get_context_data(**kwargs, object_list=page.object_list, page=page)
