"""Starts real server processes on a fresh database and talks HTTP to them."""

from __future__ import annotations

import base64
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Optional

import nidan
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_DIR = os.path.dirname(HERE)
ARTEFACTS = os.path.join(SERVER_DIR, "test-artefacts")
LOGIN = nidan.Login(factor=3)  # the servers' policy (NIDAN_DEMO_LOGIN below)


def fresh_env(database: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        NIDAN_DEMO_DATABASE=database,
        NIDAN_DEMO_KEYS="k1:" + base64.b64encode(os.urandom(32)).decode(),
        NIDAN_DEMO_PEPPER=base64.b64encode(os.urandom(32)).decode(),
        NIDAN_DEMO_SUPPORT_TOKEN=secrets.token_urlsafe(16),
        PYTHONPATH=SERVER_DIR,
        NIDAN_DEMO_OUTBOX_PAGE="1",
        # A first wait of 3 s: long enough that a loaded machine still sees the throttle.
        NIDAN_DEMO_LOGIN="factor=3",
        NIDAN_DEMO_ARGON2="CHEAPEST",  # argon2id still, at the cost made for tests
    )
    return env


class Server:
    """One `python -m loginservice` process on a free port; its stderr is the log."""

    def __init__(self, env: dict[str, str], log_path: str) -> None:
        self.env = env
        self.log_path = log_path
        self.process: Optional[subprocess.Popen[str]] = None
        self.port = 0

    def start(self) -> Server:
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "loginservice", "--port", "0"], cwd=SERVER_DIR, env=self.env,
            stdout=subprocess.PIPE, stderr=log, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        match = re.search(r":(\d+)/", line)
        assert match, f"the server did not start: {line!r}, log: {open(self.log_path).read()[-2000:]}"
        self.port = int(match.group(1))
        return self

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as when a machine dies."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def log(self) -> str:
        with open(self.log_path) as log:
            return log.read()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str

    def text(self) -> str:
        """The visible text of the page, tags stripped."""
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", self.body)).strip()


