"""What higher apps (cases) add to the partner page without the networks app knowing them
(see sozialraum.hooks)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sozialraum.hooks import Hook


@dataclass(frozen=True)
class PartnerPanel:
    """A block on the partner page with its own template; context(partner, request) -> dict."""

    template: str
    context: Callable[[Any, Any], dict]


partner_panels: Hook[PartnerPanel] = Hook("partner_panels")
# The same for the offer page; context(offer, request) -> dict (e.g. "refer a case" for caseworkers).
offer_panels: Hook[PartnerPanel] = Hook("offer_panels")
