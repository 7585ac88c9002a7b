"""The whole story over HTTP against one process: each rule's effect is seen
in the pages and in the stored record."""

from __future__ import annotations

import re
import time

import nidan

from conftest import LOGIN, SERVER_DIR, Client, Server, enrol, last_sms, password_step, read_user, sign_up, wait_for


def test_login_replay_drift_throttle_and_recovery(pair: list[Server]) -> None:
    servers = pair
    port = servers[0].port
    _, account = sign_up(port, "alice")
    env = servers[0].env

    # Password, then the code of the next step: accepted, and a drift of one step learned.
    client = password_step(port, account)
    ahead = account.totp.step() + 1
    account.last_step = ahead
    assert client.post("/login/code", code=account.totp.generate_at_step(ahead)).status == 303
    record, _ = read_user(env, "alice")
    assert record.last_step == ahead and record.drift == 1
    assert "Signed in as alice" in client.get("/").text()

    # The same code again, on a new session: refused as already used.
    again = password_step(port, account)
    reply = again.post("/login/code", code=account.totp.generate_at_step(ahead))
    assert reply.status == 401 and "already used" in reply.text()

    # A wrong code, then the page says how long to wait.
    assert again.post("/login/code", code="000000").status == 401
    reply = again.post("/login/code", code=account.next_code())
    assert reply.status == 429 and re.search(r"wait \d+ seconds?,", reply.text())
    assert reply.headers["retry-after"].isdigit()
    assert read_user(env, "alice")[0].failures == 1

    # A recovery code (any case, no hyphens) works once, after the wait.
    time.sleep(int(reply.headers["retry-after"]) + 1)
    typed = account.recovery[0].lower().replace("-", " ")
    assert again.post("/login/recovery", recovery=typed).status == 303
    assert "Recovery codes left: 9" in again.get("/").text()
    third = password_step(port, account)
    reply = third.post("/login/recovery", recovery=account.recovery[0])
    assert reply.status == 401 and "Wrong recovery code" in reply.text()


def test_support_reset_needs_delivered_code_then_reenrolment(pair: list[Server]) -> None:
    servers = pair
    port = servers[0].port
    _, account = sign_up(port, "bob")
    support = Client(port)
    assert support.post("/support", username="bob", token="wrong").status == 403
    reply = support.post("/support", username="bob", token=servers[0].env["NIDAN_DEMO_SUPPORT_TOKEN"])
    assert reply.status == 200 and "reset" in reply.text()

    client = password_step(port, account)
    assert client.get("/login/code").status == 401  # the lost authenticator is off
    sms = last_sms(client, "bob")
    assert client.post("/login/delivered", code="000000").status == 401
    assert client.post("/login/delivered", code=sms).status == 303
    # The delivered code works once.
    assert client.post("/login/delivered", code=sms).status == 401

    # Enrol the new phone; from now on every login needs the app's code and a delivered code.
    totp = enrol(client)
    assert client.post("/enrol", code=totp.generate()).status == 200
    later = password_step(port, account)
    assert later.post("/login/code", code=totp.generate_at_step(totp.step() + 1)).status == 303
    assert later.get("/").status == 303  # still waiting for the delivered code
    assert later.post("/login/delivered", code=last_sms(later, "bob")).status == 303
    assert "Signed in as bob" in later.get("/").text()


def test_reenrolment_stops_old_codes_and_transfer_shows_the_same_secret(pair: list[Server]) -> None:
    servers = pair
    port = servers[0].port
    client, account = sign_up(port, "carol")
    client = password_step(port, account)
    assert client.post("/login/code", code=account.next_code()).status == 303

    # Transfer QR: a Google Authenticator migration URI carrying the same secret.
    reply = client.post("/phone/transfer", code=account.next_code())
    assert reply.status == 200 and "<svg" in reply.body

    # Re-enrolment: the new secret works, the old phone's codes stop.
    new_totp = enrol(client)
    assert client.post("/enrol", code=new_totp.generate()).status == 200
    old = password_step(port, account)
    reply = old.post("/login/code", code=account.next_code())
    assert reply.status == 401 and "Wrong code" in reply.text()
    time.sleep(LOGIN.delay(1) + 1)
    assert old.post("/login/code", code=new_totp.generate_at_step(new_totp.step() + 1)).status == 303


def test_the_enrolment_key_is_shown_once_and_a_reload_draws_another(pair: list[Server]) -> None:
    servers = pair
    client = Client(servers[0].port)
    assert client.post("/signup", username="kim", password="correct horse battery").status == 303
    first, second = enrol(client), enrol(client)
    assert first.secret != second.secret
    assert client.post("/enrol", code=first.generate()).status == 401  # the first key is gone
    assert client.post("/enrol", code=second.generate_at_step(second.step() + 1)).status == 429  # throttled now
    time.sleep(LOGIN.delay(1) + 1)
    assert client.post("/enrol", code=second.generate_at_step(second.step() + 1)).status == 200


def test_logs_carry_no_code_secret_or_recovery_code(pair: list[Server]) -> None:
    servers = pair
    port = servers[0].port
    client, account = sign_up(port, "dave")
    client = password_step(port, account)
    client.post("/login/recovery", recovery=account.recovery[1])
    # The session is a server-side row keyed by the SHA-256 of the cookie, never the cookie itself.
    import hashlib
    import sys

    sys.path.insert(0, SERVER_DIR)
    from loginservice.storage import Database

    stored = {row[0] for row in Database(servers[0].env["NIDAN_DEMO_DATABASE"]).all("SELECT token_hash FROM sessions")}
    assert hashlib.sha256(client.cookies["sid"].encode()).hexdigest() in stored
    assert client.cookies["sid"] not in stored
    wait_for(lambda: "POST '/login/recovery' 303" in servers[0].log())  # written after the reply
    log = servers[0].log()
    secret = account.totp.secret.to_base32()
    for value in [secret, account.recovery[1], account.password, account.totp.generate_at_step(account.last_step)]:
        assert value not in log
    assert nidan.normalize_code("x") is None


def test_hard_stop_after_max_failures_until_support_unlocks(workdir: str) -> None:
    import os

    from conftest import fresh_env

    env = fresh_env("sqlite:" + os.path.join(workdir, "demo.sqlite3"))
    env["NIDAN_DEMO_LOGIN"] = "factor=1,max_wait=1,max_failures=3"
    server = Server(env, os.path.join(workdir, "server.log")).start()
    try:
        _, account = sign_up(server.port, "judy")
        client = password_step(server.port, account)
        kinds: list[int] = []
        while len(kinds) < 12 and (not kinds or kinds[-1] != 423):
            reply = client.post("/login/code", code="000000")
            kinds.append(reply.status)
            if reply.status == 429:
                time.sleep(int(reply.headers["retry-after"]) + 1)
        assert kinds.count(401) == 3 and kinds[-1] == 423, kinds
        assert "locked" in client.post("/login/code", code=account.totp.generate()).text()  # refused unread
        assert read_user(env, "judy")[0].failures == 3

        support = Client(server.port)
        token = env["NIDAN_DEMO_SUPPORT_TOKEN"]
        assert support.post("/support/unlock", username="judy", token="wrong").status == 403
        assert support.post("/support/unlock", username="judy", token=token).status == 200
        assert read_user(env, "judy")[0].failures == 0
        assert client.post("/login/code", code=account.next_code()).status == 303
    finally:
        server.kill()
