"""Every PDF of the app (meeting pack and minutes, roster, committee report, Art. 15 export)
comes from a template through this one function, so each is a tagged PDF/UA-1 document with a
structure tree that screen readers can follow."""

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, base_url: str | None = None) -> bytes:
    from weasyprint import HTML  # heavy import, only where a PDF is made

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
