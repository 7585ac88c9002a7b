"""The shared table of malformed inputs, ``core/tests/vectors/bad_inputs.json``
(the Rust and JS suites read the same file; schema in the README there).

Every entry for Python goes through the public API as a Python user would
call it and raises the exception class of its family, or, for codes, is
simply a wrong code; no error repeats the secret; afterwards the RFC codes
still come out, so the interpreter is intact.
"""

from __future__ import annotations

import os
from typing import Any, Callable

import pytest
from conftest import RFC_SECRET, documented_error_codes, load

import nidan

FAMILIES: dict[str, type[nidan.NidanError]] = {
    "secret": nidan.SecretError,
    "uri": nidan.UriError,
    "parameter": nidan.ParameterError,
}

# Entries whose rule the documented Python API does not follow, and why.
# The list must name Python entries that exist, so it cannot go stale or
# grow silently. (Float times are not a deviation: the table gives its
# fractional-time entry to JS only, and Python's rule is tested below.)
DEVIATIONS: dict[str, str] = {}

Call = Callable[[], object]


def entries() -> list[Any]:
    entries: list[Any] = load("bad_inputs.json")["entries"]
    return entries


# URIs that the import mode reads, with repairs (the table's `import_repairs`).
IMPORT_REPAIRS = {entry["input"] for entry in entries() if entry.get("import_repairs")}


def test_the_import_mode_repairs_what_the_table_says_it_does() -> None:
    assert len(IMPORT_REPAIRS) >= 4
    for uri in IMPORT_REPAIRS:
        assert nidan.KeyUri.import_uri(uri).repairs, uri


def for_python(entry: Any) -> bool:
    return "python" in entry.get("surfaces", ["python"])


def number(value: Any) -> Any:
    """A JSON number as is; the table's strings as a float (NaN, infinities) or an exact int."""
    if isinstance(value, str):
        return float(value) if value in ("NaN", "Infinity", "-Infinity") else int(value)
    return value


def fixture_secret() -> nidan.Secret:
    return nidan.Secret.from_bytes(RFC_SECRET)


def options(entry_input: Any) -> dict[str, Any]:
    """Keyword options of a config entry: the algorithm as text, the rest as numbers."""
    return {name: value if name == "algorithm" else number(value) for name, value in entry_input.items()}


def generated_from(random_bytes: bytes) -> Call:
    """``Secret.generate`` of that many bytes, with ``os.urandom`` handing out ``random_bytes``."""

    def call() -> object:
        asked: list[int] = []
        real = os.urandom

        def urandom(size: int) -> bytes:
            asked.append(size)
            return random_bytes

        os.urandom = urandom
        try:
            return nidan.Secret.generate(length=len(random_bytes))
        finally:
            os.urandom = real
            assert asked == [len(random_bytes)]

    return call


def secret_base32(text: str) -> list[Call]:
    # Generators read a str secret with the same strict reader.
    return [lambda: nidan.Secret.from_base32(text), lambda: nidan.TOTP(text), lambda: nidan.HOTP(text)]


def time(entry_input: Any) -> list[Call]:
    totp = nidan.TOTP(fixture_secret(), t0=number(entry_input.get("t0", 0)))
    when = number(entry_input["time"])
    return [
        lambda: totp.generate(when),
        lambda: totp.step(when),
        lambda: totp.time_step(when),
        lambda: totp.verify("287082", time=when),
        lambda: totp.check("287082", time=when),
    ]


def window(entry_input: Any) -> list[Call]:
    totp = nidan.TOTP(fixture_secret())
    sides = {"behind": number(entry_input["behind"]), "ahead": number(entry_input["ahead"])}
    return [lambda: totp.verify("287082", time=59, **sides), lambda: totp.check("287082", time=59, **sides)]


def counter(value: Any) -> list[Call]:
    """Every call taking a counter or a step."""
    hotp = nidan.HOTP(fixture_secret())
    totp = nidan.TOTP(fixture_secret())
    return [
        lambda: hotp.generate(value),
        lambda: hotp.verify("287082", counter=value),
        lambda: hotp.to_uri(counter=value),
        lambda: totp.generate_at_step(value),
        lambda: totp.verify("287082", time=59, last_accepted=value),
    ]


