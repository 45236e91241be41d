"""Every setting is documented in the README, under the name people type."""

from dataclasses import fields
from pathlib import Path

from archive.settings import HELP, Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_in_the_readme_and_has_help() -> None:
    text = README.read_text(encoding="utf-8")
    for field in fields(Settings):
        assert f"HOSO_{field.name.upper()}" in text, field.name
        assert field.name in HELP, field.name
