"""What higher apps (cases) add to the directory's pages without the networks app knowing them
(see sozialraum.hooks): context(partner or offer, request) -> dict."""

from sozialraum.hooks import Hook, Panel

partner_panels: Hook[Panel] = Hook("partner_panels")
# e.g. "refer a case" for caseworkers
offer_panels: Hook[Panel] = Hook("offer_panels")
