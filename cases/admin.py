from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from cases.letter_forms import LetterTemplateAdminForm
from cases.letters import PLACEHOLDERS
from cases.models import LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateAdminForm
    list_display = ["name", "kind", "active", "updated_at"]
    list_filter = ["kind", "active"]
    readonly_fields = ["placeholders"]
    fields = ["name", "kind", "subject", "body", "placeholders", "active"]

    @admin.display(description=_("Placeholders"))
    def placeholders(self, obj=None):
        return format_html_join("", "<div><code>{{{}}}</code> – {}</div>", PLACEHOLDERS.items())
