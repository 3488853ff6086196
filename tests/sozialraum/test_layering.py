"""Dependencies point one way at run time too (DESIGN §3): a lower layer names no page, URL or
template of a higher one; higher apps register into its hooks instead. (Imports are checked
by import-linter in `make lint`.)"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["sozialraum", "districts", "networks", "cases", "budgets", "meetings", "reports", "demo"]
# The project's own templates (base layout, navigation, start page, login) belong to sozialraum.
PROJECT_TEMPLATES = [
    *(ROOT / "templates").glob("*.html"),
    *(ROOT / "templates" / "includes").glob("*.html"),
    *(ROOT / "templates" / "registration").glob("*.html"),
    *(ROOT / "templates" / "pdf").glob("*"),
]


def files_of(layer: str) -> list[Path]:
    files = [path for path in (ROOT / layer).rglob("*.py") if "migrations" not in path.parts]
    if layer == "sozialraum":
        return files + PROJECT_TEMPLATES
    return files + list((ROOT / "templates" / layer).rglob("*.*"))


def test_no_layer_names_a_url_or_template_of_a_higher_layer():
    offences = []
    for index, layer in enumerate(LAYERS):
        higher = LAYERS[index + 1 :]
        if not higher:
            continue
        names = "|".join(higher)
        pattern = re.compile(rf"""["']({names})[:/]""")
        for path in files_of(layer):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if pattern.search(line):
                    offences.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert offences == []
