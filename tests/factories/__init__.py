"""factory_boy factories, one module per app; import them from here."""

from tests.factories.cases import CaseFactory, ConsentFactory, GoalFactory
from tests.factories.districts import (
    DistrictFactory,
    LegalAreaFactory,
    LocalityFactory,
    MembershipFactory,
    MunicipalityFactory,
    ServiceAreaFactory,
    TeamFactory,
    UserFactory,
)

__all__ = [
    "CaseFactory",
    "ConsentFactory",
    "DistrictFactory",
    "GoalFactory",
    "LegalAreaFactory",
    "LocalityFactory",
    "MembershipFactory",
    "MunicipalityFactory",
    "ServiceAreaFactory",
    "TeamFactory",
    "UserFactory",
]
