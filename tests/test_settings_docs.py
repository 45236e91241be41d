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


def test_only_the_settings_read_the_environment() -> None:
    """Settings are declared once: no other module reads HOSO_* (or any variable) itself."""
    root = README.parent
    readers = []
    for package in ("archive", "cli", "ingest", "search", "storage", "web"):
        for path in sorted((root / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if any(word in text for word in ("os.environ", "getenv(", "from_prefixed_env")):
                readers.append(str(path.relative_to(root)))
    assert readers == ["archive/settings.py"], readers
