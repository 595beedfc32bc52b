"""The demo services' search terms: keywords and synonyms per service slug,
the words citizens type ("padró", "empadronarme", "empadronamiento")."""

TERMS: dict[str, dict[str, str]] = {}
