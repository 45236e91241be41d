"""Vietnamese administrative-document parser: clean text and read its metadata.

Pure functions over text; the only files read are this package's own data tables.
"""

from __future__ import annotations

from .hygiene import clean_text
from .parser import parse, read

PARSER_VERSION = "1.3"

__all__ = ["PARSER_VERSION", "clean_text", "parse", "read"]
