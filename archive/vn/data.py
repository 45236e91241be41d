"""Read the parser's own data files (type table, award forms, legacy encodings, names)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """Return the parsed JSON data file ``name`` shipped inside this package."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


def names() -> dict[str, Any]:
    """Return the table of official-form words (names.json)."""
    return load("names.json")
