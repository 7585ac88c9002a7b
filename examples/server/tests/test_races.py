"""Races: two server processes on one database (SQLite, and PostgreSQL when its
binaries are installed), many concurrent submissions, and the stored state
checked exactly afterwards."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from functools import partial

from conftest import Account, Client, Reply, Server, last_sms, password_step, read_user, sign_up

def sessions(servers: list[Server], account: Account, count: int) -> list[Client]:
    """``count`` sessions past the password, spread over both processes."""
    clients: list[Client] = [Client(0)] * count
    def open_one(i: int) -> None:
        clients[i] = password_step(servers[i % 2].port, account)
    run_all([partial(open_one, i) for i in range(count)], limit=8)
    return clients


def run_all(jobs: list[Callable[[], object]], limit: int = 0) -> list[object]:
    """Runs the jobs in threads released together by one barrier."""
    results: list[object] = [None] * len(jobs)
    gate = threading.Barrier(len(jobs)) if not limit else None
    pool = threading.Semaphore(limit) if limit else None

    def run(i: int) -> None:
        if gate:
            gate.wait()
        if pool:
            with pool:
                results[i] = jobs[i]()
        else:
            results[i] = jobs[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def outcome(reply: object) -> str:
    assert isinstance(reply, Reply)
    assert reply.status < 500, reply.text()
    text = reply.text()
    for phrase in ("already used", "just used", "Wrong code", "Wrong recovery code", "wait"):
        if phrase in text:
            return phrase
    return str(reply.status)


def test_fifty_submissions_of_one_code_accepted_once(pair: list[Server]) -> None:
    _, account = sign_up(pair[0].port, "alice")
    clients = sessions(pair, account, 50)
    step = account.totp.step() + 1
    code = account.totp.generate_at_step(step)
    replies = run_all([partial(c.post, "/login/code", code=code) for c in clients])
    counts = Counter(outcome(reply) for reply in replies)
    assert counts == {"303": 1, "already used": 49}, counts
    record, _ = read_user(pair[0].env, "alice")
    assert record.last_step == step and record.failures == 0


def test_fifty_submissions_of_one_recovery_code_accepted_once(pair: list[Server]) -> None:
    _, account = sign_up(pair[0].port, "bob")
    clients = sessions(pair, account, 50)
    replies = run_all([partial(c.post, "/login/recovery", recovery=account.recovery[3]) for c in clients])
    counts = Counter(outcome(reply) for reply in replies)
    assert counts["303"] == 1, counts
    record, codes = read_user(pair[0].env, "bob")
    assert codes is not None and codes.remaining == 9
    # Losers were refused as just used, or (deciding after the winner) counted as a failure, or throttled.
    assert set(counts) <= {"303", "just used", "Wrong recovery code", "wait"}, counts
    assert record.failures == counts["Wrong recovery code"]


def test_two_hundred_wrong_codes_leave_the_throttle_exact(pair: list[Server]) -> None:
    _, account = sign_up(pair[0].port, "carol")
    clients = sessions(pair, account, 10)
    near = {account.totp.generate_at_step(account.totp.step() + d) for d in range(-8, 9)}
    wrong = [code for code in (f"{i:06d}" for i in range(300)) if code not in near][:200]
    replies = run_all([partial(clients[i % 10].post, "/login/code", code=wrong[i]) for i in range(200)])
    counts = Counter(outcome(reply) for reply in replies)
    assert set(counts) <= {"Wrong code", "wait"}, counts
    assert counts["Wrong code"] >= 1 and sum(counts.values()) == 200
    record, _ = read_user(pair[0].env, "carol")
    assert record.failures == counts["Wrong code"], (record.failures, counts)


def test_fifty_submissions_of_one_delivered_code_accepted_once(pair: list[Server]) -> None:
    _, account = sign_up(pair[0].port, "dave")
    support = Client(pair[0].port)
    assert support.post("/support", username="dave", token=pair[0].env["NIDAN_DEMO_SUPPORT_TOKEN"]).status == 200
    clients = sessions(pair, account, 1)  # the password step sends the code
    for i in range(1, 50):  # 49 more tabs of the same session, on both processes
        clients.append(Client(pair[i % 2].port, dict(clients[0].cookies)))
    sms = last_sms(clients[0], "dave")
    replies = run_all([partial(c.post, "/login/delivered", code=sms) for c in clients])
    statuses = Counter(reply.status for reply in replies if isinstance(reply, Reply))
    assert statuses[303] == 1 and statuses[303] + statuses[401] + statuses[409] == 50, statuses
