"""Malformed requests over HTTP: always a 4xx naming the problem, never a 5xx,
and no stored value lost or corrupted afterwards."""

from __future__ import annotations

import http.client
import json
import os
import urllib.parse

from conftest import SERVER_DIR, Client, Server, password_step, read_user, sign_up, wait_for

TABLE = os.path.join(SERVER_DIR, "..", "..", "core", "tests", "vectors", "bad_inputs.json")


def bad_inputs(kind: str) -> list[str]:
    with open(TABLE, encoding="utf-8") as table:
        return [entry["input"] for entry in json.load(table)["entries"] if entry["kind"] == kind]


def raw(port: int, request: bytes) -> int:
    """Sends bytes as they are; returns the status (0 when the server just closed)."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        head = sock.recv(200).decode("latin-1")
    return int(head.split()[1]) if head.startswith("HTTP/") else 0


def test_bad_inputs_get_4xx_and_lose_nothing(pair: list[Server]) -> None:
    servers = pair
    port = servers[0].port
    _, alice = sign_up(port, "alice")
    _, bob = sign_up(port, "bob")
    client = password_step(port, alice)
    codes, uris = bad_inputs("code"), bad_inputs("uri")
    assert len(codes) > 10 and len(uris) > 30
    statuses = []
    failures = 0

    def send(path: str, **fields: str) -> None:
        """Posts a form; the record counts a failure exactly when the page says "Wrong"."""
        nonlocal failures
        reply = client.post(path, **fields)
        statuses.append(reply.status)
        failures += "Wrong code" in reply.text() or "Wrong recovery code" in reply.text()
        assert read_user(servers[0].env, "alice")[0].failures == failures, (path, fields, reply.text()[-200:])

    for code in codes:
        send("/login/code", code=code)
        send("/login/recovery", recovery=code)
    for uri in uris:
        for path, fields in [("/login/code", {"code": uri}), ("/login", {"username": uri, "password": uri}),
                             ("/signup", {"username": uri, "password": uri}), ("/enrol", {"code": uri}),
                             ("/support", {"username": uri, "token": uri})]:
            send(path, **fields)
        if uri:  # "/" itself is the home page
            statuses.append(client.get("/" + urllib.parse.quote(uri, safe="/:?&=%")).status)
    assert all(400 <= status < 500 for status in statuses), sorted(set(statuses))

    anonymous = Client(port)
    anonymous.get("/")
    csrf = anonymous.cookies["csrf"]
    form = "application/x-www-form-urlencoded"
    cases: list[tuple[str, bytes, dict[str, str], int]] = [
        ("/login", b"x" * 20000, {"Content-Type": form}, 413),
        ("/login", json.dumps({"username": "a"}).encode(), {"Content-Type": "application/json"}, 415),
        ("/login", b"username=a", {"Content-Type": "multipart/form-data; boundary=x"}, 415),
        ("/login", b"username=a", {"Content-Type": "text/plain"}, 415),
        ("/login", b"username=a", {}, 415),
        ("/login", f"csrf={csrf}&username=%FF%FE&password=x".encode(), {"Content-Type": form}, 400),
        ("/login", f"csrf={csrf}&username=\xe9".encode("latin-1"), {"Content-Type": form}, 400),
        ("/login", f"csrf={csrf}&username=a&username=b&password=x".encode(), {"Content-Type": form}, 400),
        ("/login", f"csrf={csrf}&".encode() + b"&".join(b"f%d=1" % i for i in range(50)), {"Content-Type": form}, 400),
        ("/login", b"username=alice&password=x", {"Content-Type": form}, 403),  # no CSRF token
        ("/login", b"csrf=forged&username=alice&password=x", {"Content-Type": form}, 403),
        ("/login", f"csrf={csrf}&username=alice&password=".encode() + b"p" * 3000, {"Content-Type": form}, 400),
    ]
    for path, body, headers, expected in cases:
        reply = anonymous.request("POST", path, body, headers)
        assert reply.status == expected, (path, body[:60], headers, reply.status, reply.text())
    # No Content-Length at all, a Content-Length that lies, an unknown method, a path that is no page.
    assert raw(port, b"POST /login HTTP/1.0\r\nContent-Type: " + form.encode() + b"\r\n\r\n") == 411
    assert raw(port, b"POST /login HTTP/1.0\r\nContent-Length: -5\r\n\r\n") == 411
    assert anonymous.request("PUT", "/login", b"").status == 405
    assert anonymous.request("DELETE", "/").status == 405
    assert anonymous.get("/nothing-here").status == 404
    assert anonymous.get("/login?code=123456").status == 200  # a query string is ignored, and never logged
    assert raw(port, b"BREW / HTTP/1.1\r\nHost: x\r\n\r\n") == 405
    # A request line of one word is HTTP/0.9: the 400 goes out without a status line.
    assert raw(port, b"GARBAGE\r\n\r\n") == 0
    wait_for(lambda: "- '' 400" in servers[0].log())

    # Nothing lost: alice's record counts exactly the wrong codes, her recovery codes are all there,
    # and bob still signs in with his next code.
    record, recovery = read_user(servers[0].env, "alice")
    assert record.failures == failures
    assert recovery is not None and recovery.remaining == 10
    bob_client = password_step(port, bob)
    assert bob_client.post("/login/code", code=bob.next_code()).status == 303
    assert "Signed in as bob" in bob_client.get("/").text()
    assert "Traceback" not in servers[0].log() and "123456" not in servers[0].log()


def test_http_client_sees_no_server_error_on_many_bad_requests(servers: list[Server]) -> None:
    port = servers[1].port
    for body in [b"", b"%", b"=", b"&&&", b"a=%zz", b"csrf", b"\x00\x01", "ü=1".encode()]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("POST", "/signup", body, {"Content-Type": "application/x-www-form-urlencoded"})
        status = connection.getresponse().status
        connection.close()
        assert 400 <= status < 500, (body, status)
