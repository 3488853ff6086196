"""DESIGN §4 rule 7: bad input never gives a server error. Every form that a demo user of each
role can reach is found by following the links (tests/robustness/crawl.py) and submitted with
values a browser, a double click or an attacker could send. `pytest --fuzz-examples=50` runs
longer; the default keeps `make test` fast."""

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.robustness.crawl import Field, Form, crawl

# Both tests in one test process (make test distributes with --dist loadgroup): the demo data and
# the crawl of every role are built once, not once per process (twenty seconds).
pytestmark = pytest.mark.xdist_group("demo_crawl")

ROLES = ["fk-styrum-sgb2", "fk-styrum-sgb8", "leitung-styrum", "planung", "netzwerk", "datenschutz", "admin"]

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "\u202eRTL",
    "😀" * 3,
    "x" * 5000,
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999",
    "1e309",
    "NaN",
    "3.5",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "31.12.9999",
    "01.01.0001",
    "30.02.2026",
    "25:61",
    "geprueft",
    "logout",
    "//evil.example/",
    "https://evil.example/",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '=HYPERLINK("http://evil.example")',
]


def encoded(pairs: list[tuple[str, str]]) -> bytes:
    # Lone surrogates go out as the bytes an attacker would send; Django decodes them to U+FFFD.
    return urlencode(pairs, encoding="utf-8", errors="surrogatepass").encode("ascii")


def field_values(one: Field, ids: list[str]) -> st.SearchStrategy[list[str]]:
    usual = st.just([one.value]) if one.kind not in ("checkbox", "radio") or one.value else st.just([])
    choices = st.sampled_from(one.options).map(lambda value: [value]) if one.options else usual
    nasty = st.one_of(
        st.sampled_from(NASTY),
        st.sampled_from(ids),
        st.text(max_size=40),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
    ).map(lambda value: [value])
    return st.one_of(
        usual,
        choices,
        nasty,
        st.just([]),  # missing
        st.lists(
            st.one_of(st.sampled_from(NASTY), st.sampled_from(one.options or [one.value])), min_size=2, max_size=3
        ),
    )


def submission(form: Form, ids: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    editable = [one for one in form.fields if one.name != "csrfmiddlewaretoken"]

    def pairs(values: list[list[str]]) -> list[tuple[str, str]]:
        return [(one.name, value) for one, chosen in zip(editable, values, strict=True) for value in chosen]

    # Mostly what the form holds with a few fields changed, so the deep paths (saving) are reached.
    per_field = [
        st.one_of(
            st.just([one.value] if one.value or one.kind not in ("checkbox", "radio") else []), field_values(one, ids)
        )
        for one in editable
    ]
    return st.tuples(*per_field).map(lambda values: pairs(list(values)))


def actions(form: Form, ids: list[str]) -> st.SearchStrategy[str]:
    """The form's own address, or the same address with an id of some other object in it."""
    parts = form.action.split("/")
    numbered = [index for index, part in enumerate(parts) if part.isdigit()]
    if not numbered:
        return st.just(form.action)

    def with_id(index: int, value: str) -> str:
        return "/".join(value if position == index else part for position, part in enumerate(parts))

    other = st.builds(with_id, st.sampled_from(numbered), st.sampled_from(ids))
    return st.one_of(st.just(form.action), st.just(form.action), other)


def post(client: Client, form: Form, action: str, pairs: list[tuple[str, str]]):
    headers = {"HX-Request": "true"} if form.htmx else {}
    if form.method == "get":
        return client.get(action + "?" + encoded(pairs).decode(), headers=headers)
    if form.multipart:
        data: dict = {}
        for name, value in pairs:
            data.setdefault(name, []).append(value.encode("utf-8", "replace").decode("utf-8"))
        for one in form.fields:
            if one.kind == "file":
                data[one.name] = SimpleUploadedFile("liste.csv", b"Name;E-Mail\n\x00\xff\xfe;x@\n" * 3)
        return client.post(action, data, headers=headers)
    return client.post(action, encoded(pairs), content_type="application/x-www-form-urlencoded", headers=headers)


@dataclass
class Findings:
    statuses: Counter = field(default_factory=Counter)
    failures: dict[tuple, str] = field(default_factory=dict)  # one example per form and kind of error


def fuzz(client: Client, username: str, form: Form, ids: list[str], examples: int, findings: Findings) -> None:
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(action=actions(form, ids), pairs=submission(form, ids))
    def submit(action, pairs):
        # Each submission is undone: the next one meets the demo data again.
        with transaction.atomic():
            response = post(client, form, action, pairs)
            transaction.set_rollback(True)
        findings.statuses[response.status_code] += 1
        if response.status_code >= 500:
            error = response.exc_info[1] if getattr(response, "exc_info", None) else None
            findings.failures.setdefault(
                (form.method, form.url_name, type(error).__name__),
                f"{username} {form.method.upper()} {action} {pairs!r:.300} → {error!r:.300}",
            )

    submit()


@pytest.fixture(scope="module")
def crawled(demo_world, django_db_blocker) -> dict[str, tuple[Client, dict[str, str], list[Form]]]:
    """Every role's signed-in client, pages and forms, crawled once for the module's tests."""
    result = {}
    with django_db_blocker.unblock():
        for username in ROLES:
            client = Client(raise_request_exception=False)
            client.force_login(get_user_model().objects.get(username=username))
            result[username] = (client, *crawl(client))
    return result


@pytest.mark.django_db
def test_no_form_of_any_role_answers_with_a_server_error(crawled, request):
    examples = request.config.getoption("--fuzz-examples")
    findings = Findings()
    found_forms = found_pages = 0
    for username, (client, pages, forms) in crawled.items():
        found_forms += len(forms)
        found_pages += len(pages)
        values = {value for form in forms for one in form.fields for value in [one.value, *one.options]}
        ids = sorted(value for value in values if value.isdigit()) or ["1"]
        for form in forms:
            fuzz(client, username, form, ids, examples, findings)
    print(
        f"Fuzzed {findings.statuses.total()} submissions to {found_forms} forms on {found_pages} pages: "
        f"{dict(sorted(findings.statuses.items()))}"
    )
    assert not findings.failures, f"{len(findings.failures)} server errors:\n" + "\n".join(findings.failures.values())


@pytest.mark.django_db
def test_no_page_prints_an_id_with_a_thousands_separator(crawled):
    """Every id of the demo is above 12,000 (conftest): "12.345" in a form value or link is a
    wrong id the browser would send."""
    grouped = re.compile(r'(?:value|href|action|hx-post|hx-get)="[^"]*\b\d{1,3}\.\d{3}\b[^"]*"')
    for username, (_client, pages, _forms) in crawled.items():
        assert len(pages) > 5, f"{username} reached almost no pages"
        for page, content in pages.items():
            found = grouped.findall(content)
            assert not found, f"{username} {page}: {found[:3]}"
