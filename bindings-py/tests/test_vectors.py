"""The shared vectors (RFC 4226, RFC 6238, base32 cases, verification
scenarios), read by the native API exactly as the core's tests read them."""

from __future__ import annotations

import pytest
from conftest import RFC_SECRET, load, scenario

import nidan


def test_rfc4226_appendix_d_for_6_7_and_8_digits() -> None:
    table = load("rfc4226_hotp.json")
    secret = nidan.Secret.from_bytes(table["secret_ascii"].encode())
    assert nidan.Secret.from_base32(table["secret_base32"]) == secret
    assert len(table["vectors"]) == 10
    for digits in (6, 7, 8):
        hotp = nidan.HOTP(secret, digits=digits)
        for row in table["vectors"]:
            assert hotp.generate(row["counter"]) == row[f"hotp_{digits}"]


def test_steam_guard_codes() -> None:
    table = load("steam.json")
    for row in table["totp"]:
        totp = nidan.TOTP(row["secret_base32"], digits=5, format="steam")
        assert (totp.format, totp.digits) == ("steam", 5)
        assert "format='steam'" in repr(totp)
        assert totp.generate(row["unix_time"]) == row["code"]
        found = totp.verify(row["code"], time=row["unix_time"], behind=0, ahead=0)
        assert found is not None and found.step == row["step"]
        assert totp.verify(row["code"].lower(), time=row["unix_time"]) is None
    hotp = nidan.HOTP(nidan.Secret.from_bytes(table["hotp"]["secret_ascii"].encode()), digits=5, format="STEAM")
    for row in table["hotp"]["vectors"]:
        assert hotp.generate(row["counter"]) == row["code"]
    assert nidan.HOTP(nidan.Secret.from_bytes(RFC_SECRET)).format == "decimal"
    with pytest.raises(nidan.ParameterError, match="digits"):
        nidan.TOTP(table["totp"][0]["secret_base32"], format="steam")
    with pytest.raises(nidan.ParameterError, match="format must be decimal or steam"):
        nidan.TOTP(nidan.Secret.from_bytes(RFC_SECRET), format="hex")
    with pytest.raises(TypeError):
        nidan.TOTP(nidan.Secret.from_bytes(RFC_SECRET), format=5)  # type: ignore[arg-type]


def test_rfc6238_appendix_b_every_row() -> None:
    table = load("rfc6238_totp.json")
    assert len(table["vectors"]) == 18
    for row in table["vectors"]:
        secret = nidan.Secret.from_bytes(row["seed_ascii"].encode())
        for digits in (8, 6):
            totp = nidan.TOTP(secret, algorithm=row["mode"], digits=digits)
            assert totp.step(row["unix_time"]) == row["T_decimal"]
            assert totp.generate(row["unix_time"]) == row[f"totp_{digits}"], row


def test_rfc6238_seeds_in_base32() -> None:
    for seed in load("rfc6238_totp.json")["seeds"].values():
        secret = nidan.Secret.from_base32(seed["base32_unpadded"])
        assert secret.to_bytes() == bytes.fromhex(seed["hex"])
        assert secret.to_base32() == seed["base32_unpadded"]


def test_the_20_byte_seed_bug_is_not_reproduced() -> None:
    for row in load("rfc6238_totp.json")["negative_wrong_seed_vectors"]:
        wrong = nidan.TOTP(nidan.Secret.from_bytes(row["seed_ascii"].encode()), algorithm=row["mode"], digits=8)
        assert wrong.generate(row["unix_time"]) == row["totp_8"]
        length = 32 if row["mode"] == "SHA256" else 64
        right_seed = (b"1234567890" * 7)[:length]
        right = nidan.TOTP(nidan.Secret.from_bytes(right_seed), algorithm=row["mode"], digits=8)
        assert right.generate(row["unix_time"]) != row["totp_8"]


# What each kind of strict-reader error says.
BASE32_ERRORS = {
    "non-alphabet": "not in the alphabet",
    "impossible length": "cannot come from whole bytes",
    "wrong padding": "padding",
    "non-canonical": "bits set past the final byte",
}


@pytest.mark.parametrize("case", load("base32_cases.json")["cases"], ids=lambda case: case["id"])
def test_base32_case_strict_reader(case: dict[str, object]) -> None:
    text = str(case["input"])
    if case["strict_result"] == "ok":
        if case["bytes"] == 0:
            with pytest.raises(nidan.SecretError, match="empty"):
                nidan.Secret.from_base32(text, allow_short=True)
            return
        secret = nidan.Secret.from_base32(text, allow_short=True)
        assert secret.to_bytes() == bytes.fromhex(str(case["hex"]))
        assert secret.byte_len == case["bytes"]
        if secret.byte_len < nidan.Secret.MIN_BYTES:
            with pytest.raises(nidan.SecretError, match="at least 80"):
                nidan.Secret.from_base32(text)
        else:
            assert nidan.Secret.from_base32(text) == secret
    else:
        fragment = next(v for k, v in BASE32_ERRORS.items() if str(case["error"]).startswith(k))
        with pytest.raises(nidan.SecretError, match=fragment):
            nidan.Secret.from_base32(text, allow_short=True)


