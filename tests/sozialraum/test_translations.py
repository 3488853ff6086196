"""The German catalogue is complete: every message id has a translation, none is fuzzy,
and the compiled .mo file is not older than its .po source."""

import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "de" / "LC_MESSAGES"


def entries(text: str):
    for block in text.split("\n\n"):
        if re.search(r"^msgid ", block, re.MULTILINE):
            yield block


def test_every_message_is_translated_and_none_is_fuzzy():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    untranslated, fuzzy = [], []
    for block in list(entries(text))[1:]:  # the first block is the header
        msgid = re.search(r'^msgid "(.*)"', block, re.MULTILINE).group(1)
        if "#, fuzzy" in block:
            fuzzy.append(msgid)
        translations = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.MULTILINE)
        if any(not (first or rest.strip()) for first, rest in translations):
            untranslated.append(msgid)
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


def test_compiled_catalogue_is_current():
    assert (LOCALE / "django.mo").stat().st_mtime >= (LOCALE / "django.po").stat().st_mtime - 1
