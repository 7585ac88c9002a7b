"""Shared helpers: the JSON vectors that the Rust and JS suites read too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORE = Path(__file__).resolve().parents[2] / "core"
VECTORS = CORE / "tests" / "vectors"
RFC_SECRET = b"12345678901234567890"


def load(name: str) -> Any:
    """One vector file from ``core/tests/vectors/``, parsed."""
    with open(VECTORS / name, encoding="utf-8") as file:
        return json.load(file)


def scenario(identifier: str) -> Any:
    """One scenario of ``verification_scenarios.json`` by its id."""
    scenarios = load("verification_scenarios.json")["scenarios"]
    return next(s for s in scenarios if s["id"] == identifier)


def documented_error_codes() -> list[tuple[str, str]]:
    """The table of error codes in the core's documentation of ``Error``
    (``core/src/error.rs``), read as written: ``(code, error)`` rows in order,
    where ``error`` is a variant name (``SecretEmpty``) or ``ArgumentError::Variant``."""
    rows = []
    with open(CORE / "src" / "error.rs", encoding="utf-8") as file:
        for line in file:
            row = line.strip().removeprefix("/// | `")
            if row != line.strip():
                code, error = row.split(" | ")[:2]
                rows.append((code.strip("`"), error.split("`")[1]))
    return rows
