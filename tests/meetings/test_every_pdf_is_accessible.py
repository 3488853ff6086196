"""Issue 13: every PDF the app produces is PDF/UA — checked with pikepdf on the files people get:
meeting pack, minutes, network roster, committee report, Art. 15 export, help plan, letters."""

import io

import pikepdf
import pytest
from django.urls import reverse

from cases.models import LetterTemplate
from districts.models import Municipality
from meetings import services
from networks.exports import roster_pdf
from networks.models import Network
from reports.rendering import SECTIONS, build_report, render_pdf
from sozialraum.periods import period_of


def struct_elements(pdf):
    """(element, the kind of its parent) for the whole structure tree."""
    todo = [(pdf.Root.StructTreeRoot, None)]
    while todo:
        element, parent = todo.pop()
        yield element, parent
        children = element.get("/K")
        if isinstance(children, pikepdf.Dictionary):
            children = [children]
        if isinstance(children, pikepdf.Array):
            kind = element.get("/S")
            todo.extend((child, kind) for child in children if isinstance(child, pikepdf.Dictionary))


def assert_pdf_ua(content: bytes, name: str) -> None:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root, name
        assert str(root.Lang) == "de", name
        assert root.MarkInfo.Marked, name
        assert root.ViewerPreferences.DisplayDocTitle, name
        assert pdf.open_metadata().get("pdfuaid:part") == "1", name
        assert str(pdf.open_metadata().get("dc:title", "")).strip(), name
        tree = list(struct_elements(pdf))
        elements = [element for element, _parent in tree]
        captions = [parent for element, parent in tree if element.get("/S") == "/Caption"]
        assert all(parent in (pikepdf.Name.Table, pikepdf.Name.Figure) for parent in captions), (name, captions)
        headers = [element for element in elements if element.get("/S") == "/TH"]
        assert all(header.A.get("/Scope") in (pikepdf.Name.Column, pikepdf.Name.Row) for header in headers), name
        figures = [element for element in elements if element.get("/S") == "/Figure"]
        assert all(str(figure.get("/Alt", "")).strip() for figure in figures), name
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
        return len(headers), len(figures)


@pytest.mark.django_db
def test_every_pdf_is_tagged_with_language_title_scopes_alt_texts_and_embedded_fonts(
    client, case, sgb2_worker, meeting, styrum_lead, coordinator
):
    services.put_on_agenda(meeting, services.propose_case(sgb2_worker, case, "Wie weiter?"))
    client.force_login(styrum_lead)
    documents = {
        name: client.get(reverse("meetings:document", args=[meeting.pk, name])).content
        for name in ("mappe", "protokoll")
    }
    client.force_login(sgb2_worker)
    documents["auskunft"] = client.get(reverse("cases:subject_access_pdf", args=[case.reference])).content
    sgb2_worker.email = "cm@example.org"  # (the invitation names it)
    sgb2_worker.save()
    documents["hilfeplan"] = client.get(reverse("cases:help_plan_pdf", args=[case.reference])).content
    for template in LetterTemplate.objects.exclude(kind="consent_form"):
        documents[f"brief {template.name}"] = client.post(
            reverse("cases:letter_add", args=[case.reference]),
            {"template": template.pk, "appointment": "Montag, 10 Uhr", "place": "Raum 1", "action": "print"},
        ).content
    network = Network.objects.create(
        municipality=case.team.district.municipality, name="Runder Tisch Styrum", coordinator=coordinator
    )
    documents["teilnehmende"] = roster_pdf(network, "/")
    ulm = Municipality.objects.get(slug="ulm")
    documents["bericht"] = render_pdf(build_report(ulm, ulm.districts.all(), period_of("year", 2025), list(SECTIONS)))
    counts = {name: assert_pdf_ua(content, name) for name, content in documents.items()}
    assert counts["bericht"][0] > 50  # the report's header cells were checked
    assert counts["auskunft"][0] > 10