def test_base32_cases_typed_reader() -> None:
    cases = {case["id"]: case["input"] for case in load("base32_cases.json")["cases"]}
    hello = bytes.fromhex("48656c6c6f21deadbeef")
    for identifier in ("hyphens", "spaces", "non-ascii-fullwidth"):
        assert nidan.Secret.from_typed_base32(cases[identifier]).to_bytes() == hello
    for identifier in ("digit-one", "digit-zero", "nul-byte", "impossible-length-3", "26char-128bit-noncanonical"):
        with pytest.raises(nidan.SecretError):
            nidan.Secret.from_typed_base32(cases[identifier])


def rfc_totp(digits: int = 6) -> nidan.TOTP:
    return nidan.TOTP(nidan.Secret.from_bytes(RFC_SECRET), digits=digits)


def test_scenario_window_of_one_step_each_way() -> None:
    s = scenario("totp-window-skew1")
    totp = rfc_totp()
    for step_text, code in s["codes_by_step"].items():
        step = int(step_text)
        assert totp.generate_at_step(step) == code
        found = totp.verify(code, time=s["verifier_time"])
        if step in s["expect"]["accept_steps"]:
            assert found is not None
            assert (found.step, found.drift) == (step, step - s["T"])
        else:
            assert found is None
            assert not totp.check(code, time=s["verifier_time"]).replayed


def test_scenario_replay_is_refused_by_step() -> None:
    totp = rfc_totp()
    last_accepted = None
    for attempt in scenario("totp-replay-same-step")["sequence"]:
        verdict = totp.check(attempt["code"], time=attempt["time"], last_accepted=last_accepted)
        # verify() agrees with check(): a Match exactly when accepted.
        found = totp.verify(attempt["code"], time=attempt["time"], last_accepted=last_accepted)
        assert (found is not None) == verdict.accepted
        if attempt["expect"] == "accept":
            assert verdict and verdict.match is not None
            assert verdict.match.step == attempt["matched_step"]
            last_accepted = verdict.match.step
        elif attempt["expect"] == "reject_replay":
            assert verdict.replayed and not verdict and verdict.match is not None
        else:
            assert not verdict and not verdict.replayed and verdict.match is None


def test_scenario_window_is_clipped_at_step_zero() -> None:
    s = scenario("totp-window-at-epoch-start")
    totp = rfc_totp()
    for step, code in s["codes_by_step"].items():
        found = totp.verify(code, time=s["verifier_time"])
        assert found is not None and found.step == int(step)
    wrapped = s["code_at_wrapped_counter_2^64-1"]
    assert totp.generate_at_step(2**64 - 1) == wrapped
    assert totp.verify(wrapped, time=s["verifier_time"]) is None


def test_scenario_time_before_t0_is_an_error() -> None:
    totp = nidan.TOTP(nidan.Secret.from_bytes(RFC_SECRET), t0=100)
    with pytest.raises(nidan.ParameterError, match="before the TOTP epoch"):
        totp.generate(99)
    with pytest.raises(nidan.ParameterError, match="before the TOTP epoch"):
        totp.verify("123456", time=99)
    assert totp.generate(100) == rfc_totp().generate(0)
    assert totp.step(100 + 30) == 1


def test_scenario_times_beyond_32_bits() -> None:
    s = scenario("totp-large-time-64bit")
    totp = rfc_totp(8)
    assert totp.step(s["verifier_time"]) == int(s["T_hex"], 16)
    assert totp.generate(s["verifier_time"]) == s["code"]
    assert totp.verify(s["code"], time=s["verifier_time"]) is not None


def test_scenario_hotp_look_ahead_and_resynchronisation() -> None:
    s = scenario("hotp-lookahead")
    hotp = nidan.HOTP(nidan.Secret.from_bytes(RFC_SECRET))
    for counter, code in s["codes_by_counter"].items():
        assert hotp.generate(int(counter)) == code
    counter = s["server_counter"]
    for attempt in s["sequence"]:
        found = hotp.verify(attempt["code"], counter=counter, look_ahead=s["lookahead_s"] - 1)
        if attempt["expect"] == "accept":
            assert found is not None
            assert found.step == attempt["matched_counter"]
            assert found.next_counter == attempt["new_server_counter"]
            counter = found.next_counter
        else:
            assert found is None


def test_scenario_code_input_format_is_strict() -> None:
    s = scenario("code-input-format")
    hotp = nidan.HOTP(nidan.Secret.from_bytes(RFC_SECRET))
    for case in s["cases"]:
        found = hotp.verify(case["input"], counter=s["hotp_counter"])
        assert (found is not None) == (case["expect"] == "accept"), case
        if case["expect"] == "reject_or_normalise_in_UI":
            normalised = nidan.normalize_code(case["input"])
            assert normalised is not None
            assert hotp.verify(normalised, counter=s["hotp_counter"]) is not None
