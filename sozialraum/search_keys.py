"""Search keys for German text: "Müller", "Mueller" and "MÜLLER" are the same name, "Frühstück"
and "fruehstueck" the same word; Kölner Phonetik for names that sound alike.

`search_key` works in Python (search input, names on save); `search_key_sql` states the same
rule as a database expression, for generated columns that bulk inserts keep current too."""

import re
import unicodedata

SPELLED_OUT_PAIRS = [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")]
# Letters Unicode does not decompose into letter + accent.
OWN_LETTERS = {"ı": "i", "ł": "l", "ø": "o", "đ": "d"}
SPELLED_OUT = str.maketrans({**dict(SPELLED_OUT_PAIRS), **OWN_LETTERS})
# The accented letters of names common here (Turkish, Polish, French, ...) and their plain
# forms, for the SQL side; Python drops accents by Unicode decomposition (same result).
ACCENTED = "áàâãåçćčéèêëğíìîïıłńñóòôõøśşšúùûýźżžđ"
PLAIN = "aaaaaccceeeegiiiiilnnooooosssuuuyzzzd"


def search_key(text: str) -> str:
    lowered = text.lower().translate(SPELLED_OUT)
    # Other accents (é, ç, ş) are dropped: "Şahin" matches "Sahin".
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


# Names are the most common use; the same rule.
def name_key(text: str) -> str:
    return search_key(text)


def search_key_sql(expression):
    """search_key in SQL (immutable, so usable in a generated column): lower case, umlauts and ß
    spelled out, the accents of names from other languages dropped."""
    from django.db.models import Func, TextField, Value
    from django.db.models.functions import Lower, Replace

    def text(value: str) -> Value:
        return Value(value, output_field=TextField())

    spelled = Lower(expression, output_field=TextField())
    for letter, spelling in SPELLED_OUT_PAIRS:
        spelled = Replace(spelled, text(letter), text(spelling), output_field=TextField())
    return Func(spelled, text(ACCENTED), text(PLAIN), function="translate", output_field=TextField())


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
