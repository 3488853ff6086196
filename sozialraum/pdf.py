"""Every PDF of the app (meeting pack and minutes, roster, committee report, Art. 15 export)
comes from a template through this one function, so each is a tagged PDF/UA-1 document with a
structure tree that screen readers can follow."""

import io

import pikepdf
from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, base_url: str | None = None) -> bytes:
    from weasyprint import HTML  # heavy import, only where a PDF is made

    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
    return with_header_scopes(document)


def with_header_scopes(document: bytes) -> bytes:
    """Give every table header cell its /Scope (PDF/UA, Matterhorn 15-003), which WeasyPrint
    does not write: a header in the table head heads its column, any other heads its row — as
    `scope="col"`/`scope="row"` say in our templates."""
    with pikepdf.open(io.BytesIO(document)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return document
        todo = [(tree, False)]
        while todo:
            element, in_head = todo.pop()
            kind = element.get("/S")
            in_head = in_head or kind == "/THead"
            if kind == "/TH":
                attributes = element.get("/A")
                if not isinstance(attributes, pikepdf.Dictionary):
                    attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
                    element.A = attributes
                attributes.Scope = pikepdf.Name.Column if in_head else pikepdf.Name.Row
            children = element.get("/K")
            if isinstance(children, pikepdf.Dictionary):
                children = [children]
            if isinstance(children, pikepdf.Array | list):
                todo.extend((child, in_head) for child in children if isinstance(child, pikepdf.Dictionary))
        output = io.BytesIO()
        pdf.save(output)
        return output.getvalue()
