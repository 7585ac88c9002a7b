"""Killing the server (SIGKILL) between enrolment and confirmation, after the
password, or while codes are in flight loses nothing and corrupts no record."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time

import nidan

from conftest import LOGIN, SERVER_DIR, Client, Server, enrol, password_step, read_user, sign_up

sys.path.insert(0, SERVER_DIR)
from loginservice.storage import Database  # noqa: E402

def test_kill_between_enrolment_and_confirmation(servers: list[Server]) -> None:
    first = servers[0]
    client = Client(first.port)
    assert client.post("/signup", username="erin", password="correct horse battery").status == 303
    totp = enrol(client)
    first.kill()
    first.start()  # same database, same keys, a new port
    client.port = first.port
    reply = client.post("/enrol", code=totp.generate())
    assert reply.status == 200 and "Recovery codes" in reply.text()
    record, codes = read_user(first.env, "erin")
    assert codes is not None and codes.remaining == 10 and record.last_step == totp.step()

def test_kill_mid_login_and_with_codes_in_flight(pair: list[Server]) -> None:
    first, second = pair
    _, account = sign_up(first.port, "frank")
    client = password_step(first.port, account)
    first.kill()
    first.start()
    client.port = first.port
    # The session survived the restart: the code step goes on where it was.
    assert client.post("/login/code", code=account.next_code()).status == 303

    # Twenty wrong codes in flight on the first process when it dies.
    waiting = [password_step(second.port, account) for _ in range(4)]
    for c in waiting:
        c.port = first.port
    errors: list[BaseException] = []

    def submit(c: Client, code: str) -> None:
        try:
            c.post("/login/code", code=code)
        except OSError as error:  # the connection died with the process
            errors.append(error)

    threads = [threading.Thread(target=submit, args=(waiting[i % 4], f"{i:06d}")) for i in range(20)]
    for thread in threads:
        thread.start()
    first.kill()
    for thread in threads:
        thread.join()
    first.start()

    # Every row still reads, and the account still works (after the throttle's wait).
    url = first.env["NIDAN_DEMO_DATABASE"]
    if url.startswith("sqlite:"):
        with sqlite3.connect(url.removeprefix("sqlite:")) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    for (text,) in Database(url).all("SELECT record FROM users WHERE record IS NOT NULL"):
        nidan.Record.from_text(text)
    record, codes = read_user(first.env, "frank")
    assert codes is not None and codes.remaining == 10
    assert record.failures <= 20
    wait = LOGIN.delay(record.failures) if record.failures else 0
    assert wait <= 900
    fresh = password_step(first.port, account)

    time.sleep(wait + 1)
    assert fresh.post("/login/code", code=account.next_code()).status == 303
