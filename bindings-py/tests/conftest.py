"""Shared helpers: the JSON vectors that the Rust and JS suites read too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

VECTORS = Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors"
RFC_SECRET = b"12345678901234567890"


def load(name: str) -> Any:
    """One vector file from ``core/tests/vectors/``, parsed."""
    with open(VECTORS / name, encoding="utf-8") as file:
        return json.load(file)


def scenario(identifier: str) -> Any:
    """One scenario of ``verification_scenarios.json`` by its id."""
    scenarios = load("verification_scenarios.json")["scenarios"]
    return next(s for s in scenarios if s["id"] == identifier)
