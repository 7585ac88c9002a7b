"""Copies and pickles: every class is immutable, so copies are the object
itself; the value types (``Match``, ``Verdict``, ``TimeStep``) pickle and come
back equal, also from a process pool; the classes holding a secret refuse to
pickle, with a message that names no secret."""

from __future__ import annotations

import copy
import multiprocessing
import pickle
from typing import Optional

import pytest

import nidan

RFC_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def value_objects() -> dict[str, object]:
    totp = nidan.TOTP(RFC_BASE32)
    code = totp.generate(59)
    return {
        "Match": totp.verify(code, time=59, behind=0, ahead=0),
        "Match behind": totp.verify(totp.generate(29), time=59),
        "Match at the last step": nidan.TOTP(RFC_BASE32, period=1).verify(
            nidan.TOTP(RFC_BASE32, period=1).generate(2**64 - 1), time=2**64 - 1
        ),
        "Verdict accepted": totp.check(code, time=59),
        "Verdict replayed": totp.check(code, time=59, last_accepted=1),
        "Verdict rejected": totp.check("000000", time=59),
        "TimeStep": totp.time_step(59),
        "TimeStep at the end of time": totp.time_step(2**64 - 1),
        "Repair": nidan.KeyUri.import_uri("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=C").repairs[0],
        "Repair without fields": nidan.KeyUri.import_uri("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP====").repairs[0],
        "Repair with bits": nidan.KeyUri.import_uri("otpauth://totp/a?secret=JBSWY3DP").repairs[0],
        **server_values(totp),
    }


def server_values(totp: nidan.TOTP) -> dict[str, object]:
    """The server side's stored values and policy: they pickle as their text (or settings)."""
    attempt = nidan.Login().attempt(totp, nidan.Record(), totp.generate(59), time=59)
    codes, _ = nidan.RecoveryCodes.generate(pepper=bytes(16))
    delivered, _ = nidan.DeliveredCode.generate(pepper=bytes(16), time=59)
    return {
        "Record": attempt.record,
        "Login": nidan.Login(factor=3, max_failures=7, max_learned=2, behind=2),
        "RecoveryCodes": codes,
        "DeliveredCode": delivered,
    }


def decision_objects() -> dict[str, object]:
    """The server side's decisions: acted on once, never pickled."""
    totp = nidan.TOTP(RFC_BASE32)
    login = nidan.Login()
    codes, printed = nidan.RecoveryCodes.generate(pepper=bytes(16))
    delivered, code = nidan.DeliveredCode.generate(pepper=bytes(16), time=59)
    return {
        "Attempt": login.attempt(totp, nidan.Record(), totp.generate(59), time=59),
        "Recovery": login.recover(nidan.Record(), codes, printed[0], pepper=bytes(16), time=59),
        "Confirmation": delivered.check(code, pepper=bytes(16), time=60),
    }


def secret_objects() -> dict[str, object]:
    totp = nidan.TOTP(RFC_BASE32, issuer="ACME", account="alice")
    key = nidan.KeyUri.parse(totp.to_uri())
    return {
        "Secret": totp.secret,
        "TOTP": totp,
        "HOTP": nidan.HOTP(RFC_BASE32),
        "KeyUri": key,
        "MigrationBatch": nidan.MigrationBatch([key]),
        "Qr": nidan.Qr(totp.to_uri()),
        "ImportedKey": nidan.KeyUri.import_uri(totp.to_uri()),
        "MigrationImport": nidan.MigrationBatch.import_uri(nidan.MigrationBatch([key]).to_uri()),
    }


def test_every_public_class_is_covered() -> None:
    # A new class must be added to one of the two tables (and follow the
    # convention of bindings-py/src/immutable.rs).
    public = {getattr(nidan, name) for name in nidan.__all__ if isinstance(getattr(nidan, name), type)}
    exceptions = {cls for cls in public if issubclass(cls, BaseException)}
    covered = {type(value) for value in {**value_objects(), **secret_objects(), **decision_objects()}.values()}
    assert public - exceptions == covered


@pytest.mark.parametrize("name", [*value_objects(), *secret_objects(), *decision_objects()])
def test_copies_are_the_object_itself(name: str) -> None:
    value = {**value_objects(), **secret_objects(), **decision_objects()}[name]
    assert copy.copy(value) is value
    assert copy.deepcopy(value) is value
    assert copy.deepcopy([value, value]) == [value, value]


