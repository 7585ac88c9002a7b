"""The README's start command and its key rotation, run as written."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys

from conftest import SERVER_DIR, Client, Server, enrol, fresh_env, password_step, sign_up

sys.path.insert(0, SERVER_DIR)
from loginservice.storage import Database  # noqa: E402


def test_start_command_makes_settings_and_database_on_first_run(workdir: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIDAN_DEMO_")}
    env["NIDAN_DEMO_INSTANCE"] = workdir
    process = subprocess.Popen([os.path.join(SERVER_DIR, "run"), "--port", "0"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        port = int(re.search(r":(\d+)/", process.stdout.readline()).group(1))  # type: ignore[union-attr]
        assert "Sign up" in Client(port).get("/").text()
        sign_up(port, "newcomer")
    finally:
        process.kill()
        process.wait()
    assert {"demo.sqlite3", "dev-settings.env"} <= set(os.listdir(workdir))
    assert os.stat(os.path.join(workdir, "dev-settings.env")).st_mode & 0o077 == 0


def test_key_rotation_reseals_every_secret(workdir: str) -> None:
    env = fresh_env("sqlite:" + os.path.join(workdir, "demo.sqlite3"))
    server = Server(env, os.path.join(workdir, "server.log")).start()
    _, account = sign_up(server.port, "heidi")
    pending = Client(server.port)
    assert pending.post("/signup", username="ivan", password="correct horse battery").status == 303
    ivan = enrol(pending)  # a pending enrolment is sealed too
    server.kill()

    # Rotation: put the new key first, keep the old one after it, re-seal, then drop the old key.
    old = env["NIDAN_DEMO_KEYS"]
    env["NIDAN_DEMO_KEYS"] = "k2:" + base64.b64encode(os.urandom(32)).decode() + "," + old
    done = subprocess.run([sys.executable, "-m", "loginservice", "rotate-keys"], cwd=SERVER_DIR, env=env,
                          capture_output=True, text=True, check=True)
    assert "re-sealed 2 secrets with key 'k2'" in done.stdout
    sealed = [value for row in Database(env["NIDAN_DEMO_DATABASE"]).all(
        "SELECT secret, pending_secret FROM users") for value in row if value]
    assert len(sealed) == 2 and all(value.startswith("k2:") for value in sealed)
    # At rest, in the database file and its write-ahead log, the secret appears in no form.
    secret = account.totp.secret
    for name in os.listdir(workdir):
        if name.startswith("demo.sqlite3"):
            with open(os.path.join(workdir, name), "rb") as stored:
                data = stored.read()
            assert secret.to_bytes() not in data and secret.to_base32().encode() not in data

    env["NIDAN_DEMO_KEYS"] = env["NIDAN_DEMO_KEYS"].split(",")[0]
    server.start()
    client = password_step(server.port, account)
    assert client.post("/login/code", code=account.next_code()).status == 303
    pending.port = server.port
    assert pending.post("/enrol", code=ivan.generate()).status == 200
    server.kill()


def test_outbox_page_only_when_asked_for(workdir: str) -> None:
    env = fresh_env("sqlite:" + os.path.join(workdir, "demo.sqlite3"))
    del env["NIDAN_DEMO_OUTBOX_PAGE"]  # a development setting: the page shows every delivered code
    server = Server(env, os.path.join(workdir, "server.log")).start()
    try:
        assert Client(server.port).get("/outbox").status == 404
    finally:
        server.kill()


def test_readme_start_command_is_this_script() -> None:
    with open(os.path.join(SERVER_DIR, "..", "..", "README.md"), encoding="utf-8") as readme:
        top = readme.read().split("```")[1]
    assert "examples/server/run " in top
