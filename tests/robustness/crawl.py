"""Finds the forms a user can reach: follows the links of every page from the start page, as
that user, and reads each form's fields the way a browser would send them."""

from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve
from lxml import html

# Not followed: signing out ends the crawl's session; downloads are not pages; the Django admin
# is Django's own (its forms are Django's, tested there).
SKIPPED_PREFIXES = ("/abmelden", "/static/", "/verwaltung/", "/medien/")
SKIPPED_SUFFIXES = (".pdf", ".xlsx", ".csv", ".ics", ".json")
PAGES_PER_URL_NAME = 2


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, hidden, select, checkbox, radio, textarea, file, …
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    page: str
    action: str
    method: str
    multipart: bool
    htmx: bool
    fields: list[Field]

    @property
    def url_name(self) -> str:
        return url_name(self.action)

    @property
    def key(self) -> tuple:
        return (self.method, self.url_name, tuple(sorted({one.name for one in self.fields})))


def url_name(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return ""


def followable(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return False
    return not parts.path.startswith(SKIPPED_PREFIXES) and not parts.path.endswith(SKIPPED_SUFFIXES)


def fields_of(element) -> list[Field]:
    found: list[Field] = []
    for control in element.iter("input", "select", "textarea", "button"):
        name = control.get("name")
        if not name or control.get("disabled") is not None:
            continue
        if control.tag == "select":
            options = [option.get("value", option.text_content()) for option in control.iter("option")]
            chosen = [
                option.get("value", "") for option in control.iter("option") if option.get("selected") is not None
            ]
            multiple = control.get("multiple") is not None
            found.append(Field(name, "select", (chosen or options[:1] or [""])[0], options, multiple))
        elif control.tag == "textarea":
            found.append(Field(name, "textarea", control.text or ""))
        elif control.tag == "button":
            found.append(Field(name, "button", control.get("value", "")))
        else:
            kind = (control.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and control.get("checked") is None:
                found.append(Field(name, kind, "", [control.get("value", "on")]))
            else:
                found.append(Field(name, kind, control.get("value", ""), [control.get("value", "on")]))
    return found


def forms_on(page_url: str, document) -> list[Form]:
    found = []
    for element in document.iter("form"):
        method = (element.get("method") or "get").lower()
        action = element.get("hx-post") or element.get("action") or page_url
        action = urljoin(page_url, action)
        if not followable(action) or url_name(action) == "logout":
            continue
        multipart = (element.get("enctype") or "").lower() == "multipart/form-data"
        htmx = element.get("hx-post") is not None
        found.append(Form(page_url, action, method, multipart, htmx, fields_of(element)))
    return found


def crawl(
    client: Client, start: str = "/", page_limit: int = 150, per_url_name: int = PAGES_PER_URL_NAME
) -> tuple[dict[str, str], list[Form]]:
    """Pages seen (URL → HTML) and forms found (one per action and field set), breadth first;
    at most `per_url_name` pages of one route."""
    queue = deque([start])
    seen_urls: set[str] = {start}
    per_name: dict[str, int] = {}
    pages: dict[str, str] = {}
    forms: dict[tuple, Form] = {}
    while queue and len(pages) < page_limit:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code != 500, f"GET {url} → 500"
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages[url] = response.content.decode()
        document = html.fromstring(response.content)
        for form in forms_on(url, document):
            forms.setdefault(form.key, form)
        for link in document.iter("a"):
            target = urljoin(url, (link.get("href") or "").split("#")[0])
            if not target or target in seen_urls or not followable(target):
                continue
            name = url_name(target)
            if not name or per_name.get(name, 0) >= per_url_name:
                continue
            per_name[name] = per_name.get(name, 0) + 1
            seen_urls.add(target)
            queue.append(target)
    return pages, list(forms.values())
