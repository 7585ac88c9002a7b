"""The web application: a WSGI callable with a tiny router.

Each page is one function; the second-factor decisions are nidan's
(``Login.attempt``, ``Login.recover``, ``DeliveredCode.check``), and this module
only stores what they return by compare-and-set and tells the user what they
decided. Codes, secrets and recovery codes travel only in POST bodies and in
the pages shown once; logs carry the method, path and status.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import os
import re
import secrets
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Optional

import argon2
import nidan

from .sealing import Keyring
from .storage import Database

MAX_BODY = 16 * 1024
MAX_FIELD = 2048
SESSION_SECONDS = 3600
USERNAME = re.compile(r"[A-Za-z0-9._@-]{1,64}")



@dataclass
class Settings:
    """What the service reads from the environment (see README.md)."""

    database: str
    keys: Keyring
    pepper: bytes
    support_token: str
    issuer: str = "nidan demo"
    argon2_profile: str = "RFC_9106_LOW_MEMORY"
    outbox_page: bool = False
    login: nidan.Login = field(default_factory=nidan.Login)


class HttpError(Exception):
    """A 4xx answer with a message for the page (never a secret)."""

    def __init__(self, status: int, message: str, headers: Optional[list[tuple[str, str]]] = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or []


@dataclass
class Outcome:
    """What a code attempt came to once stored: nidan's kind, the wait when
    throttled, the record written."""

    kind: str
    wait_seconds: Optional[int] = None
    record: Optional[nidan.Record] = None

    @property
    def accepted(self) -> bool:
        return self.kind == "accepted"


@dataclass
class Request:
    method: str
    path: str
    cookies: dict[str, str]
    form: dict[str, str]


@dataclass
class Response:
    status: int
    body: str
    headers: list[tuple[str, str]] = field(default_factory=list)


REASONS = {
    200: "OK", 303: "See Other", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 411: "Length Required",
    413: "Content Too Large", 415: "Unsupported Media Type", 423: "Locked",
    429: "Too Many Requests", 500: "Internal Server Error",
}


def _parse_cookies(header: str) -> dict[str, str]:
    cookies = {}
    for part in header.split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name in ("sid", "csrf") and re.fullmatch(r"[A-Za-z0-9_-]{1,100}", value):
            cookies[name] = value
    return cookies


def _read_form(environ: dict[str, Any]) -> dict[str, str]:
    """The urlencoded body of a POST: 411/413/415/400 when it is not one."""
    length_text = environ.get("CONTENT_LENGTH") or ""
    if not length_text.isdigit():
        raise HttpError(411, "A form needs a Content-Length.")
    length = int(length_text)
    if length > MAX_BODY:
        raise HttpError(413, f"The form is larger than {MAX_BODY} bytes.")
    kind = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HttpError(415, "Forms are sent as application/x-www-form-urlencoded.")
    body = environ["wsgi.input"].read(length)
    try:
        pairs = urllib.parse.parse_qsl(body.decode("ascii"), keep_blank_values=True, errors="strict",
                                       max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise HttpError(400, "The form is not valid urlencoded UTF-8.") from None
    form: dict[str, str] = {}
    for name, value in pairs:
        if name in form:
            raise HttpError(400, f"The field {name!r} appears twice." if len(name) < 40 else "A field appears twice.")
        if len(value) > MAX_FIELD:
            raise HttpError(400, "A field is too long.")
        form[name] = value
    return form


class Service:
    """The login service over one database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db = Database(settings.database)
        self.login = settings.login
        self.outbox_link = '<a href="/outbox">Phone (SMS outbox)</a>' if settings.outbox_page else ""
        self.passwords = argon2.PasswordHasher.from_parameters(getattr(argon2.profiles, settings.argon2_profile))
        # A hash to verify against when the user does not exist, so that the
        # answer takes as long either way.
        self.dummy_hash = self.passwords.hash("not a password of anyone")
        self.routes: dict[tuple[str, str], Callable[[Request], Response]] = {
            ("GET", "/"): self.home,
            ("GET", "/signup"): self.signup_page,
            ("POST", "/signup"): self.signup,
            ("GET", "/login"): self.login_page,
            ("POST", "/login"): self.password,
            ("GET", "/login/code"): self.code_page,
            ("POST", "/login/code"): self.code,
            ("POST", "/login/recovery"): self.recovery,
            ("GET", "/login/delivered"): self.delivered_page,
            ("POST", "/login/delivered"): self.delivered,
            ("POST", "/login/delivered/resend"): self.resend,
            ("GET", "/enrol"): self.enrol_page,
            ("POST", "/enrol"): self.confirm,
            ("POST", "/phone/transfer"): self.transfer,
            ("POST", "/logout"): self.logout,
            ("GET", "/support"): self.support_page,
            ("POST", "/support"): self.support_reset,
            ("POST", "/support/unlock"): self.support_unlock,
            ("GET", "/outbox"): self.outbox,
        }

    # --- WSGI ---------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        cookies = _parse_cookies(environ.get("HTTP_COOKIE", ""))
        new_csrf = None
        if "csrf" not in cookies:
            new_csrf = secrets.token_urlsafe(24)
            cookies["csrf"] = new_csrf
        try:
            handler = self.routes.get((method, path))
            if handler is None:
                known = any(route_path == path for _, route_path in self.routes)
                raise HttpError(405 if known else 404, "No such page." if not known else "Wrong method.")
            form: dict[str, str] = {}
            if method == "POST":
                form = _read_form(environ)
                sent = form.get("csrf", "")
                if new_csrf is not None or not hmac.compare_digest(sent.encode(), cookies["csrf"].encode()):
                    raise HttpError(403, "The form expired or came from another site: reload the page and try again.")
            response = handler(Request(method, path, cookies, form))
        except HttpError as error:
            body = f'<p class=error>{html.escape(error.message)}</p><p><a href="/" id=continue>Continue</a></p>'
            response = Response(error.status, self.page("Sorry", body, cookies), error.headers)
        except nidan.NidanError as error:
            # nidan's errors name what is wrong and never carry a secret.
            response = Response(400, self.page("Sorry", f"<p class=error>{html.escape(str(error))}</p>", cookies))
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                   ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
                   ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
                    " form-action 'self'; frame-ancestors 'none'")]
        if new_csrf is not None:
            headers.append(("Set-Cookie", f"csrf={new_csrf}; Path=/; HttpOnly; SameSite=Strict"))
        payload = response.body.encode()
        headers += response.headers + [("Content-Length", str(len(payload)))]
        start_response(f"{response.status} {REASONS.get(response.status, 'Error')}", headers)
        return [payload]

    # --- pages --------------------------------------------------------------

    def page(self, title: str, body: str, cookies: dict[str, str], notice: str = "") -> str:
        notice_html = f"<p class=notice>{html.escape(notice)}</p>" if notice else ""
        return f"""<!doctype html><html lang=en><head><meta charset=utf-8>
<meta name=viewport content="width=device-width, initial-scale=1"><title>{html.escape(title)} · nidan demo</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}}
h1{{font-size:1.5rem}} form{{margin:1rem 0}} label{{display:block;margin:.5rem 0}}
input{{font:inherit;padding:.3rem}} button{{font:inherit;padding:.3rem 1rem}}
.error{{color:#a00;font-weight:bold}} .notice{{color:#064;font-weight:bold}}
.key,.codes{{font:1.2rem monospace;letter-spacing:.1em;background:#f4f4f4;padding:.5rem}}
.qr svg{{width:240px;height:240px}} nav a{{margin-right:1rem}}</style></head>
<body><nav><a href="/">Home</a><a href="/support">Support</a>{self.outbox_link}</nav>
<h1>{html.escape(title)}</h1>{notice_html}{body}</body></html>"""

    def form(self, cookies: dict[str, str], action: str, fields: str, button: str, form_id: str = "") -> str:
        ident = f" id={form_id}" if form_id else ""
        return (f'<form method=post action="{action}"{ident}><input type=hidden name=csrf '
                f'value="{html.escape(cookies["csrf"])}">{fields}<button type=submit>{html.escape(button)}</button></form>')

    @staticmethod
    def field(name: str, label: str, kind: str = "text", extra: str = "") -> str:
        return f'<label>{html.escape(label)} <input name={name} type={kind} {extra} required></label>'

    def code_field(self) -> str:
        return self.field("code", "Code from your app", extra="inputmode=numeric autocomplete=one-time-code")

    # --- sessions -----------------------------------------------------------

    @staticmethod
    def _token_hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def session(self, request: Request) -> Optional[tuple[str, str]]:
        """The signed-in user's id and stage, or None."""
        token = request.cookies.get("sid")
        if not token:
            return None
        row = self.db.one("SELECT user_id, stage FROM sessions WHERE token_hash = ? AND expires > ?",
                          (self._token_hash(token), int(time.time())))
        return None if row is None else (row[0], row[1])

    def require(self, request: Request, *stages: str) -> str:
        found = self.session(request)
        if found is None or found[1] not in stages:
            raise HttpError(401, "Sign in first.")
        return found[0]

    def start_session(self, user_id: str, stage: str) -> list[tuple[str, str]]:
        token = secrets.token_urlsafe(32)
        self.db.execute("INSERT INTO sessions (token_hash, user_id, stage, expires) VALUES (?, ?, ?, ?)",
                        (self._token_hash(token), user_id, stage, int(time.time()) + SESSION_SECONDS))
        return [("Set-Cookie", f"sid={token}; Path=/; HttpOnly; SameSite=Lax")]

    def advance(self, request: Request, stage: str, to: str) -> bool:
        """Moves the session from ``stage`` to ``to``; false when another request moved it first."""
        token_hash = self._token_hash(request.cookies.get("sid", ""))
        return self.db.execute("UPDATE sessions SET stage = ? WHERE token_hash = ? AND stage = ?",
                               (to, token_hash, stage)) == 1

    @staticmethod
    def redirect(to: str, headers: Optional[list[tuple[str, str]]] = None) -> Response:
        return Response(303, "", [("Location", to)] + (headers or []))

    # --- the user's second factor -------------------------------------------

    def user(self, user_id: str) -> tuple[Any, ...]:
        row = self.db.one("SELECT username, secret, record, recovery, pending_secret, pending_record, needs_delivery"
                          " FROM users WHERE id = ?", (user_id,))
        if row is None:
            raise HttpError(401, "Sign in first.")
        return row

    def totp(self, user_id: str, username: str, sealed: str, column: str) -> nidan.TOTP:
        key = self.settings.keys.open(sealed, f"{user_id}/{column}")
        return nidan.TOTP(nidan.Secret.from_bytes(key), issuer=self.settings.issuer, account=username)

    def decide(self, user_id: str, typed: str, pending: bool = False) -> Outcome:
        """One code attempt, written back by compare-and-set (README: Server side):
        an acceptance that lost the write is a replay, a failure that lost is
        decided again on the fresh record."""
        secret_column, record_column = ("pending_secret", "pending_record") if pending else ("secret", "record")
        code = nidan.normalize_code(typed) or ""
        while True:
            row = self.db.one(f"SELECT username, {secret_column}, {record_column} FROM users WHERE id = ?", (user_id,))
            if row is None or row[1] is None or row[2] is None:
                raise HttpError(409, "There is no authenticator to check: enrol first.")
            username, sealed, read = row
            totp = self.totp(user_id, username, sealed, secret_column)
            attempt = self.login.attempt(totp, nidan.Record.from_text(read), code)
            if attempt.record is None:
                return Outcome(attempt.kind, attempt.wait_seconds)
            if pending and attempt.accepted:
                return Outcome("accepted", None, attempt.record)  # stored with the confirmed secret
            won = self.db.execute(f"UPDATE users SET {record_column} = ? WHERE id = ? AND {record_column} = ?",
                                  (attempt.record.to_text(), user_id, read)) == 1
            if attempt.accepted:
                return Outcome("accepted" if won else "replayed", None, attempt.record)
            if won:
                return Outcome(attempt.kind, None, attempt.record)

    def explain(self, kind: str, wait: Optional[int]) -> HttpError:
        if kind == "throttled":
            return HttpError(429, f"Too many wrong codes: wait {wait} second{'' if wait == 1 else 's'}, then try again.",
                             [("Retry-After", str(wait))])
        if kind == "locked":
            return HttpError(423, "Too many wrong codes: two-step login is locked. Ask support to unlock it.")
        if kind == "replayed":
            return HttpError(401, "That code was already used: wait for the next one.")
        return HttpError(401, "Wrong code.")

    def send_delivered(self, user_id: str) -> None:
        delivered, sms = nidan.DeliveredCode.generate(pepper=self.settings.pepper)
        self.db.execute("INSERT INTO delivered (user_id, code) VALUES (?, ?) "
                        "ON CONFLICT (user_id) DO UPDATE SET code = excluded.code", (user_id, delivered.to_text()))
        self.db.execute("INSERT INTO outbox (id, user_id, created, body) VALUES (?, ?, ?, ?)",
                        (secrets.token_hex(8), user_id, time.time_ns(),
                         f"Your nidan demo sign-in code is {sms}. It expires in 10 minutes."))

    def after_code(self, request: Request, user_id: str, stage: str) -> Response:
        """Where a session goes once its current step passed."""
        _, secret, *_, needs_delivery = self.user(user_id)
        if stage == "code" and needs_delivery:
            nxt = "delivery"
        elif secret is None:
            nxt = "enrol"
        else:
            nxt = "in"
        if not self.advance(request, stage, nxt):
            raise HttpError(409, "This sign-in moved on in another tab.")
        if nxt == "delivery":
            self.send_delivered(user_id)
            return self.redirect("/login/delivered")
        return self.redirect("/enrol" if nxt == "enrol" else "/")

    # --- handlers -----------------------------------------------------------

    def home(self, request: Request) -> Response:
        found = self.session(request)
        c = request.cookies
        if found is None:
            body = ('<p>A demo of two-step login with <a href="https://example.invalid/nidan">nidan</a>.</p>'
                    '<p><a href="/signup">Sign up</a> or <a href="/login">sign in</a>.</p>')
            return Response(200, self.page("Welcome", body, c))
        user_id, stage = found
        if stage != "in":
            return self.redirect({"code": "/login/code", "delivery": "/login/delivered", "enrol": "/enrol"}[stage])
        username, _, read, recovery, *_ , needs_delivery = self.user(user_id)
        codes = nidan.RecoveryCodes.from_text(recovery)
        extra = "<p>Since a support reset, every sign-in also needs a code sent to your phone.</p>" if needs_delivery else ""
        body = (f"<p>Signed in as <b id=username>{html.escape(username)}</b>. Recovery codes left: "
                f"<b id=remaining>{codes.remaining}</b>.</p>{extra}"
                "<h2>Changing phones</h2><p>Move your account to the new phone's Google Authenticator with a "
                "transfer QR code (confirm with a current code), or set up a new key: the old phone's codes "
                "then stop working.</p>"
                + self.form(c, "/phone/transfer", self.code_field(), "Show transfer QR", "transfer")
                + '<p><a href="/enrol" id=reenrol>Set up a new key (re-enrol)</a></p>'
                + self.form(c, "/logout", "", "Sign out", "logout"))
        return Response(200, self.page("Your account", body, c))

    def signup_page(self, request: Request) -> Response:
        fields = self.field("username", "Username", extra="autocomplete=username") + self.field(
            "password", "Password (at least 8 characters)", "password", "autocomplete=new-password")
        return Response(200, self.page("Sign up", self.form(request.cookies, "/signup", fields, "Sign up", "signup"),
                                       request.cookies))

    def signup(self, request: Request) -> Response:
        username, password = request.form.get("username", ""), request.form.get("password", "")
        if not USERNAME.fullmatch(username):
            raise HttpError(400, "A username is 1 to 64 letters, digits or . _ @ -.")
        if not 8 <= len(password) <= 256:
            raise HttpError(400, "A password is 8 to 256 characters.")
        user_id = secrets.token_hex(8)
        changed = self.db.execute(
            "INSERT INTO users (id, username, password_hash) VALUES (?, ?, ?) ON CONFLICT (username) DO NOTHING",
            (user_id, username, self.passwords.hash(password)))
        if changed != 1:
            raise HttpError(409, "That username is taken.")
        return self.redirect("/enrol", self.start_session(user_id, "enrol"))

    def login_page(self, request: Request) -> Response:
        fields = self.field("username", "Username", extra="autocomplete=username") + self.field(
            "password", "Password", "password", "autocomplete=current-password")
        return Response(200, self.page("Sign in", self.form(request.cookies, "/login", fields, "Next", "login"),
                                       request.cookies))

    def password(self, request: Request) -> Response:
        username, password = request.form.get("username", ""), request.form.get("password", "")
        row = self.db.one("SELECT id, password_hash, secret, needs_delivery FROM users WHERE username = ?",
                          (username,)) if USERNAME.fullmatch(username) else None
        try:
            self.passwords.verify(row[1] if row else self.dummy_hash, password)
        except argon2.exceptions.VerificationError:
            row = None
        except argon2.exceptions.InvalidHashError:
            row = None
        if row is None:
            raise HttpError(401, "Wrong username or password.")
        user_id, _, secret, needs_delivery = row
        stage = "code" if secret else ("delivery" if needs_delivery else "enrol")
        headers = self.start_session(user_id, stage)
        if stage == "delivery":
            self.send_delivered(user_id)
        return self.redirect({"code": "/login/code", "delivery": "/login/delivered", "enrol": "/enrol"}[stage],
                             headers)

    def code_page(self, request: Request) -> Response:
        self.require(request, "code")
        c = request.cookies
        body = (self.form(c, "/login/code", self.code_field(), "Sign in", "code")
                + "<h2>Lost your phone?</h2><p>Use one of your recovery codes (each works once), "
                  'or ask <a href="/support">support</a> to reset two-step login.</p>'
                + self.form(c, "/login/recovery", self.field("recovery", "Recovery code", extra="autocomplete=off"),
                            "Use recovery code", "recovery"))
        return Response(200, self.page("Two-step login", body, c))

    def code(self, request: Request) -> Response:
        user_id = self.require(request, "code")
        attempt = self.decide(user_id, request.form.get("code", ""))
        if not attempt.accepted:
            raise self.explain(attempt.kind, attempt.wait_seconds)
        return self.after_code(request, user_id, "code")

    def recovery(self, request: Request) -> Response:
        user_id = self.require(request, "code")
        typed = request.form.get("recovery", "")
        while True:
            _, _, read, stored, *_ = self.user(user_id)
            result = self.login.recover(nidan.Record.from_text(read), nidan.RecoveryCodes.from_text(stored), typed,
                                        pepper=self.settings.pepper)
            if result.record is None:
                raise self.explain(result.kind, result.wait_seconds)
            if result.accepted and result.codes is not None:
                won = self.db.execute("UPDATE users SET record = ?, recovery = ? WHERE id = ? AND record = ? "
                                      "AND recovery = ?", (result.record.to_text(), result.codes.to_text(), user_id,
                                                           read, stored)) == 1
                if not won:
                    raise HttpError(401, "That recovery code was just used.")
                return self.after_code(request, user_id, "code")
            if self.db.execute("UPDATE users SET record = ? WHERE id = ? AND record = ?",
                               (result.record.to_text(), user_id, read)) == 1:
                raise HttpError(401, "Wrong recovery code.")

    def delivered_page(self, request: Request) -> Response:
        self.require(request, "delivery")
        c = request.cookies
        body = ("<p>We sent a code to your phone by SMS.</p>"
                + self.form(c, "/login/delivered", self.field("code", "Code from the SMS",
                                                              extra="inputmode=numeric autocomplete=one-time-code"),
                            "Confirm", "delivered")
                + self.form(c, "/login/delivered/resend", "", "Send a new code", "resend"))
        return Response(200, self.page("Code sent to your phone", body, c))

    def delivered(self, request: Request) -> Response:
        user_id = self.require(request, "delivery")
        typed = request.form.get("code", "")
        while True:
            row = self.db.one("SELECT code FROM delivered WHERE user_id = ?", (user_id,))
            if row is None:
                raise HttpError(409, "No code was sent: send a new one.")
            (read,) = row
            confirmation = nidan.DeliveredCode.from_text(read).check(typed, pepper=self.settings.pepper)
            if confirmation.code is not None:
                won = self.db.execute("UPDATE delivered SET code = ? WHERE user_id = ? AND code = ?",
                                      (confirmation.code.to_text(), user_id, read)) == 1
                if not won:
                    continue
            if confirmation.accepted:
                return self.after_code(request, user_id, "delivery")
            messages = {"rejected": f"Wrong code: {confirmation.attempts_left} attempts left.",
                        "expired": "That code expired: send a new one.",
                        "exhausted": "Too many wrong codes: send a new one.",
                        "used": "That code was already used: send a new one."}
            raise HttpError(401, messages[confirmation.kind])

    def resend(self, request: Request) -> Response:
        user_id = self.require(request, "delivery")
        self.send_delivered(user_id)
        return self.redirect("/login/delivered")

    def enrol_page(self, request: Request) -> Response:
        """A new secret, shown once: reloading the page draws another."""
        user_id = self.require(request, "enrol", "in")
        username, _, read, *_ = self.user(user_id)
        secret = nidan.Secret.generate()
        sealed = self.settings.keys.seal(secret.to_bytes(), f"{user_id}/pending_secret")
        record = nidan.Record.from_text(read).restart() if read else nidan.Record()
        self.db.execute("UPDATE users SET pending_secret = ?, pending_record = ? WHERE id = ?",
                        (sealed, record.to_text(), user_id))
        totp = nidan.TOTP(secret, issuer=self.settings.issuer, account=username)
        c = request.cookies
        body = ("<p>Scan this QR code with your authenticator app, or type the key. It is shown only now.</p>"
                f"<div class=qr id=qr>{nidan.Qr(totp.to_uri()).to_svg()}</div>"
                f"<p>Key: <span class=key id=key>{html.escape(secret.to_base32_grouped())}</span></p>"
                + self.form(c, "/enrol", self.code_field(), "Confirm", "confirm"))
        return Response(200, self.page("Set up two-step login", body, c))

    def confirm(self, request: Request) -> Response:
        user_id = self.require(request, "enrol", "in")
        row = self.user(user_id)
        pending_secret, pending_record = row[4], row[5]
        attempt = self.decide(user_id, request.form.get("code", ""), pending=True)
        if not attempt.accepted or attempt.record is None:
            raise self.explain(attempt.kind, attempt.wait_seconds)
        codes, printed = nidan.RecoveryCodes.generate(pepper=self.settings.pepper)
        secret = self.settings.keys.open(pending_secret, f"{user_id}/pending_secret")
        sealed = self.settings.keys.seal(secret, f"{user_id}/secret")
        won = self.db.execute(
            "UPDATE users SET secret = ?, record = ?, recovery = ?, pending_secret = NULL, pending_record = NULL "
            "WHERE id = ? AND pending_secret = ? AND pending_record = ?",
            (sealed, attempt.record.to_text(), codes.to_text(), user_id, pending_secret, pending_record)) == 1
        if not won:
            raise HttpError(409, "This set-up changed in another tab: reload the set-up page.")
        self.db.execute("UPDATE sessions SET stage = 'in' WHERE user_id = ? AND stage = 'enrol'", (user_id,))
        items = "".join(f"<li>{html.escape(code)}</li>" for code in printed)
        body = ("<p class=notice>Two-step login is on.</p><p>Keep these recovery codes somewhere safe. Each works "
                "once, and they are shown only now.</p>"
                f"<ol class=codes id=recovery-codes>{items}</ol><p><a href=\"/\">Continue</a></p>")
        return Response(200, self.page("Recovery codes", body, request.cookies))

    def transfer(self, request: Request) -> Response:
        user_id = self.require(request, "in")
        attempt = self.decide(user_id, request.form.get("code", ""))
        if not attempt.accepted:
            raise self.explain(attempt.kind, attempt.wait_seconds)
        username, sealed, *_ = self.user(user_id)
        totp = self.totp(user_id, username, sealed, "secret")
        batches = nidan.MigrationBatch.export([nidan.KeyUri.parse(totp.to_uri())])
        qrs = "".join(f"<div class=qr id=transfer-{i}>{nidan.Qr(uri).to_svg()}</div>" for i, uri in enumerate(batches))
        body = ("<p>In Google Authenticator on the new phone: Transfer accounts, Import accounts, then scan. "
                "This is shown only now.</p>" + qrs + '<p><a href="/">Done</a></p>')
        return Response(200, self.page("Transfer to a new phone", body, request.cookies))

    def logout(self, request: Request) -> Response:
        self.db.execute("DELETE FROM sessions WHERE token_hash = ?", (self._token_hash(request.cookies.get("sid", "")),))
        return self.redirect("/", [("Set-Cookie", "sid=; Path=/; Max-Age=0")])

    def support_page(self, request: Request) -> Response:
        fields = self.field("username", "Username of the caller") + self.field("token", "Support token", "password")
        body = ("<p>For support staff, after checking the caller's identity: turn off the lost authenticator. "
                "From then on every sign-in also needs a code sent to the user's phone.</p>"
                + self.form(request.cookies, "/support", fields, "Reset two-step login", "support")
                + "<p>A user who still has the phone but is locked out after too many wrong codes:</p>"
                + self.form(request.cookies, "/support/unlock", fields, "Unlock", "unlock"))
        return Response(200, self.page("Support", body, request.cookies))

    def support_user(self, request: Request) -> str:
        """The id of the user support named, after checking the support token."""
        token = request.form.get("token", "")
        if not hmac.compare_digest(token.encode(), self.settings.support_token.encode()):
            raise HttpError(403, "Wrong support token.")
        username = request.form.get("username", "")
        row = self.db.one("SELECT id FROM users WHERE username = ?", (username,)) if USERNAME.fullmatch(username) else None
        if row is None:
            raise HttpError(404, "No such user.")
        return str(row[0])

    def support_reset(self, request: Request) -> Response:
        user_id = self.support_user(request)
        self.db.execute("UPDATE users SET secret = NULL, recovery = NULL, pending_secret = NULL, "
                        "pending_record = NULL, needs_delivery = 1 WHERE id = ?", (user_id,))
        self.db.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))
        return Response(200, self.page("Support", "<p class=notice id=reset-done>Two-step login was reset.</p>",
                                       request.cookies))

    def support_unlock(self, request: Request) -> Response:
        """Lifts the hard stop after too many wrong codes (nidan's Record.reset_failures)."""
        user_id = self.support_user(request)
        while True:
            (read,) = self.db.one("SELECT record FROM users WHERE id = ?", (user_id,)) or (None,)
            if read is None:
                raise HttpError(409, "That user has no two-step login to unlock.")
            unlocked = nidan.Record.from_text(read).reset_failures().to_text()
            if self.db.execute("UPDATE users SET record = ? WHERE id = ? AND record = ?", (unlocked, user_id, read)):
                return Response(200, self.page("Support", "<p class=notice id=unlock-done>Unlocked.</p>",
                                               request.cookies))

    def outbox(self, request: Request) -> Response:
        if not self.settings.outbox_page:
            raise HttpError(404, "No such page.")
        rows = self.db.all("SELECT u.username, o.body FROM outbox o JOIN users u ON u.id = o.user_id "
                           "ORDER BY o.created DESC LIMIT 20")
        items = "".join(f"<li><b>{html.escape(name)}</b>: <span class=sms>{html.escape(text)}</span></li>"
                        for name, text in rows)
        body = ("<p>This table stands in for the SMS gateway: in a real service these go to the user's phone.</p>"
                f"<ul id=outbox>{items}</ul>")
        return Response(200, self.page("Phone (SMS outbox)", body, request.cookies))


