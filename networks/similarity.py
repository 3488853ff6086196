"""Trigram similarity of names, computed like PostgreSQL's pg_trgm (which the embedded
PostgreSQL does not ship): words padded with two blanks in front and one behind, then
|shared trigrams| / |all trigrams|."""

import re

SIMILARITY_THRESHOLD = 0.45  # a little stricter than pg_trgm's 0.3: fewer false alarms on short names


def trigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for word in re.findall(r"\w+", text.lower()):
        padded = f"  {word} "
        grams.update(padded[index : index + 3] for index in range(len(padded) - 2))
    return grams


def similarity(first: str, second: str) -> float:
    a, b = trigrams(first), trigrams(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similar_names(name: str, candidates, threshold: float = SIMILARITY_THRESHOLD) -> list[tuple[str, float]]:
    scored = [(candidate, similarity(name, candidate)) for candidate in candidates]
    return sorted(
        [(candidate, score) for candidate, score in scored if score >= threshold and candidate != name],
        key=lambda pair: -pair[1],
    )