# For each kind of entry, the calls that must all refuse its input.
KINDS: dict[str, Callable[[Any], list[Call]]] = {
    "secret_base32": secret_base32,
    "secret_typed": lambda text: [lambda: nidan.Secret.from_typed_base32(text)],
    "secret_bytes": lambda hex_text: [lambda: nidan.Secret.from_bytes(bytes.fromhex(hex_text))],
    "secret_random": lambda hex_text: [generated_from(bytes.fromhex(hex_text))],
    # Both modes: the import mode refuses what it cannot repair, like strict.
    "uri": lambda text: [lambda: nidan.KeyUri.parse(text)]
    + ([] if text in IMPORT_REPAIRS else [lambda: nidan.KeyUri.import_uri(text)]),
    "totp_config": lambda entry_input: [lambda: nidan.TOTP(fixture_secret(), **options(entry_input))],
    "hotp_config": lambda entry_input: [lambda: nidan.HOTP(fixture_secret(), **options(entry_input))],
    "time": time,
    "window": window,
    "look_ahead": lambda value: [
        lambda: nidan.HOTP(fixture_secret()).verify("287082", counter=0, look_ahead=number(value))
    ],
    "counter": lambda value: counter(number(value)),
    "code": lambda code: [],  # checked by rejected_code
}


def rejected_code(code: str) -> list[str]:
    """What is wrong with how the fixture's generators treat ``code``: it must
    be a wrong code for TOTP at time 59 and for HOTP at counter 0, look-ahead 2."""
    totp = nidan.TOTP(fixture_secret())
    problems = []
    if totp.verify(code, time=59) is not None:
        problems.append("TOTP verify accepted it")
    verdict = totp.check(code, time=59)
    if verdict or verdict.accepted or verdict.replayed or verdict.match is not None:
        problems.append(f"TOTP check says {verdict!r}")
    if nidan.HOTP(fixture_secret()).verify(code, counter=0, look_ahead=2) is not None:
        problems.append("HOTP verify accepted it")
    return problems


def secret_texts(entry: Any) -> list[str]:
    """The secret material an error about this entry must not repeat: the
    input of the secret kinds (and its bytes), the ``secret`` of a URI, and
    the fixture secret in every form."""
    texts = [RFC_SECRET.decode(), RFC_SECRET.hex(), fixture_secret().to_base32()]
    entry_input = entry["input"]
    kind = entry["kind"]
    if kind in ("secret_base32", "secret_typed"):
        texts.append(entry_input)
    elif kind in ("secret_bytes", "secret_random"):
        texts += [entry_input, entry_input.upper(), bytes.fromhex(entry_input).decode("latin-1")]
    elif kind == "uri" and "secret=" in entry_input:
        texts.append(entry_input.split("secret=", 1)[1].split("&", 1)[0])
    return texts


def shown(error: BaseException) -> str:
    """Everything an error shows: message, repr and arguments, with its causes."""
    parts = []
    seen: BaseException | None = error
    while seen is not None:
        parts += [str(seen), repr(seen), repr(seen.args)]
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


def leak(error: BaseException, entry: Any) -> str | None:
    """A run of six characters of secret material that the error shows."""
    text = shown(error)
    for secret in secret_texts(entry):
        for start in range(len(secret) - 5):
            if secret[start : start + 6] in text:
                return secret[start : start + 6]
    return None


# The core's documented codes: of each Rust error, and the bindings' own (ArgumentError).
CODES = {error: code for code, error in documented_error_codes()}
ARGUMENT_CODES = {code for code, error in documented_error_codes() if error.startswith("ArgumentError::")}


def code_is_right(entry: Any, index: int, code: object) -> bool:
    """Whether ``code`` is the one the core documents for the entry's Rust
    error (call 1 of a URI is the import mode, whose error the table may give
    apart) or, for an argument Python refuses itself, one of the bindings' own."""
    rust_error = entry.get("rust_error")
    if entry["kind"] == "uri" and index == 1:
        rust_error = entry.get("import_rust_error", rust_error)
    if rust_error is None:
        return code in ARGUMENT_CODES
    return code == CODES[rust_error.split(" ")[0]]