def settings_from_env(environ: dict[str, str]) -> Settings:
    """Reads NIDAN_DEMO_DATABASE, NIDAN_DEMO_KEYS, NIDAN_DEMO_PEPPER, NIDAN_DEMO_SUPPORT_TOKEN,
    NIDAN_DEMO_OUTBOX_PAGE, NIDAN_DEMO_LOGIN and NIDAN_DEMO_ARGON2 (an argon2.profiles name)."""
    missing = [name for name in ("NIDAN_DEMO_KEYS", "NIDAN_DEMO_PEPPER", "NIDAN_DEMO_SUPPORT_TOKEN")
               if not environ.get(name)]
    if missing:
        raise SystemExit(f"set {', '.join(missing)} (see examples/server/README.md)")
    pepper = base64.b64decode(environ["NIDAN_DEMO_PEPPER"], validate=True)
    if len(pepper) < 32:
        raise SystemExit("NIDAN_DEMO_PEPPER must be at least 32 bytes, base64")
    return Settings(database=environ.get("NIDAN_DEMO_DATABASE", "sqlite:nidan-demo.sqlite3"),
                    keys=Keyring.parse(environ["NIDAN_DEMO_KEYS"]), pepper=pepper,
                    support_token=environ["NIDAN_DEMO_SUPPORT_TOKEN"],
                    outbox_page=environ.get("NIDAN_DEMO_OUTBOX_PAGE") == "1",
                    login=_login_policy(environ.get("NIDAN_DEMO_LOGIN", "")),
                    argon2_profile=_argon2_profile(environ.get("NIDAN_DEMO_ARGON2", "RFC_9106_LOW_MEMORY")))


