"""Runs pyotp's own test suite (``test.py`` from its source distribution)
against nidan.pyotp: ``python pyotp_upstream.py path/to/test.py``.

pyotp's modules are aliased to nidan.pyotp's before the suite is loaded, so
its ``import pyotp`` and its ``patch("pyotp.totp.time.time")`` reach nidan.
"""

from __future__ import annotations

import importlib.util
import sys
import unittest
from pathlib import Path

import nidan.pyotp


def main(test_file: str) -> int:
    nidan.pyotp.install()
    spec = importlib.util.spec_from_file_location("pyotp_upstream_test", test_file)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {test_file}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    result = unittest.TextTestRunner(verbosity=1).run(suite)

    package = Path(nidan.pyotp.__file__).resolve().parent
    strays = [
        name
        for name, loaded in sys.modules.items()
        if (name == "pyotp" or name.startswith("pyotp."))
        and not Path(getattr(loaded, "__file__", "") or "").resolve().is_relative_to(package)
    ]
    if strays:
        print(f"pyotp modules not from nidan.pyotp were loaded: {strays}", file=sys.stderr)
        return 1
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    print(f"pyotp test.py against nidan.pyotp: {result.testsRun - failed} passed, {failed} failed")
    return 0 if result.testsRun > 0 and result.wasSuccessful() else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1]))