def problems_of(entry: Any) -> list[str]:
    """What is wrong with how Python treats one entry; empty when all is right."""
    if entry["family"] == "none":
        return rejected_code(entry["input"])
    expected = FAMILIES[entry["family"]]
    problems = []
    for index, call in enumerate(KINDS[entry["kind"]](entry["input"])):
        try:
            call()
        except BaseException as error:  # a PanicException is a BaseException
            if not isinstance(error, expected):
                problems.append(f"call {index}: {type(error).__name__}: {error}, expected {expected.__name__}")
            elif not code_is_right(entry, index, getattr(error, "code", None)):
                wanted = entry.get("rust_error", "an argument")
                problems.append(f"call {index}: code {getattr(error, 'code', None)}, expected that of {wanted}")
            found = leak(error, entry)
            if found is not None:
                problems.append(f"call {index}: the error shows {found!r}: {error}")
        else:
            problems.append(f"call {index}: accepted, expected {expected.__name__}")
    return problems


def test_every_entry_gets_its_exception_class_and_the_interpreter_survives() -> None:
    failures = []
    checked = 0
    for entry in entries():
        if not for_python(entry) or entry["id"] in DEVIATIONS:
            continue
        try:
            problems = problems_of(entry)
        except BaseException as error:  # a fixture call failed: as bad as a wrong class
            problems = [f"{type(error).__name__}: {error}"]
        failures += [f"{entry['id']}: {problem}" for problem in problems]
        checked += 1
    assert failures == [], "\n".join(failures)
    assert checked >= 130, f"only {checked} entries for Python"
    still_computes_the_rfc_codes()


def still_computes_the_rfc_codes() -> None:
    hotp = nidan.HOTP(fixture_secret())
    for row in load("rfc4226_hotp.json")["vectors"]:
        assert hotp.generate(row["counter"]) == row["hotp_6"]
    for row in load("rfc6238_totp.json")["vectors"]:
        totp = nidan.TOTP(nidan.Secret.from_bytes(row["seed_ascii"].encode()), algorithm=row["mode"], digits=8)
        assert totp.generate(row["unix_time"]) == row["totp_8"]


def test_the_fixture_is_what_the_table_says() -> None:
    fixture = load("bad_inputs.json")["fixture"]
    totp = nidan.TOTP(nidan.Secret.from_bytes(fixture["secret_ascii"].encode()))
    for step, code in [(0, "755224"), (1, "287082"), (2, "359152")]:
        found = totp.verify(code, time=fixture["time"])
        assert found is not None and found.step == step
    found = nidan.HOTP(fixture_secret()).verify("359152", counter=0, look_ahead=2)
    assert found is not None and found.step == 2


def test_every_kind_has_calls_and_every_deviation_is_a_python_entry() -> None:
    table = entries()
    kinds = {entry["kind"] for entry in table}
    assert kinds == set(KINDS), f"kinds without calls here: {kinds - set(KINDS)}"
    python_ids = {entry["id"] for entry in table if for_python(entry)}
    assert set(DEVIATIONS) <= python_ids


def test_fractional_times_are_rounded_down_as_documented() -> None:
    (entry,) = [entry for entry in entries() if entry["id"] == "time-fraction"]
    assert not for_python(entry)
    fraction = 59.5
    totp = nidan.TOTP(fixture_secret())
    whole = int(fraction)
    assert totp.generate(fraction) == totp.generate(whole)
    assert totp.time_step(fraction) == totp.time_step(whole)
    assert totp.verify(totp.generate(whole), time=fraction) == totp.verify(totp.generate(whole), time=whole)


@pytest.mark.parametrize("text", ["JBSWY3DPEHPK3PX1", "12345678901234567890"])
def test_leaks_are_detected(text: str) -> None:
    # The leak check itself can fail: an error repeating the input is caught.
    entry = {"kind": "secret_base32", "input": text}
    assert leak(ValueError(f"bad secret {text[2:10]}"), entry) is not None
    assert leak(ValueError("bad secret"), entry) is None
