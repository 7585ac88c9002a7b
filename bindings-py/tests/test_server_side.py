"""The server side (Login, Record, RecoveryCodes, DeliveredCode) against
``server_side.json``, the vectors the Rust and JS suites read too."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import RFC_SECRET, load

import nidan

VECTORS = load("server_side.json")
TOTP = nidan.TOTP(nidan.Secret.from_bytes(RFC_SECRET))
PEPPER = bytes.fromhex(VECTORS["recovery"]["pepper_hex"])


def login_for(policy: dict[str, int]) -> nidan.Login:
    return nidan.Login(**policy)


def assert_fields(record: nidan.Record, fields: dict[str, Any]) -> None:
    assert record.version == fields["version"]
    assert record.last_step == fields["last_step"]
    assert record.failures == fields["failures"]
    assert record.last_failure == fields["last_failure"]
    assert record.drift == fields["drift"]


@pytest.mark.parametrize("scenario", VECTORS["login"], ids=lambda s: str(s["name"]))
def test_login_scenarios_decide_as_the_model(scenario: dict[str, Any]) -> None:
    login = login_for(scenario["policy"])
    record = nidan.Record()
    for entry in scenario["attempts"]:
        if "action" in entry:
            record = record.reset_failures() if entry["action"] == "reset_failures" else record.restart()
        else:
            attempt = login.attempt(TOTP, record, entry["code"], time=entry["time"])
            assert attempt.kind == entry["outcome"], entry
            assert bool(attempt) == (entry["outcome"] == "accepted")
            if entry["outcome"] == "accepted":
                assert (attempt.step, attempt.drift) == (entry["step"], entry["drift"])
            if entry["outcome"] == "throttled":
                assert attempt.wait_seconds == entry["wait_seconds"]
            if attempt.record is None:
                assert entry["outcome"] in ("replayed", "throttled", "locked")
                continue
            record = attempt.record
        assert record.to_text() == entry["record"]
        assert nidan.Record.from_text(entry["record"]) == record
        assert_fields(record, entry["fields"])


def test_stored_records_read_or_fail_with_the_model_messages() -> None:
    for entry in VECTORS["records"]["valid"]:
        record = nidan.Record.from_text(entry["text"])
        assert_fields(record, entry["fields"])
        assert record.to_bytes() == bytes.fromhex(entry["hex"])
        assert nidan.Record.from_bytes(bytes.fromhex(entry["hex"])) == record
    for entry in VECTORS["records"]["invalid"]:
        with pytest.raises(nidan.ParameterError) as caught:
            nidan.Record.from_text(entry["text"])
        assert str(caught.value) == entry["error"], entry["why"]


def test_recovery_codes_as_the_model_makes_and_redeems_them() -> None:
    case = VECTORS["recovery"]
    codes, printed = nidan.RecoveryCodes.from_random(bytes.fromhex(case["random_hex"]), pepper=PEPPER, count=case["count"])
    assert printed == case["codes"]
    assert codes.to_text() == case["text"]
    for entry in case["redeem"]:
        pepper = bytes.fromhex(entry["pepper_hex"]) if "pepper_hex" in entry else PEPPER
        redeemed = codes.redeem(entry["typed"], pepper=pepper)
        if entry["outcome"] == "accepted":
            assert redeemed is not None, entry
            assert redeemed.remaining == entry["remaining"]
            assert redeemed.to_text() == entry["text"]
            assert nidan.RecoveryCodes.from_text(entry["text"]) == redeemed
            codes = redeemed
        else:
            assert redeemed is None, entry
    for entry in case["invalid"]:
        with pytest.raises(nidan.ParameterError, match="^stored recovery codes cannot be read: "):
            nidan.RecoveryCodes.from_text(entry["text"])


@pytest.mark.parametrize("case", VECTORS["delivered"], ids=lambda c: str(c["name"]))
def test_delivered_codes_as_the_model_makes_and_checks_them(case: dict[str, Any]) -> None:
    stored, code = nidan.DeliveredCode.from_random(
        bytes.fromhex(case["random_hex"]),
        pepper=PEPPER,
        time=case["time"],
        digits=case["digits"],
        lifetime=case["lifetime"],
        max_attempts=case["max_attempts"],
    )
    assert code == case["code"]
    assert stored.to_text() == case["text"]
    for entry in case["checks"]:
        confirmation = stored.check(entry["typed"], pepper=PEPPER, time=entry["time"])
        assert confirmation.kind == entry["outcome"], entry
        if entry["outcome"] == "rejected":
            assert confirmation.attempts_left == entry["attempts_left"]
        if confirmation.code is not None:
            assert confirmation.code.to_text() == entry["text"]
            stored = confirmation.code
        assert nidan.DeliveredCode.from_text(stored.to_text()) == stored


def test_recovery_goes_through_the_login_throttle() -> None:
    login = nidan.Login(factor=10, max_wait=100, max_failures=2)
    codes, printed = nidan.RecoveryCodes.generate(pepper=PEPPER, count=3)
    assert len(printed) == 3 and codes.remaining == 3
    wrong = login.recover(nidan.Record(), codes, "2222-3333-4444", pepper=PEPPER, time=50)
    assert wrong.kind == "rejected" and wrong.record is not None and not wrong
    held = login.recover(wrong.record, codes, printed[1], pepper=PEPPER, time=55)
    assert (held.kind, held.wait_seconds) == ("throttled", 5)
    right = login.recover(wrong.record, codes, printed[1].lower(), pepper=PEPPER, time=60)
    assert right and right.remaining == 2 and right.codes is not None and right.record is not None
    assert right.record.failures == 0
    again = login.recover(right.record, right.codes, printed[1], pepper=PEPPER, time=61)
    assert again.kind == "rejected"


def test_settings_and_arguments_are_checked() -> None:
    with pytest.raises(nidan.ParameterError, match="max_failures must be from 1 to 100"):
        nidan.Login(max_failures=101)
    with pytest.raises(nidan.ParameterError, match="max_learned drift"):
        nidan.Login(max_learned=1000)
    with pytest.raises(nidan.ParameterError, match="must not be negative"):
        nidan.Login(factor=-1)
    with pytest.raises(nidan.SecretError, match="at least 128"):
        nidan.RecoveryCodes.generate(pepper=b"short")
    with pytest.raises(TypeError, match="pepper must be bytes"):
        nidan.RecoveryCodes.generate(pepper="a str pepper of enough length")  # type: ignore[arg-type]
    with pytest.raises(nidan.ParameterError, match="number of recovery codes"):
        nidan.RecoveryCodes.generate(pepper=PEPPER, count=0)
    with pytest.raises(nidan.ParameterError, match="lifetime"):
        nidan.DeliveredCode.generate(pepper=PEPPER, lifetime=0)
    with pytest.raises(nidan.ParameterError, match="random input is too short: 24 bytes"):
        nidan.DeliveredCode.from_random(b"\0" * 23, pepper=PEPPER)
    with pytest.raises(TypeError):
        nidan.Record.from_bytes("not bytes")  # type: ignore[arg-type]
    assert nidan.Login().delay(3) == 4


def test_reprs_show_state_never_codes() -> None:
    codes, printed = nidan.RecoveryCodes.generate(pepper=PEPPER)
    stored, code = nidan.DeliveredCode.generate(pepper=PEPPER, time=0)
    shown = repr(codes) + repr(stored) + repr(stored.check("000000", pepper=PEPPER, time=1))
    assert repr(codes) == "RecoveryCodes(count=10, remaining=10, version=0)"
    assert code not in shown and not any(p[:4] in shown for p in printed)
    assert repr(nidan.Record()) == "Record(version=0, last_step=None, failures=0, last_failure=None, drift=0)"
    accepted = nidan.Login().attempt(TOTP, nidan.Record(), "050471", time=1111111111)
    assert repr(accepted) == "Attempt.accepted(step=37037037, drift=0)"
    assert repr(nidan.Login()) == "Login(behind=1, ahead=1, max_learned=4, factor=1, max_wait=900, max_failures=100)"
