"""Small case scenarios per legal area, so that every demo case hangs together: the person's age
fits the legal area, the goals and resources fit the will and the topics, and a referral goes to
an offer on the case's topics with the consent that allows it."""

from dataclasses import dataclass, field

from cases.constants import Relationship, ResourceKind
from districts.constants import Topic


@dataclass(frozen=True)
class Household:
    relationship: str
    min_age: int
    max_age: int
    count: tuple[int, int] = (1, 1)
    same_last_name: bool = True


@dataclass(frozen=True)
class Scenario:
    name: str
    min_age: int
    max_age: int
    topics: list[str]
    will: str
    goals: list[tuple[str, str]]
    resources: list[tuple[str, str]]
    household: list[Household] = field(default_factory=list)
    household_share: float = 0.0  # how often the household members live with the main person


CHILDREN = Household(Relationship.CHILD, 1, 17, (1, 3))
SCHOOL_CHILDREN = Household(Relationship.CHILD, 6, 15, (1, 3))
SMALL_CHILD = Household(Relationship.CHILD, 1, 5)
SPOUSE_OLD = Household(Relationship.PARTNER, 66, 90)
PARTNER_ADULT = Household(Relationship.PARTNER, 21, 60, same_last_name=False)
PARENT_OLD = Household(Relationship.MOTHER, 55, 80)

