"""German-aware name matching: "Müller", "Mueller" and "MÜLLER" are the same name."""

import unicodedata

SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def name_key(text: str) -> str:
    lowered = text.lower().translate(SPELLED_OUT)
    # Other accents (é, ç, ş) are dropped: "Şahin" matches "Sahin".
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())
