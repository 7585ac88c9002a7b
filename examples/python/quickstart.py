"""nidan quickstart: enrol a user, show codes, verify them with replay refusal.

Run it with `python examples/python/quickstart.py` after `pip install ./bindings-py`.
"""

from __future__ import annotations

import time
from typing import Optional

import nidan


def main() -> None:
    # Enrolment (server): a new 160-bit secret, shown once as a QR code and
    # as a key the user can write down.
    secret = nidan.Secret.generate()
    totp = nidan.TOTP(secret, issuer="Example Exchange", account="alice@example.com")
    uri = totp.to_uri()
    print("QR code text:    ", uri)
    print("backup key:      ", secret.to_base32_grouped())
    assert nidan.KeyUri.parse(uri).secret == secret

    # The authenticator app (client): the current code and seconds left.
    now = int(time.time())
    step = totp.time_step(now)
    code = totp.generate(now)
    print(f"code now:         {code} ({step.remaining} s left, next {totp.generate_at_step(step.step + 1)})")

    # Login (server): normalise what the user typed, verify in a window of
    # one step each way, and store the matched step to refuse a replay.
    last_accepted: Optional[int] = None
    typed = f"{code[:3]} {code[3:]}"  # as a user might type it
    normalised = nidan.normalize_code(typed)
    assert normalised is not None
    first = totp.check(normalised, time=now, last_accepted=last_accepted)
    assert first and first.match is not None
    last_accepted = first.match.step
    print(f"first login:      accepted at step {first.match.step}, drift {first.match.drift}")

    again = totp.check(normalised, time=now + 1, last_accepted=last_accepted)
    assert not again and again.replayed
    print("same code again:  refused as a replay")

    wrong = totp.verify("000000" if code != "000000" else "999999", time=now)
    assert wrong is None
    print("wrong code:       refused")

    # A phone whose clock runs 40 seconds slow still gets in (drift -1 or -2).
    slow = totp.generate(now - 40)
    late = totp.verify(slow, time=now, behind=2, ahead=1)
    assert late is not None and late.drift < 0
    print(f"slow phone:       accepted, drift {late.drift}")


if __name__ == "__main__":
    main()
