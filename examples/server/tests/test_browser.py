"""A headless-Chromium walk of the whole story, as a user would: the QR codes
are read from screenshots with a QR decoder (zxing-cpp), the codes computed
with nidan. Screenshots of every step go to examples/server/test-artefacts/."""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Iterator

import nidan
import pytest
import zxingcpp
from PIL import Image

from conftest import ARTEFACTS, LOGIN, Server

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Phone:
    """An authenticator app: codes of steps not used yet."""

    def __init__(self, totp: nidan.TOTP) -> None:
        self.totp = totp
        self.last = totp.step() - 1

    def peek(self) -> str:
        """The code :meth:`code` would give, without using it up."""
        return self.totp.generate_at_step(max(self.totp.step(), self.last + 1))

    def code(self) -> str:
        self.last = max(self.totp.step(), self.last + 1)
        return self.totp.generate_at_step(self.last)


class Walk:
    def __init__(self, page: object, base: str) -> None:
        self.page = page
        self.base = base
        self.shots = 0

    def shot(self, name: str) -> bytes:
        self.shots += 1
        path = os.path.join(ARTEFACTS, f"{self.shots:02d}-{name}.png")
        return self.page.screenshot(path=path, full_page=True)  # type: ignore[attr-defined, no-any-return]

    def qr(self, selector: str) -> str:
        """The text of the QR code in ``selector``, read from a screenshot of it."""
        png = self.page.locator(selector).screenshot()  # type: ignore[attr-defined]
        found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
        assert len(found) == 1, f"no QR code read from {selector}"
        return str(found[0].text)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)  # type: ignore[attr-defined]

    def submit(self, form: str, **fields: str) -> str:
        for name, value in fields.items():
            self.page.fill(f"#{form} [name={name}]", value)  # type: ignore[attr-defined]
        self.page.click(f"#{form} button")  # type: ignore[attr-defined]
        self.page.wait_for_load_state()  # type: ignore[attr-defined]
        return str(self.page.inner_text("body"))  # type: ignore[attr-defined]

    def text(self) -> str:
        return str(self.page.inner_text("body"))  # type: ignore[attr-defined]


@pytest.fixture
def walk(servers: list[Server]) -> Iterator[Walk]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("no /usr/bin/chromium (scripts/parts/server.sh installs it)")
    os.makedirs(ARTEFACTS, exist_ok=True)
    for old in os.listdir(ARTEFACTS):
        os.remove(os.path.join(ARTEFACTS, old))
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 800, "height": 900})
        yield Walk(page, f"http://127.0.0.1:{servers[0].port}")
        browser.close()


def enrol_from_screen(walk: Walk, name: str) -> Phone:
    walk.shot(name)
    uri = walk.qr("#qr")
    key = nidan.KeyUri.parse(uri)
    shown = walk.page.inner_text("#key")  # type: ignore[attr-defined]
    assert key.secret == nidan.Secret.from_base32(shown.replace(" ", ""))
    return Phone(key.to_totp())


def sign_in(walk: Walk, password: str = "correct horse battery") -> str:
    walk.go("/login")
    return walk.submit("login", username="grace", password=password)


def test_the_whole_story_in_a_browser(walk: Walk, servers: list[Server]) -> None:
    # Sign-up, enrolment from the QR code on the screen, recovery codes shown once.
    walk.go("/signup")
    walk.shot("signup")
    walk.submit("signup", username="grace", password="correct horse battery")
    phone = enrol_from_screen(walk, "enrol-qr")
    text = walk.submit("confirm", code=phone.code())
    recovery = re.findall(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", text)
    assert len(recovery) == 10
    walk.shot("recovery-codes")
    walk.go("/")
    assert "Signed in as grace" in walk.text()
    walk.submit("logout")

    # Password, then a wrong code, then throttled with the wait shown.
    assert "Wrong username or password" in sign_in(walk, "not the password")
    walk.shot("wrong-password")
    sign_in(walk)
    assert "Wrong code" in walk.submit("code", code="000000")
    walk.shot("wrong-code")
    walk.go("/login/code")
    text = walk.submit("code", code=phone.peek())  # refused unread: the phone may use it later
    wait = re.search(r"wait (\d+) seconds?,", text)
    assert wait, text
    walk.shot("throttled")

    # A recovery code after the wait: signed in, nine left; the same code again is refused.
    time.sleep(int(wait.group(1)) + 1)
    walk.go("/login/code")
    walk.submit("recovery", recovery=recovery[0].lower())
    assert "Recovery codes left: 9" in walk.text()
    walk.shot("recovery-code-used")

    # Changing phones, first way: the transfer QR carries the same secret to the new phone.
    walk.submit("transfer", code=phone.code())
    walk.shot("transfer-qr")
    batch = nidan.MigrationBatch.parse(walk.qr("#transfer-0"))
    assert batch.accounts[0].secret == phone.totp.secret
    new_phone = Phone(batch.accounts[0].to_totp())
    new_phone.last = phone.last
    walk.go("/")

    # Second way: re-enrolment; the old phone's codes stop working.
    walk.page.click("#reenrol")  # type: ignore[attr-defined]
    newest = enrol_from_screen(walk, "reenrol-qr")
    assert newest.totp.secret != phone.totp.secret
    assert "Recovery codes" in walk.submit("confirm", code=newest.code())
    walk.shot("reenrol-recovery-codes")
    walk.go("/")
    walk.submit("logout")
    sign_in(walk)
    assert "Wrong code" in walk.submit("code", code=new_phone.code())
    walk.shot("old-phone-refused")
    time.sleep(LOGIN.delay(1) + 1)
    walk.go("/login/code")
    walk.submit("code", code=newest.code())
    assert "Signed in as grace" in walk.text()
    walk.submit("logout")

    # Lost phone: support resets two-step login; the next sign-in needs a delivered code, then a new enrolment.
    walk.go("/support")
    assert "reset" in walk.submit("support", username="grace", token=servers[0].env["NIDAN_DEMO_SUPPORT_TOKEN"])
    walk.shot("support-reset")
    assert "Code sent to your phone" in sign_in(walk)
    walk.shot("delivered-code-page")
    walk.go("/outbox")
    walk.shot("sms-outbox")
    sms = re.search(r"grace\s*: Your nidan demo sign-in code is (\d{6})", walk.text())
    assert sms
    walk.go("/login/delivered")
    walk.submit("delivered", code=sms.group(1))
    replacement = enrol_from_screen(walk, "enrol-after-reset")
    assert "Recovery codes" in walk.submit("confirm", code=replacement.code())
    walk.go("/")
    assert "every sign-in also needs a code sent to your phone" in walk.text()
    walk.shot("account-after-reset")
    walk.submit("logout")

    # From now on: password, app code, and a delivered code.
    sign_in(walk)
    assert "Code sent to your phone" in walk.submit("code", code=replacement.code())
    walk.go("/outbox")
    sms = re.search(r"grace\s*: Your nidan demo sign-in code is (\d{6})", walk.text())
    assert sms
    walk.go("/login/delivered")
    walk.submit("delivered", code=sms.group(1))
    assert "Signed in as grace" in walk.text()
    walk.shot("signed-in-with-delivered-code")
    assert walk.shots >= 15

    # Nothing shown once (keys, recovery codes, the SMS code) is in the server's log.
    log = servers[0].log()
    assert "POST '/login/delivered' 303" in log
    for shown in [*recovery, sms.group(1), *(p.totp.secret.to_base32() for p in (phone, newest, replacement))]:
        assert shown not in log
