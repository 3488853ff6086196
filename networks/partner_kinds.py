"""A first guess of a partner's kind from its name ("Grundschule …" is a school), for names that
arrive without one: a roster import's new partners (the user can change the guess) and the demo."""

from networks.constants import PartnerKind

# Checked in this order, as parts of the name regardless of case: "Kita kath. Kirche" is a Kita,
# "Rehaverein" a health service.
KIND_BY_WORD = [
    ("kita", PartnerKind.KITA),
    ("kindergarten", PartnerKind.KITA),
    ("krippe", PartnerKind.KITA),
    ("schul", PartnerKind.SCHOOL),
    ("gymnasium", PartnerKind.SCHOOL),
    ("kirche", PartnerKind.CHURCH),
    ("pfarr", PartnerKind.CHURCH),
    ("diakon", PartnerKind.CHURCH),
    ("caritas", PartnerKind.CHURCH),
    ("polizei", PartnerKind.POLICE),
    ("reha", PartnerKind.HEALTH),
    ("tv ", PartnerKind.CLUB),
    ("verein", PartnerKind.CLUB),
    (" e.v.", PartnerKind.CLUB),
    ("nachbarschaft", PartnerKind.NEIGHBOURHOOD_HELP),
    ("asb", PartnerKind.FREE_WELFARE),
    ("drk", PartnerKind.FREE_WELFARE),
    ("awo", PartnerKind.FREE_WELFARE),
    ("arbeiterwohlfahrt", PartnerKind.FREE_WELFARE),
    ("parität", PartnerKind.FREE_WELFARE),
    ("guter hirte", PartnerKind.FREE_WELFARE),
    ("senioren", PartnerKind.FREE_WELFARE),
    ("praxis", PartnerKind.HEALTH),
    ("klinik", PartnerKind.HEALTH),
    ("gesundheit", PartnerKind.HEALTH),
    ("pflege", PartnerKind.HEALTH),
    ("wohnungs", PartnerKind.HOUSING),
    ("wohnbau", PartnerKind.HOUSING),
    ("baugenossenschaft", PartnerKind.HOUSING),
    ("jobcenter", PartnerKind.MUNICIPAL),
    ("kommunal", PartnerKind.MUNICIPAL),
    ("sozial", PartnerKind.MUNICIPAL),
    ("stadtteil", PartnerKind.MUNICIPAL),
    ("jugendarbeit", PartnerKind.MUNICIPAL),
    ("fach", PartnerKind.MUNICIPAL),
    ("ortsvorsteher", PartnerKind.MUNICIPAL),
    ("quartier", PartnerKind.MUNICIPAL),
]


def guess_kind(name: str) -> str:
    lowered = name.lower()
    return next((kind for word, kind in KIND_BY_WORD if word in lowered), PartnerKind.OTHER)
