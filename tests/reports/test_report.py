import io
import re
from datetime import date

import pikepdf
import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from cases.models import PhasePeriod
from districts.models import District, Municipality
from reports.models import ReportRun, RunStatus
from reports.rendering import SECTIONS, build_report, render_pdf, render_xlsx, sheet_names
from sozialraum.models import AuditEvent
from sozialraum.periods import period_of
from tests.helpers import SECRET_NAMES, pdf_text

ALL = list(SECTIONS)


def form(municipality, **changes):
    data = {
        "municipality": municipality.pk,
        "period_kind": "year",
        "year": "2025",
        "sections": ALL,
        "action": "preview",
    }
    data.update(changes)
    return data


def ulm_report():
    ulm = Municipality.objects.get(slug="ulm")
    return build_report(ulm, ulm.districts.order_by("name"), period_of("year", 2025), ALL)


def line_starting(text: str, start: str, after: str) -> str:
    section = text[text.index(after) :]
    return next(line for line in section.splitlines() if line.startswith(start))


def test_figures_in_the_pdf_equal_the_database(ulm_cases):
    text = pdf_text(render_pdf(ulm_report()))
    # opened 2025: Böfingen 12, Wiblingen 2, the others 0 → "< 5". With the total 14 published,
    # Böfingen's 12 would give Wiblingen's 2 away: it is kept secret ("x"), as is the previous
    # year's total (6 = Böfingen's 6, which would pin the others to 0).
    assert line_starting(text, "Böfingen", "Eröffnete Fälle nach Rechtskreis") == "Böfingen x x 6 x"
    assert line_starting(text, "Wiblingen", "Eröffnete Fälle nach Rechtskreis") == "Wiblingen < 5 < 5 < 5 x"
    assert line_starting(text, "Summe", "Eröffnete Fälle nach Rechtskreis") == "Summe 14 14 x x"
    # closed in 2025: 7 in Böfingen; open at the end of 2025: 12 − 7 + 6 = 11
    # (closed: Böfingen 7, open at the end: 11 — the only district with cases, so kept secret too)
    assert line_starting(text, "Böfingen", "Abgeschlossene Fälle nach Rechtskreis").startswith("Böfingen x x")
    assert line_starting(text, "Böfingen", "Offene Fälle am Ende des Zeitraums").startswith("Böfingen x x")
    # work mix: 700 case-specific and 300 non-case minutes → 30,0 % non-case work
    assert line_starting(text, "Böfingen", "Arbeitszeit nach Art der Tätigkeit").startswith("Böfingen 700 0 300 1.000")
    assert "Böfingen 30,0 %" in text
    # profile: Ulm's 2014 figures with German formatting and reference date
    assert "18.404" in text and "31.12.2014" in text


def printed_rows(table):
    """Per row of a table: its label and the figures in print order (cells, total, previous)."""
    for row in table.rows():
        extra = [row["total"], *([row["previous"]] if table.has_previous else [])] if table.totals else []
        yield row["label"], [*row["cells"], *extra]
    total = table.total_row()
    if total:
        yield "Summe", [*total["cells"], total["total"], *([total["previous"]] if table.has_previous else [])]


def assert_label_true(true_value, printed, limit=5):
    if printed == f"< {limit}":
        assert true_value < limit
    elif printed == "x":
        assert true_value >= limit  # only values that are not small are hidden as "x"
    elif printed == "–":
        assert true_value == 0
    else:
        assert printed == true_value


