"""Starts the service, or re-seals every secret with the current key.

    python -m loginservice [--host 127.0.0.1] [--port 8000]
    python -m loginservice rotate-keys

Without NIDAN_DEMO_KEYS in the environment it reads (or makes, on first run)
instance/dev-settings.env beside this package (or in NIDAN_DEMO_INSTANCE),
with fresh random keys, and keeps its SQLite database in instance/demo.sqlite3.
"""

from __future__ import annotations

import argparse
import os
import socketserver
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .app import Service, dev_settings_file, settings_from_env

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 256


class QuietHandler(WSGIRequestHandler):
    """Logs method, path and status: never a query string or a body."""

    def log_request(self, code: object = "-", size: object = "-") -> None:
        # A request line that did not parse leaves no command or path.
        path = getattr(self, "path", "").split("?", 1)[0][:200]
        sys.stderr.write(f"{getattr(self, 'command', None) or '-'} {path!r} {code}\n")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


def environment() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("NIDAN_DEMO_KEYS"):
        instance = env.get("NIDAN_DEMO_INSTANCE") or os.path.join(HERE, "instance")
        os.makedirs(instance, exist_ok=True)
        for name, value in dev_settings_file(os.path.join(instance, "dev-settings.env")).items():
            env.setdefault(name, value)
        env.setdefault("NIDAN_DEMO_DATABASE", "sqlite:" + os.path.join(instance, "demo.sqlite3"))
    return env


def rotate_keys(service: Service) -> int:
    """Re-seals every secret with the first key of NIDAN_DEMO_KEYS (by compare-and-set)."""
    keys = service.settings.keys
    moved = 0
    for user_id, secret, pending in service.db.all("SELECT id, secret, pending_secret FROM users"):
        for column, sealed in (("secret", secret), ("pending_secret", pending)):
            if sealed is None or keys.key_id(sealed) == keys.current:
                continue
            plain = keys.open(sealed, f"{user_id}/{column}")
            moved += service.db.execute(f"UPDATE users SET {column} = ? WHERE id = ? AND {column} = ?",
                                        (keys.seal(plain, f"{user_id}/{column}"), user_id, sealed))
    return moved


def main() -> None:
    parser = argparse.ArgumentParser(prog="loginservice")
    parser.add_argument("command", nargs="?", default="serve", choices=["serve", "rotate-keys"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    service = Service(settings_from_env(environment()))
    if args.command == "rotate-keys":
        print(f"re-sealed {rotate_keys(service)} secrets with key {service.settings.keys.current!r}")
        return
    with make_server(args.host, args.port, service, server_class=ThreadingServer,
                     handler_class=QuietHandler) as server:
        print(f"nidan login demo on http://{args.host}:{server.server_port}/", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
