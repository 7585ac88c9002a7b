"""The Python code in the package README and the repository README runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
ROOT_README = Path(__file__).resolve().parents[2] / "README.md"


def python_blocks(readme: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.DOTALL)


BLOCKS = python_blocks(README) + python_blocks(ROOT_README)


def test_readme_has_python_examples() -> None:
    assert len(python_blocks(README)) >= 3
    assert len(python_blocks(ROOT_README)) >= 1


@pytest.mark.parametrize("block", BLOCKS)
def test_readme_block_runs(block: str) -> None:
    result = subprocess.run([sys.executable, "-c", block], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