@pytest.mark.parametrize("town, cases", [("ulm", "ulm_cases"), ("muelheim-an-der-ruhr", "styrum_cases")])
def test_every_published_label_tells_the_truth(request, town, cases):
    """Every figure of every protected table, in the XLSX and in the PDF text, against the
    figures computed from the database: a number is the true number, "< 5" is below 5, "x" is
    not, "–" is zero."""
    request.getfixturevalue(cases)
    municipality = Municipality.objects.get(slug=town)
    report = build_report(municipality, municipality.districts.order_by("name"), period_of("year", 2025), ALL)
    workbook = load_workbook(io.BytesIO(render_xlsx(report)))
    text = pdf_text(render_pdf(report)).replace("/\n", "/")  # a label wrapped after its "/"
    districts = {district.name for district in municipality.districts.all()}
    checked = 0
    for section in report["sections"]:
        for table in section.tables:
            if not table.protect or table.is_empty:
                continue
            sheet = workbook[sheet_names(report["sections"])[table.key]]
            sheet = {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True)}
            for label, cells in printed_rows(table):
                for cell, shown in zip(cells, sheet[label], strict=False):
                    assert_label_true(cell.value, shown)
                    checked += 1
                if label in districts | {"Summe"} and set(table.row_labels) <= districts:
                    printed = line_starting(text, label, table.title).removeprefix(label).replace("< 5", "<5").split()
                    for cell, shown in zip(cells, printed, strict=False):
                        shown = {"<5": "< 5"}.get(shown, shown)
                        assert_label_true(cell.value, int(shown.replace(".", "")) if shown[0].isdigit() else shown)
                        checked += 1
    assert checked > 40


