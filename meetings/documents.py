from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, base_url: str) -> bytes:
    """A4 PDF from the same partials as the pages (WeasyPrint)."""
    from weasyprint import HTML

    return HTML(string=render_to_string(template_name, context), base_url=base_url).write_pdf()
