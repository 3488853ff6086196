"""The navigation's addresses are reversed once per process and kept per URL configuration,
script prefix and language (issue 15): behind a prefix, or in another language, they must be
that prefix's and that language's."""

from django.test import RequestFactory
from django.urls import reverse, set_script_prefix
from django.utils import translation

from sozialraum.context_processors import navigation


def addresses_for(user, path: str = "/faelle/") -> dict[str, str]:
    request = RequestFactory().get(path)
    request.user = user
    return {str(entry["label"]): entry["url"] for entry in navigation(request)["navigation"]}


def test_the_addresses_follow_the_script_prefix(sgb2_worker):
    plain = addresses_for(sgb2_worker)
    assert plain["Fälle"] == reverse("cases:case_list") == "/faelle/"
    set_script_prefix("/stadt/")
    try:
        prefixed = addresses_for(sgb2_worker)
    finally:
        set_script_prefix("/")
    assert prefixed["Fälle"] == "/stadt/faelle/"
    assert all(url.startswith("/stadt/") for url in prefixed.values())
    assert addresses_for(sgb2_worker) == plain


def test_the_active_entry_is_the_requests_own(sgb2_worker):
    request = RequestFactory().get("/faelle/123/")
    request.user = sgb2_worker
    active = [str(entry["label"]) for entry in navigation(request)["navigation"] if entry["active"]]
    assert active == ["Fälle"]
    with translation.override("en"):
        assert "Cases" in addresses_for(sgb2_worker)