def test_pdf_is_accessible_a4_with_cover_contents_and_page_numbers(ulm_cases):
    content = render_pdf(ulm_report())
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged PDF (PDF/UA)
    assert root["/MarkInfo"]["/Marked"]
    assert [round(float(value)) for value in reader.pages[0].mediabox[2:]] == [595, 842]
    pages = len(reader.pages)
    text = pdf_text(content)
    assert "Bericht für den Sozialausschuss" in reader.pages[0].extract_text()
    assert "Zeitraum: 01.01.2025 bis 31.12.2025" in reader.pages[0].extract_text()
    assert f"Seite 2 von {pages}" in text
    contents = reader.pages[1].extract_text()
    assert re.search(r"2\. Fallarbeit \.+ \d+", contents)
    fonts = [
        page["/Resources"]["/Font"][name].get_object()
        for page in reader.pages
        for name in page["/Resources"].get("/Font", {})
    ]
    for font in fonts:
        descriptor = (font.get("/DescendantFonts") or [font])[0].get_object().get("/FontDescriptor")
        if descriptor is not None:
            assert any(key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    # Every caption inside its table (a <figcaption> came out as a loose caption), charts with alt text.
    with pikepdf.open(io.BytesIO(content)) as pdf:
        todo, kinds = [(pdf.Root.StructTreeRoot, None)], []
        while todo:
            element, parent = todo.pop()
            kinds.append((element.get("/S"), parent, str(element.get("/Alt", ""))))
            children = element.get("/K")
            children = [children] if isinstance(children, pikepdf.Dictionary) else children
            if isinstance(children, pikepdf.Array | list):
                todo += [(child, element.get("/S")) for child in children if isinstance(child, pikepdf.Dictionary)]
    assert [parent for kind, parent, _alt in kinds if kind == "/Caption"] and all(
        parent == "/Table" for kind, parent, _alt in kinds if kind == "/Caption"
    )
    figures = [alt for kind, _parent, alt in kinds if kind == "/Figure"]
    assert len(figures) >= 2 and all(figures)


def test_no_person_and_no_case_reference_in_pdf_xlsx_or_preview(
    client, planner, ulm_cases, immediate_tasks, django_capture_on_commit_callbacks
):
    report = ulm_report()
    references = [case.reference for cases in ulm_cases.values() for case in cases]
    pdf = pdf_text(render_pdf(report))
    workbook = load_workbook(io.BytesIO(render_xlsx(report)))
    cells = " ".join(str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row)
    client.force_login(planner)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(reverse("reports:report"), form(Municipality.objects.get(slug="ulm")))
    preview = client.get(asked["Location"]).content.decode()
    assert 'id="table-faelle_eroeffnet"' in preview
    for text in (pdf, cells, preview):
        for secret in [*SECRET_NAMES, *references]:
            assert secret not in text


def test_xlsx_has_a_sheet_per_table_and_numbers_as_numbers(ulm_cases):
    workbook = load_workbook(io.BytesIO(render_xlsx(ulm_report())))
    sheet = workbook["Eröffnete Fälle"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["Böfingen"][1:5] == ("x", "x", 6, "x")
    assert rows["Summe"][1:3] == (14, 14) and isinstance(rows["Summe"][1], int)
    assert rows["Wiblingen"][1] == "< 5"
    expected = {"Kennzahlen", "Arbeitszeit nach Art", "Angebote je 1.000 Einwohner", "Fallberatungen"}
    assert expected <= set(workbook.sheetnames), workbook.sheetnames
    assert all(len(name) <= 31 for name in workbook.sheetnames)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"period_kind": "custom", "start": "2025-05-01", "end": "2025-04-01"},
            "Der letzte Tag liegt vor dem ersten Tag.",
        ),
        ({"year": "2099"}, "Der Zeitraum liegt in der Zukunft"),
        ({"period_kind": "quarter", "part": ""}, "Bitte ein Quartal von 1 bis 4 wählen."),
        ({"period_kind": "custom"}, "Bitte den ersten und den letzten Tag angeben."),
    ],
)
def test_bad_input_gets_german_messages(client, planner, reference_data, changes, message):
    client.force_login(planner)
    response = client.post(reverse("reports:report"), form(Municipality.objects.get(slug="ulm"), **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportRun.objects.exists()


def test_districts_of_two_municipalities_are_refused(client, planner, reference_data):
    client.force_login(planner)
    styrum = District.objects.get(slug="styrum")
    response = client.post(reverse("reports:report"), form(Municipality.objects.get(slug="ulm"), districts=[styrum.pk]))
    assert "Bitte nur Sozialräume einer Kommune wählen" in response.content.decode()


def test_no_data_gives_a_report_that_says_so(
    client, planner, reference_data, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(planner)
    bielefeld = Municipality.objects.get(slug="bielefeld")
    response = client.post(reverse("reports:report"), form(bielefeld))
    assert "keine Sozialräume" in response.content.decode()  # Bielefeld has none yet
    ulm = Municipality.objects.get(slug="ulm")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report"), form(ulm, year="2010", action="generate"))
    run = ReportRun.objects.get()
    assert run.status == RunStatus.DONE
    assert "keine Daten" in pdf_text(run.pdf.open("rb").read())


def test_only_planning_opens_reports(client, caseworker, coordinator, administrator, planner, reference_data):
    for user in (caseworker, coordinator, administrator):
        client.force_login(user)
        assert client.get(reverse("reports:report")).status_code == 403
    client.force_login(planner)
    assert client.get(reverse("reports:report")).status_code == 200


@pytest.mark.django_db(transaction=True)  # the worker closes connections, as it does between tasks
def test_generation_runs_in_a_worker_and_keeps_the_run(client, planner, ulm_cases):
    client.force_login(planner)
    response = client.post(reverse("reports:report"), form(Municipality.objects.get(slug="ulm"), action="generate"))
    run = ReportRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert run.status == RunStatus.QUEUED  # the database backend only queued it
    requested = AuditEvent.objects.get(object_type="reports.reportrun", object_id=run.pk)
    assert (requested.action, requested.user_id) == ("create", planner.pk)
    assert "In der Warteschlange" in client.get(run.get_absolute_url()).content.decode()

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    import hashlib

    pdf = client.get(reverse("reports:run_file", args=[run.pk, "pdf"]))
    content = b"".join(pdf.streaming_content)
    assert hashlib.sha256(content).hexdigest() == run.pdf_sha256
    assert run.parameters["districts"] == ["Böfingen", "Eselsberg", "Mitte/Ost", "Weststadt/Söflingen", "Wiblingen"]
    page = client.get(run.get_absolute_url()).content.decode()
    assert "PDF herunterladen" in page and run.pdf_sha256 in page
    csv = client.get(reverse("reports:table_csv", args=[run.pk, "faelle_eroeffnet"]))
    assert "Böfingen;x;x;6;x" in csv.content.decode("utf-8-sig")


def test_the_pdf_of_an_unfinished_period_says_so_on_its_cover(ulm_cases):
    from django.utils import timezone

    ulm = Municipality.objects.get(slug="ulm")
    this_year = build_report(ulm, ulm.districts.all(), period_of("year", timezone.localdate().year), ALL)
    cover = PdfReader(io.BytesIO(render_pdf(this_year))).pages[0].extract_text()
    assert "Der Zeitraum ist noch nicht zu Ende" in " ".join(cover.split())
    last_year = PdfReader(io.BytesIO(render_pdf(ulm_report()))).pages[0].extract_text()
    assert "noch nicht zu Ende" not in last_year


def test_no_empty_charts_and_no_code_words(reference_data):
    """Without work logged there is nothing to draw: one sentence instead of empty axes; target
    groups are named in German, not by their indicator keys."""
    text = " ".join(pdf_text(render_pdf(ulm_report())).split())
    assert "Arbeitszeit in Stunden nach Art der Tätigkeit: keine Zahlen im Zeitraum." in text
    for code in ("over-60", "under-21", "migration-background"):
        assert code not in text
    assert "Über 60-Jährige" in text


def test_the_xlsx_says_what_it_is(ulm_cases):
    import datetime

    workbook = load_workbook(io.BytesIO(render_xlsx(ulm_report(), pdf_sha256="ab" * 32)))
    assert workbook.sheetnames[0] == "Über diesen Bericht"
    about = {row[0]: row[1] for row in workbook["Über diesen Bericht"].iter_rows(values_only=True)}
    assert about["Bericht für den Sozialausschuss"] == "Ulm"
    assert about["Zeitraum von"] == datetime.datetime(2025, 1, 1)  # a real date, not text
    assert about["SHA-256 der PDF-Datei"] == "ab" * 32
    assert "„x“: Wert geheim gehalten" in about["Zeichen"]
    sheet = workbook["Eröffnete Fälle"]
    assert sheet.freeze_panes == "B4" and sheet.auto_filter.ref.startswith("A3:")


def test_percentages_are_fractions_in_the_xlsx(ulm_cases):
    sheet = load_workbook(io.BytesIO(render_xlsx(ulm_report())))["Anteil fallunspezifisch"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=4)}
    share = rows["Böfingen"][1]
    assert share.value == pytest.approx(0.3) and share.number_format == "0.0 %"  # 30,0 % non-case work


def test_the_report_explains_its_marks_in_a_methods_section(reference_data):
    text = " ".join(pdf_text(render_pdf(ulm_report())).split())
    assert "Methodische Hinweise" in text
    assert "„x“: Wert geheim gehalten, damit sich keine kleine Zahl daraus berechnen lässt." in text  # the legend
    assert "mit linearer Optimierung geprüft" in text and "„x“ sagt nichts über die Größe des Wertes" in text


def test_time_per_phase_is_a_median_of_ended_phases_and_hidden_below_the_threshold(ulm_cases):
    """Böfingen: 6 start phases ended after 10 days in 2025 → median 10; Wiblingen: 2 → hidden."""
    for cases in ulm_cases.values():
        for case in cases[:6]:
            PhasePeriod.objects.filter(case=case).update(started_on=date(2025, 4, 1), ended_on=date(2025, 4, 11))
    tables = [table for section in ulm_report()["sections"] for table in section.tables]
    table = next(table for table in tables if table.key == "phasendauer")
    rows = dict(zip(table.row_labels, table.values, strict=True))
    assert rows["Böfingen"][0] == 10.0 and rows["Böfingen"][1:] == [None, None]
    assert rows["Wiblingen"] == [None, None, None]
