"""Language names as staff type them for offers ("Deutsch", "Türkisch") and their ISO 639 codes,
for the HSDS export. ISO 639-1 where there is one, ISO 639-3 otherwise (Dari, the German sign
language). A name that is not listed is exported without a code rather than with a guess."""

from sozialraum.search_keys import search_key

ISO_639 = {
    "Albanisch": "sq",
    "Amharisch": "am",
    "Arabisch": "ar",
    "Bosnisch": "bs",
    "Bulgarisch": "bg",
    "Chinesisch": "zh",
    "Dari": "prs",
    "Deutsch": "de",
    "Deutsche Gebärdensprache": "gsg",
    "Gebärdensprache": "gsg",
    "Englisch": "en",
    "Farsi": "fa",
    "Persisch": "fa",
    "Französisch": "fr",
    "Griechisch": "el",
    "Hindi": "hi",
    "Italienisch": "it",
    "Kroatisch": "hr",
    "Kurdisch": "ku",
    "Leichte Sprache": "de",
    "Kurmandschi": "kmr",
    "Mazedonisch": "mk",
    "Paschtu": "ps",
    "Polnisch": "pl",
    "Portugiesisch": "pt",
    "Romanes": "rom",
    "Rumänisch": "ro",
    "Russisch": "ru",
    "Serbisch": "sr",
    "Slowakisch": "sk",
    "Somali": "so",
    "Spanisch": "es",
    "Tamil": "ta",
    "Tigrinya": "ti",
    "Tschechisch": "cs",
    "Türkisch": "tr",
    "Ukrainisch": "uk",
    "Ungarisch": "hu",
    "Urdu": "ur",
    "Vietnamesisch": "vi",
}
_BY_KEY = {search_key(name): code for name, code in ISO_639.items()}


def iso_639_code(name: str) -> str | None:
    """The code of a language typed in German, in any case and with or without umlauts."""
    return _BY_KEY.get(search_key(name.strip()))
