import factory
from django.contrib.auth import get_user_model

from districts.constants import LegalAreaCode, MembershipRole
from districts.models import District, LegalArea, Locality, Membership, Municipality, ServiceArea, Team


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    # Fixed, made-up names: a random "Müller" among the staff would make privacy tests flaky.
    first_name = factory.Sequence(lambda n: f"Vorname{n}")
    last_name = factory.Sequence(lambda n: f"Mitarbeitende{n}")
    password = factory.django.Password("geheim-123")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Teststadt {n}")
    slug = factory.Sequence(lambda n: f"teststadt-{n}")
    state = "NW"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["slug"]

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Sozialraum {n}")
    slug = factory.Sequence(lambda n: f"sozialraum-{n}")
    code = factory.Sequence(lambda n: f"S{n}")


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Ortsteil {n}")


class LegalAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalArea
        django_get_or_create = ["code"]

    code = LegalAreaCode.SGB_VIII


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Leistungsbereich {n}")
    legal_area = factory.SubFactory(LegalAreaFactory)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["district", "name"]

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = MembershipRole.MEMBER
    service_area = factory.SubFactory(ServiceAreaFactory)
