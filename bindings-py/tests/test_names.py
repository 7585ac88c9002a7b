"""The repository README's names table, Python column: every name in it
exists on the `nidan` package, and every name the package exports is in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import nidan

ROOT_README = Path(__file__).resolve().parents[2] / "README.md"
HEADING = "## Names across Rust, Python and JavaScript"


def column(header: str) -> list[str]:
    """The names in backticks of one column of the table, in order."""
    text = ROOT_README.read_text(encoding="utf-8")
    table = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    index = [cell.strip() for cell in rows[0].split("|")].index(header)
    return [name for row in rows[1:] for name in re.findall(r"`([^`]+)`", row.split("|")[index])]


NAMES = column("Python")


def test_the_table_has_python_names() -> None:
    assert len(NAMES) > 50


def raised_error() -> nidan.NidanError:
    """An exception as nidan raises it, for its instance attributes (``code``)."""
    try:
        nidan.Secret.from_base32("!")
    except nidan.NidanError as error:
        return error
    raise AssertionError("nidan.Secret.from_base32('!') raised nothing")


# Names that exist on instances only, looked up on one.
SAMPLES: dict[str, object] = {"NidanError": raised_error()}


@pytest.mark.parametrize("name", sorted(set(NAMES)))
def test_name_exists(name: str) -> None:
    owner, *members = name.split(".")
    found: object = getattr(nidan, owner, None)
    for part in members:
        found = getattr(found, part, getattr(SAMPLES.get(owner), part, None))
    assert found is not None, f"the README's table names nidan.{name}, which does not exist"


def test_every_export_is_in_the_table() -> None:
    shown = {name.split(".")[0] for name in NAMES}
    assert set(nidan.__all__) - shown == set()
