"""What higher apps (cases) add to the directory's pages without the networks app knowing them
(see sozialraum.hooks): context(partner or offer, request) -> dict."""

from collections.abc import Callable, Iterable

from sozialraum.hooks import Hook, Panel

partner_panels: Hook[Panel] = Hook("partner_panels")
# e.g. "refer a case" for caseworkers
offer_panels: Hook[Panel] = Hook("offer_panels")

# fn(contact_ids) — contact persons were created, changed or checked (the follow-ups that ask
# coordinators to check contacts move with them).
contacts_changed: Hook[Callable[[Iterable[int]], None]] = Hook("contacts_changed")


def report_contacts_changed(contact_ids: Iterable[int]) -> None:
    ids = list(contact_ids)
    for receiver in contacts_changed:
        receiver(ids)