SCENARIOS: dict[str, list[Scenario]] = {
    "SGB II": [
        Scenario(
            "Arbeit finden",
            22,
            58,
            [Topic.WORK, Topic.APPLICATIONS],
            "Ich möchte eine Arbeit finden, bei der ich morgens rauskomme.",
            [
                (
                    "Bewerbung für eine Teilzeitstelle abschicken",
                    "Lebenslauf gemeinsam schreiben, Person sucht drei Stellen",
                ),
                ("Bewerbungstreff im Stadtteil besuchen", "Person geht dienstags hin, Fachkraft fragt nach"),
            ],
            [
                (ResourceKind.PERSONAL, "Hat Erfahrung im Lager und einen Staplerschein"),
                (ResourceKind.SOCIAL_NETWORK, "Ehemaliger Kollege kennt Betriebe im Gewerbegebiet"),
            ],
            [PARTNER_ADULT, CHILDREN],
            0.4,
        ),
        Scenario(
            "Schulden und Miete",
            25,
            60,
            [Topic.FINANCES, Topic.HOUSING],
            "Ich will meine Schulden in den Griff bekommen, Schritt für Schritt.",
            [
                ("Haushaltsplan aufstellen", "Person sammelt Belege, Schuldnerberatung prüft Forderungen"),
                ("Mietrückstand ausgleichen", "Ratenplan mit dem Vermieter, Antrag auf Übernahme prüfen"),
            ],
            [
                (ResourceKind.PERSONAL, "Hält Termine zuverlässig ein"),
                (ResourceKind.FAMILY, "Bruder hilft beim Sortieren der Post"),
            ],
            [CHILDREN],
            0.3,
        ),
        Scenario(
            "Deutsch und Arbeit",
            20,
            50,
            [Topic.WORK, Topic.LEISURE],
            "Ich möchte Deutsch so gut sprechen, dass ich beim Arzt allein zurechtkomme.",
            [
                ("Sprachkurs bis B1 abschließen", "Person besucht den Kurs, Fachkraft klärt die Fahrtkosten"),
                ("Einmal pro Woche ins Sprachcafé gehen", "Person geht hin, Stadtteilkoordination stellt vor"),
            ],
            [
                (ResourceKind.DISTRICT, "Sprachcafé im Bürgerzentrum"),
                (ResourceKind.SOCIAL_NETWORK, "Kontakt zu Landsleuten im Viertel"),
            ],
            [PARTNER_ADULT, CHILDREN],
            0.5,
        ),
    ],
    "SGB VIII": [
        Scenario(
            "Schulbesuch",
            28,
            48,
            [Topic.CARE, Topic.EVERYDAY],
            "Ich will, dass meine Kinder wieder regelmäßig zur Schule gehen.",
            [
                ("Kinder sind jeden Morgen pünktlich in der Schule", "Eltern wecken, Schulsozialarbeit hält Kontakt"),
                ("Gespräch mit der Klassenlehrerin führen", "Fachkraft vereinbart den Termin, Mutter/Vater geht hin"),
            ],
            [
                (ResourceKind.FAMILY, "Großmutter holt die Kinder dienstags ab"),
                (ResourceKind.DISTRICT, "Hausaufgabenhilfe im Jugendhaus"),
            ],
            [SCHOOL_CHILDREN],
            1.0,
        ),
        Scenario(
            "Alleinerziehend mit Kleinkind",
            19,
            38,
            [Topic.CARE, Topic.LEISURE],
            "Ich möchte einen Kitaplatz und wieder Zeit für mich.",
            [
                ("Kita-Anmeldung abgeben", "Fachkraft hilft beim Formular, Person geht zur Kita"),
                ("Einmal pro Woche ins Elterncafé gehen", "Person geht mit dem Kind hin"),
            ],
            [
                (ResourceKind.NEIGHBOURHOOD, "Nachbarin passt manchmal auf das Kind auf"),
                (ResourceKind.PERSONAL, "Kann gut mit Geld umgehen"),
            ],
            [SMALL_CHILD],
            1.0,
        ),
    ],
    "SGB IX": [
        Scenario(
            "Tagesstruktur",
            19,
            64,
            [Topic.WORK, Topic.LEISURE],
            "Ich möchte jeden Tag eine feste Aufgabe haben.",
            [
                ("Probearbeit in der Werkstatt", "Fachkraft klärt den Platz, Person fährt zwei Wochen hin"),
                ("Den Bus zur Arbeit allein nehmen", "Begleitung fährt die ersten Male mit"),
            ],
            [
                (ResourceKind.PERSONAL, "Arbeitet gern mit Holz"),
                (ResourceKind.FAMILY, "Mutter unterstützt bei Terminen"),
            ],
            [PARENT_OLD],
            0.5,
        ),
        Scenario(
            "Eigene Wohnung",
            21,
            60,
            [Topic.HOUSING, Topic.EVERYDAY],
            "Ich will in einer eigenen Wohnung leben.",
            [
                ("Wohnberechtigungsschein beantragen", "Fachkraft hilft beim Antrag, Person sammelt Nachweise"),
                ("Ambulant betreutes Wohnen beantragen", "Fachkraft stellt den Antrag mit der Person"),
            ],
            [
                (ResourceKind.PERSONAL, "Kocht sich selbst einfache Gerichte"),
                (ResourceKind.SOCIAL_NETWORK, "Freundeskreis aus der Werkstatt"),
            ],
        ),
    ],
    "SGB XII": [
        Scenario(
            "Allein zu Hause",
            68,
            92,
            [Topic.EVERYDAY, Topic.LEISURE, Topic.HEALTH],
            "Ich will wieder selbst einkaufen gehen können.",
            [
                ("Wöchentlich allein zum Markt gehen", "Person übt den Weg, Nachbarin begleitet die ersten Male"),
                ("Einmal pro Woche zum Seniorenfrühstück gehen", "Person geht hin, Fahrdienst holt ab"),
            ],
            [
                (ResourceKind.NEIGHBOURHOOD, "Nachbarschaftshilfe hilft beim Einkauf"),
                (ResourceKind.SOCIAL_NETWORK, "Kontakt zur Kirchengemeinde"),
            ],
        ),
        Scenario(
            "Zu Hause bleiben",
            72,
            94,
            [Topic.CARE, Topic.HOUSING, Topic.HEALTH],
            "Ich möchte in meiner Wohnung bleiben und mich dort sicher fühlen.",
            [
                ("Hausnotruf einrichten", "Fachkraft beantragt, Angehörige sind bei der Installation dabei"),
                ("Pflegegrad beantragen", "Fachkraft hilft beim Antrag, Begutachtung zu Hause"),
            ],
            [
                (ResourceKind.FAMILY, "Tochter kommt jeden Sonntag"),
                (ResourceKind.PERSONAL, "Kennt das Viertel seit 40 Jahren"),
            ],
            [SPOUSE_OLD],
            0.4,
        ),
        Scenario(
            "Grundsicherung",
            65,
            85,
            [Topic.FINANCES, Topic.APPLICATIONS],
            "Ich will meine Anträge künftig selbst stellen können.",
            [
                ("Antrag auf Grundsicherung im Alter stellen", "Fachkraft füllt ihn mit der Person aus"),
                ("Ordner für Bescheide anlegen", "Person sortiert, Fachkraft schaut einmal im Monat drauf"),
            ],
            [
                (ResourceKind.PERSONAL, "Schreibt sich alles auf"),
                (ResourceKind.DISTRICT, "Offene Sprechstunde im Bürgerzentrum"),
            ],
        ),
    ],
}


def scenarios_for(legal_area_code: str) -> list[Scenario]:
    """SGB XI and the other areas borrow from SGB XII (care), the rest from SGB II."""
    if legal_area_code in SCENARIOS:
        return SCENARIOS[legal_area_code]
    return SCENARIOS["SGB XII"] if legal_area_code == "SGB XI" else SCENARIOS["SGB II"]