@dataclass
class Client:
    """A browser stand-in: keeps cookies, sends the CSRF token with forms."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: Optional[bytes] = None,
                headers: Optional[dict[str, str]] = None) -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers.setdefault("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        text = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, _, rest = value.partition("=")
                cookie_value = rest.split(";")[0]
                if cookie_value:
                    self.cookies[cookie_name] = cookie_value
                else:
                    self.cookies.pop(cookie_name, None)
        connection.close()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, text)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, **fields: str) -> Reply:
        if "csrf" not in self.cookies:
            self.get("/")
        body = urllib.parse.urlencode({"csrf": self.cookies["csrf"], **fields}).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})


@dataclass
class Account:
    username: str
    password: str
    totp: nidan.TOTP
    recovery: list[str]
    last_step: int

    def next_code(self) -> str:
        """A code of a step not used yet (ahead of the clock when the current one is used)."""
        self.last_step = max(self.totp.step(), self.last_step + 1)
        return self.totp.generate_at_step(self.last_step)


def enrol(client: Client) -> nidan.TOTP:
    page = client.get("/enrol")
    assert page.status == 200, page.text()
    key = re.search(r"id=key>([A-Z2-7 ]+)<", page.body)
    assert key, page.text()
    return nidan.TOTP(nidan.Secret.from_base32(key.group(1).replace(" ", "")))


def sign_up(port: int, username: str, password: str = "correct horse battery") -> tuple[Client, Account]:
    client = Client(port)
    reply = client.post("/signup", username=username, password=password)
    assert reply.status == 303, reply.text()
    totp = enrol(client)
    step = totp.step()
    reply = client.post("/enrol", code=totp.generate_at_step(step))
    assert reply.status == 200, reply.text()
    codes = re.findall(r"<li>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</li>", reply.body)
    assert len(codes) == nidan.RecoveryCodes.DEFAULT_COUNT
    return client, Account(username, password, totp, codes, step)


def last_sms(client: Client, username: str) -> str:
    """The code in the newest outbox message to ``username``."""
    sms = re.search(username + r"\s*: Your nidan demo sign-in code is (\d{6})", client.get("/outbox").text())
    assert sms, client.get("/outbox").text()
    return sms.group(1)


def password_step(port: int, account: Account) -> Client:
    client = Client(port)
    reply = client.post("/login", username=account.username, password=account.password)
    assert reply.status == 303, reply.text()
    return client


@pytest.fixture
def workdir() -> Iterator[str]:
    path = tempfile.mkdtemp(prefix="nidan-server-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def servers(workdir: str) -> Iterator[list[Server]]:
    """Two processes on one SQLite database."""
    env = fresh_env("sqlite:" + os.path.join(workdir, "demo.sqlite3"))
    started = [Server(env, os.path.join(workdir, f"server-{i}.log")).start() for i in range(2)]
    yield started
    for server in started:
        server.kill()
    assert_clean_logs(started)


def assert_clean_logs(servers: list[Server]) -> None:
    """No request raised: wsgiref logs a traceback (and answers 500) when one does."""
    for server in servers:
        assert "Traceback" not in server.log(), server.log()[-3000:]


def read_user(env: dict[str, str], username: str) -> tuple[nidan.Record, Optional[nidan.RecoveryCodes]]:
    """The stored record and recovery codes, read from the database itself."""
    sys.path.insert(0, SERVER_DIR)
    from loginservice.storage import Database

    row = Database(env["NIDAN_DEMO_DATABASE"]).one("SELECT record, recovery FROM users WHERE username = ?",
                                                  (username,))
    assert row is not None
    return nidan.Record.from_text(row[0]), (nidan.RecoveryCodes.from_text(row[1]) if row[1] else None)


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


PG_BIN = "/usr/lib/postgresql/15/bin"


def _as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A PostgreSQL cluster for the whole run (initdb into a temporary folder), stopped at the end."""
    initdb = shutil.which("initdb") or os.path.join(PG_BIN, "initdb")
    if not os.path.exists(initdb):
        pytest.skip("PostgreSQL is not installed (scripts/parts/server.sh installs it)")
    bin_dir = os.path.dirname(os.path.realpath(initdb))
    cluster = tempfile.mkdtemp(prefix="nidan-pg-")
    if os.geteuid() == 0:
        shutil.chown(cluster, "postgres")
    subprocess.run(_as_postgres(os.path.join(bin_dir, "initdb"), "-D", cluster + "/data", "-A", "trust",
                                "-U", "postgres"), check=True, capture_output=True)
    port = 20000 + os.getpid() % 20000
    subprocess.run(_as_postgres(os.path.join(bin_dir, "pg_ctl"), "-D", cluster + "/data", "-w", "-l",
                                cluster + "/log", "-o",
                                f"-k {cluster} -p {port} -c listen_addresses=127.0.0.1 -c max_connections=400"
                                " -c fsync=off", "start"), check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_postgres(os.path.join(bin_dir, "pg_ctl"), "-D", cluster + "/data", "-m", "immediate",
                                    "stop"), capture_output=True)
        shutil.rmtree(cluster, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def pair(request: pytest.FixtureRequest, workdir: str) -> Iterator[list[Server]]:
    """Two processes sharing one new database of each kind."""
    if request.param == "sqlite":
        url = "sqlite:" + os.path.join(workdir, "demo.sqlite3")
    else:
        import psycopg

        base = request.getfixturevalue("postgres")
        name = "nidan_" + secrets.token_hex(6)
        with psycopg.connect(base + "/postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        url = f"{base}/{name}"
    env = fresh_env(url)
    started = [Server(env, os.path.join(workdir, f"server-{i}.log")).start() for i in range(2)]
    yield started
    for server in started:
        server.kill()
    assert_clean_logs(started)
