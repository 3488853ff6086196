"""The report's preview is computed by the report worker like the PDF (issue 15): the request
only records it and answers at once; the page polls until the figures are there."""

import logging
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html

from districts.models import Municipality
from reports.models import ReportPreview, ReportRun, RunStatus
from sozialraum.roles import Role
from tests.helpers import user_with_role
from tests.reports.test_report import form

FIGURE_TABLES = ("cases_case", "cases_activity", "meetings_")


def preview_url(response) -> str:
    assert response.status_code == 302
    assert re.fullmatch(r"/berichte/vorschau/[0-9a-f-]{36}/", response["Location"])
    return response["Location"]


@pytest.mark.django_db(transaction=True)  # the worker closes connections, as it does between tasks
def test_the_request_only_queues_the_preview_and_the_worker_computes_it(client, planner, ulm_cases):
    client.force_login(planner)
    ulm = Municipality.objects.get(slug="ulm")
    with CaptureQueriesContext(connection) as in_request:
        url = preview_url(client.post(reverse("reports:report"), form(ulm)))
    assert not [query["sql"] for query in in_request if any(table in query["sql"] for table in FIGURE_TABLES)]

    waiting = client.get(url).content.decode()
    assert "Die Zahlen werden berechnet" in waiting
    assert f'hx-get="{url}"' in waiting  # the page asks again until the preview is there
    assert 'id="table-faelle_eroeffnet"' not in waiting
    # The form above it holds what was chosen.
    assert re.search(rf'<option value="{ulm.pk}" selected>Ulm</option>', waiting)
    assert re.search(r'name="year" value="2025"', waiting)

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    polled = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert polled.lstrip().startswith('<section id="report-preview"')  # the part that is swapped in
    assert "hx-get" not in polled  # done: no more asking
    assert 'id="table-faelle_eroeffnet"' in polled
    # The same figures and marks as the PDF (tests/reports/test_report.py).
    table = polled[polled.index('id="table-faelle_eroeffnet"') :]
    row = re.search(r"<th[^>]*>Böfingen</th>(.*?)</tr>", table, re.S).group(1)
    assert [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td.*?</td>", row, re.S)][:4] == [
        "x",
        "x",
        "6",
        "x",
    ]
    whole = client.get(url).content.decode()
    assert 'id="table-faelle_eroeffnet"' in whole and 'name="year" value="2025"' in whole


def test_a_preview_is_shown_only_to_the_planner_who_asked_for_it(
    client, planner, ulm_cases, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(planner)
    with django_capture_on_commit_callbacks(execute=True):
        url = preview_url(client.post(reverse("reports:report"), form(Municipality.objects.get(slug="ulm"))))
    assert ReportPreview.objects.get().status == RunStatus.DONE
    page = client.get(url).content.decode()
    # From the preview's page the same form generates the PDF (it posts to the report page).
    (action,) = html.fromstring(page).xpath('//form[.//button[@value="generate"]]/@action')
    generated = client.post(action, form(Municipality.objects.get(slug="ulm"), action="generate"))
    print("GEN", generated.status_code, generated.get("Location"), action)
    assert generated["Location"] == ReportRun.objects.get().get_absolute_url()
    client.force_login(user_with_role(Role.PLANNING, username="planung-2"))
    assert client.get(url).status_code == 404
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 404


def test_a_preview_no_worker_takes_up_says_so_and_stops_asking(client, planner, reference_data, settings):
    client.force_login(planner)
    url = preview_url(client.post(reverse("reports:report"), form(Municipality.objects.get(slug="ulm"))))
    # Asked again soon while a small town's figures may already be there, then every second.
    assert 'hx-trigger="load delay:250ms"' in client.get(url).content.decode()
    requested = ReportPreview.objects.get().requested_at
    ReportPreview.objects.update(requested_at=requested - timedelta(seconds=5))
    assert 'hx-trigger="load delay:1s"' in client.get(url).content.decode()
    ReportPreview.objects.update(requested_at=requested - timedelta(seconds=settings.REPORT_STALE_SECONDS + 1))
    page = client.get(url).content.decode()
    assert "Kein Berichts-Worker hat die Vorschau übernommen" in page
    assert "hx-get" not in page


def test_a_failed_preview_says_why(
    client, planner, reference_data, immediate_tasks, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def out_of_memory(*args):
        raise MemoryError("Arbeitsspeicher erschöpft")

    monkeypatch.setattr("reports.tasks.build_report", out_of_memory)
    client.force_login(planner)
    with django_capture_on_commit_callbacks(execute=True):
        url = preview_url(client.post(reverse("reports:report"), form(Municipality.objects.get(slug="ulm"))))
    page = client.get(url).content.decode()
    assert "Die Vorschau konnte nicht berechnet werden: Arbeitsspeicher erschöpft" in page
    assert "hx-get" not in page
    (logged,) = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert (logged.task, logged.outcome) == ("compute_preview", "failed")
    caplog.clear()  # logged as it should be: not a failure of this test


def test_previews_are_kept_a_day(client, planner, reference_data):
    client.force_login(planner)
    ulm = Municipality.objects.get(slug="ulm")
    old = preview_url(client.post(reverse("reports:report"), form(ulm)))
    ReportPreview.objects.update(requested_at=ReportPreview.objects.get().requested_at - timedelta(days=1, minutes=1))
    new = preview_url(client.post(reverse("reports:report"), form(ulm, year="2024")))
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert ReportPreview.objects.count() == 1


def test_a_preview_page_of_a_malformed_address_is_not_found(client, planner):
    client.force_login(planner)
    assert client.get("/berichte/vorschau/kein-uuid/").status_code == 404


def test_a_preview_up_to_today_says_its_figures_can_still_change(
    client, planner, ulm_cases, immediate_tasks, django_capture_on_commit_callbacks
):
    """Today is not over: the preview warns as the PDF's cover does (Period.ongoing, one rule)."""
    from django.utils import timezone

    client.force_login(planner)
    today = timezone.localdate()
    ulm = Municipality.objects.get(slug="ulm")
    pages = {}
    for label, end in (("today", today), ("yesterday", today - timedelta(days=1))):
        changes = {"period_kind": "custom", "start": (today - timedelta(days=30)).isoformat(), "end": end.isoformat()}
        with django_capture_on_commit_callbacks(execute=True):
            url = preview_url(client.post(reverse("reports:report"), form(ulm, **changes)))
        pages[label] = client.get(url).content.decode()
    assert "Der Zeitraum ist noch nicht zu Ende" in pages["today"]
    assert "Der Zeitraum ist noch nicht zu Ende" not in pages["yesterday"]
