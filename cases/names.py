"""German-aware name matching: "Müller", "Mueller" and "MÜLLER" are the same name."""

import re
import unicodedata

SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def name_key(text: str) -> str:
    lowered = text.lower().translate(SPELLED_OUT)
    # Other accents (é, ç, ş) are dropped: "Şahin" matches "Sahin".
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


def name_parts(key: str) -> list[str]:
    """The words of a name key: "mueller-luedenscheidt" → ["mueller", "luedenscheidt"]."""
    return [part for part in re.split(r"[^a-z]+", key) if part]


# Kölner Phonetik (Postel 1969): German-sounding names that are spelled differently get the same
# code ("Müller", "Mueller", "Muller", "Möller" → 657; "Pruschke", "Prushke" → 1784).
_SIMPLE_CODES = {
    **dict.fromkeys("aeijouy", "0"),
    "b": "1",
    **dict.fromkeys("fvw", "3"),
    **dict.fromkeys("gkq", "4"),
    "l": "5",
    **dict.fromkeys("mn", "6"),
    "r": "7",
    **dict.fromkeys("sz", "8"),
    "h": "",
}


def _code(word: str, index: int) -> str:
    letter = word[index]
    before = word[index - 1] if index > 0 else ""
    after = word[index + 1] if index + 1 < len(word) else ""
    if letter == "p":
        return "3" if after == "h" else "1"
    if letter in "dt":
        return "8" if after in ("c", "s", "z") and after else "2"
    if letter == "x":
        return "8" if before in ("c", "k", "q") and before else "48"
    if letter == "c":
        if index == 0:
            return "4" if after and after in "ahkloqrux" else "8"
        if before in ("s", "z") and before:
            return "8"
        return "4" if after and after in "ahkoqux" else "8"
    return _SIMPLE_CODES.get(letter, "")


def cologne_phonetic(word: str) -> str:
    """The Kölner Phonetik code of one word of a name key (lower case a–z)."""
    raw = "".join(_code(word, index) for index in range(len(word)))
    collapsed = "".join(digit for index, digit in enumerate(raw) if index == 0 or digit != raw[index - 1])
    return collapsed[:1] + collapsed[1:].replace("0", "") if collapsed else ""


def phonetic_codes(key: str) -> list[str]:
    """One code per word of the name key, for an indexed array lookup."""
    return [code for code in (cologne_phonetic(part) for part in name_parts(key)) if code]
