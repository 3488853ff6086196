"""Headers that keep social data out of caches and scripts out of the pages (issue 11, finding 8)."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_carries_a_strict_csp_and_a_permissions_policy(client, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_nothing_with_personal_data_may_be_cached(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    for url in (
        case.get_absolute_url(),
        reverse("cases:case_list"),
        reverse("cases:subject_access", args=[case.reference]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_no_template_has_inline_script_or_style():
    """The CSP forbids them; a template that adds one breaks in the browser. PDFs (WeasyPrint,
    never served as a page) may style themselves."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        relative = str(path.relative_to(ROOT / "templates"))
        if relative.startswith("pdf/") or relative.endswith("_pdf.html"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)", text) or re.search(r"\sstyle=\"|<style", text):
            offenders.append(relative)
        if re.search(r"\son[a-z]+=\"", text):  # onclick="…" and friends are inline script too
            offenders.append(relative)
    assert offenders == []


def test_check_deploy_is_clean_with_the_documented_production_settings():
    """`.env.example` documents the production values; `manage.py check --deploy` finds nothing."""
    # The browser tests' conftest relaxes Django's async guard for this process; production never does.
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DEBUG": "false",
        "SECRET_KEY": "a-production-secret-" + "x7Qp2" * 10,
        "ALLOWED_HOSTS": "sozialraum.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://sozialraum.example.org",
        "SECURE_COOKIES": "true",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
        "BEHIND_TLS_PROXY": "true",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "BEHIND_TLS_PROXY"):
        assert name in (ROOT / ".env.example").read_text()


def test_every_setting_read_from_the_environment_is_documented_in_env_example():
    """An operator learns every variable from .env.example; a new setting without its line fails here."""
    settings_source = (ROOT / "sozialraum" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list|choice)\(\s*"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read and read - documented == set()
