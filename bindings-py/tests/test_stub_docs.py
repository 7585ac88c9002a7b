"""The stub's docstrings are the native module's, which pyo3 takes from the
Rust doc comments: one source (``scripts/stub-docs`` copies them over)."""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType

import nidan

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "stub-docs"
# The stub installed with the package: what editors read.
INSTALLED_STUB = Path(nidan.__file__).parent / "_native.pyi"


def stub_docs() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("stub_docs", str(SCRIPT))
    spec = importlib.util.spec_from_loader("stub_docs", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_the_installed_stub_has_the_modules_docstrings() -> None:
    stale = stub_docs().differences(INSTALLED_STUB.read_text(encoding="utf-8"))
    assert [".".join(path) for path, _, _ in stale] == []


def test_every_documented_name_of_the_module_is_in_the_stub() -> None:
    tool = stub_docs()
    names = {".".join(path) for path, _ in tool.documented(ast.parse(INSTALLED_STUB.read_text(encoding="utf-8")))}
    for name in nidan.__all__:
        assert name in names, f"{name} is missing from the stub"
    for path in ["TOTP.verify", "HOTP.verify", "Secret.from_base32", "Match.step", "KeyUri.to_hotp"]:
        assert path in names and tool.runtime_doc(path.split(".")), path


def test_the_check_fails_on_a_changed_docstring_and_the_rewrite_restores_it() -> None:
    tool = stub_docs()
    source = INSTALLED_STUB.read_text(encoding="utf-8")
    doc = tool.runtime_doc(["TOTP", "verify"])
    assert doc is not None and doc.split("\n")[0] in source
    changed = source.replace(doc.split("\n")[0], "Something else entirely.", 1)
    assert [".".join(path) for path, _, _ in tool.differences(changed)] == ["TOTP.verify"]
    assert tool.differences(tool.rewrite(changed)) == []
    # A stub entry without a docstring gets one.
    bare = source.replace('    def to_bytes(self) -> bytes:\n        """The raw key bytes. This exposes the secret."""', "    def to_bytes(self) -> bytes: ...")
    assert bare != source and [".".join(p) for p, _, _ in tool.differences(bare)] == ["Secret.to_bytes"]
    assert tool.rewrite(bare) == source