@pytest.mark.parametrize("name", list(value_objects()))
def test_value_types_pickle_and_come_back_equal(name: str) -> None:
    value = value_objects()[name]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert type(again) is type(value)
        assert again == value and hash(again) == hash(value)
        assert repr(again) == repr(value) and bool(again) == bool(value)


def test_pickled_values_keep_every_field() -> None:
    values = value_objects()
    match = pickle.loads(pickle.dumps(values["Match behind"]))
    assert isinstance(match, nidan.Match)
    assert (match.step, match.drift, match.next_counter) == (0, -1, 1)
    last = pickle.loads(pickle.dumps(values["Match at the last step"]))
    assert isinstance(last, nidan.Match) and (last.step, last.drift) == (2**64 - 1, 0)
    replayed = pickle.loads(pickle.dumps(values["Verdict replayed"]))
    assert isinstance(replayed, nidan.Verdict)
    assert (replayed.accepted, replayed.replayed, replayed.match) == (False, True, nidan.Match._from_pickle(1, 0))  # type: ignore[attr-defined]
    rejected = pickle.loads(pickle.dumps(values["Verdict rejected"]))
    assert isinstance(rejected, nidan.Verdict) and rejected.match is None and not rejected.replayed
    step = pickle.loads(pickle.dumps(values["TimeStep"]))
    assert isinstance(step, nidan.TimeStep)
    assert (step.step, step.start, step.end, step.remaining) == (1, 30, 60, 1)


def test_a_bad_pickle_is_an_error_not_a_crash() -> None:
    with pytest.raises(ValueError, match="outcome must be"):
        nidan.Verdict._from_pickle("maybe", 1, 0)  # type: ignore[attr-defined]
    with pytest.raises(OverflowError):
        nidan.Match._from_pickle(-1, 0)  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        nidan.TimeStep._from_pickle("1", 2, 3, 4)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="length 6"):
        nidan.Login._from_pickle(1, 1, 4)  # type: ignore[attr-defined]
    with pytest.raises(nidan.ParameterError, match="max_failures"):
        nidan.Login._from_pickle(1, 1, 4, 1, 900, 101)  # type: ignore[attr-defined]


def test_a_login_pickle_holds_its_six_settings_in_order() -> None:
    # The layout every pickle written so far has: behind, ahead, max_learned,
    # factor, max_wait, max_failures, as positional arguments of _from_pickle.
    login = nidan.Login(behind=2, ahead=0, max_learned=3, factor=5, max_wait=60, max_failures=7)
    reduced = login.__reduce__()
    assert isinstance(reduced, tuple)
    rebuild, fields = reduced[0], reduced[1]
    assert fields == (2, 0, 3, 5, 60, 7)
    assert rebuild(*fields) == login
    assert nidan.Login._from_pickle(2, 0, 3, 5, 60, 7) == login  # type: ignore[attr-defined]


def verify_in_worker(code: str) -> Optional[nidan.Match]:
    """Runs in a pool worker: the Match travels back as a pickle."""
    return nidan.TOTP(RFC_BASE32).verify(code, time=1111111109)


def test_a_match_comes_back_from_a_process_pool() -> None:
    codes = [nidan.TOTP(RFC_BASE32).generate(1111111109 + offset) for offset in (-30, 0, 30)] + ["000000"]
    # spawn: the function, the arguments and the results all cross as pickles.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        found = pool.map(verify_in_worker, codes)
    assert [None if match is None else match.drift for match in found] == [-1, 0, 1, None]
    assert found[1] == verify_in_worker(codes[1])


@pytest.mark.parametrize("name", list(secret_objects()))
def test_classes_holding_a_secret_refuse_to_pickle(name: str) -> None:
    value = secret_objects()[name]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match=r"cannot pickle nidan\.\w+: it holds a secret key; store .* instead") as error:
            pickle.dumps(value, protocol=protocol)
        assert RFC_BASE32 not in str(error.value)


@pytest.mark.parametrize("name", list(decision_objects()))
def test_decisions_refuse_to_pickle(name: str) -> None:
    value = decision_objects()[name]
    with pytest.raises(TypeError, match=r"cannot pickle nidan\.\w+: a decision is acted on once; store .* instead"):
        pickle.dumps(value)