def _login_policy(setting: str) -> nidan.Login:
    """nidan.Login from ``name=value,...`` (behind, ahead, max_learned, factor, max_wait, max_failures)."""
    names = ("behind", "ahead", "max_learned", "factor", "max_wait", "max_failures")
    options: dict[str, int] = {}
    for entry in filter(None, setting.split(",")):
        name, _, value = entry.strip().partition("=")
        if name not in names or not value.isdigit():
            raise SystemExit(f"NIDAN_DEMO_LOGIN entries are NAME=NUMBER with NAME one of {', '.join(names)}")
        options[name] = int(value)
    try:
        return nidan.Login(**options)
    except nidan.NidanError as error:
        raise SystemExit(f"NIDAN_DEMO_LOGIN: {error}") from None


def _argon2_profile(name: str) -> str:
    if name not in ("RFC_9106_HIGH_MEMORY", "RFC_9106_LOW_MEMORY", "CHEAPEST"):
        raise SystemExit("NIDAN_DEMO_ARGON2 is RFC_9106_HIGH_MEMORY, RFC_9106_LOW_MEMORY or CHEAPEST (tests only)")
    return name


def dev_settings_file(path: str) -> dict[str, str]:
    """Reads (or writes on first run) a file of fresh development settings."""
    if not os.path.exists(path):
        from .sealing import new_key_setting

        lines = [f"NIDAN_DEMO_KEYS={new_key_setting('k1')}",
                 f"NIDAN_DEMO_PEPPER={base64.b64encode(os.urandom(32)).decode()}",
                 f"NIDAN_DEMO_SUPPORT_TOKEN={secrets.token_urlsafe(16)}",
                 "NIDAN_DEMO_OUTBOX_PAGE=1"]
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write("\n".join(lines) + "\n")
    values = {}
    with open(path) as settings:
        for line in settings:
            name, sep, value = line.strip().partition("=")
            if sep:
                values[name] = value
    return values
