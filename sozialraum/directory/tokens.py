"""The checks of an ID token that decide a sign-in (OpenID Connect Core §3.1.3.7): signature
of the provider's key with the agreed algorithm, issuer, audience, expiry, and the nonce of
this browser's sign-in. mozilla-django-oidc checks only the signature and the nonce."""

from typing import Any

import jwt
from django.utils.translation import gettext_lazy as _

# Clocks of the app and the identity provider differ by a few seconds.
CLOCK_LEEWAY_SECONDS = 60


class TokenRejected(Exception):
    """The sign-in is refused; `reason` names the failed check (audited), `message` tells the user."""

    MESSAGES = {
        "signature": _("The sign-in was refused: the token does not carry a valid signature of the identity provider."),
        "issuer": _("The sign-in was refused: the token comes from an identity provider this app does not trust."),
        "audience": _("The sign-in was refused: the token was issued for another application."),
        "expired": _("The sign-in took too long and has expired. Please sign in again."),
        "nonce": _(
            "The sign-in was refused: it does not belong to the sign-in started in this browser. Please sign in again."
        ),
        "incomplete": _("The sign-in was refused: the identity provider's token is incomplete."),
        "subject": _("The sign-in was refused: the directory's details belong to another person."),
        "provider": _("The identity provider could not be reached or refused the sign-in. Please try again later."),
        "inactive": _("This account is not active in Sozialraum. Please contact the administration."),
    }

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self) -> str:
        return str(self.MESSAGES[self.reason])


def check_id_token(
    token: str | bytes, *, key: Any, algorithm: str, issuer: str, audience: str, nonce: str | None
) -> dict[str, Any]:
    """The token's claims if every check passes; TokenRejected otherwise."""
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],  # one algorithm only: no "none", no HMAC with the public key
            audience=audience,
            issuer=issuer,
            leeway=CLOCK_LEEWAY_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
    except jwt.ExpiredSignatureError:
        raise TokenRejected("expired") from None
    except jwt.InvalidIssuerError:
        raise TokenRejected("issuer") from None
    except jwt.InvalidAudienceError:
        raise TokenRejected("audience") from None
    except jwt.MissingRequiredClaimError:
        raise TokenRejected("incomplete") from None
    except (jwt.InvalidSignatureError, jwt.InvalidAlgorithmError, jwt.InvalidKeyError):
        raise TokenRejected("signature") from None
    except jwt.PyJWTError:
        raise TokenRejected("incomplete") from None
    # Several audiences: the authorised party must be this app (Core §3.1.3.7, 4. and 5.).
    if isinstance(claims["aud"], list) and len(claims["aud"]) > 1 and claims.get("azp") != audience:
        raise TokenRejected("audience")
    if not nonce or claims.get("nonce") != nonce:
        raise TokenRejected("nonce")
    return claims
