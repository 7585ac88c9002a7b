"""The database: SQLite by default (a file made on first run), PostgreSQL
through a ``postgresql://`` URL so that several instances share one database.

Every second-factor value (nidan's Record, RecoveryCodes, DeliveredCode) is
written back by compare-and-set: ``UPDATE ... WHERE column = :read``, and
``changed()`` tells whether this request won. One connection per thread, in
autocommit mode: each statement is its own transaction.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from typing import Any, Optional

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        secret TEXT,            -- the TOTP secret, sealed (AES-GCM)
        record TEXT,            -- nidan.Record text, by compare-and-set
        recovery TEXT,          -- nidan.RecoveryCodes text, by compare-and-set
        pending_secret TEXT,    -- an enrolment not yet confirmed, sealed
        pending_record TEXT,    -- its Record (throttles the confirmation)
        needs_delivery INTEGER NOT NULL DEFAULT 0  -- set by a support reset
    )""",
    """CREATE TABLE IF NOT EXISTS sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        stage TEXT NOT NULL,
        expires BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS delivered (
        user_id TEXT PRIMARY KEY,
        code TEXT NOT NULL      -- nidan.DeliveredCode text, by compare-and-set
    )""",
    """CREATE TABLE IF NOT EXISTS outbox (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        created BIGINT NOT NULL,  -- nanoseconds
        body TEXT NOT NULL      -- stands in for the SMS sent to the user's phone
    )""",
]


class Database:
    """A thread-safe handle: ``?`` placeholders work on both engines."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.postgres = url.startswith(("postgresql://", "postgres://"))
        self._local = threading.local()
        for statement in SCHEMA:
            self.execute(statement)

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            if self.postgres:
                import psycopg

                connection = psycopg.connect(self.url, autocommit=True)
            else:
                path = self.url.removeprefix("sqlite:///").removeprefix("sqlite:")
                connection = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA busy_timeout=30000")
            self._local.connection = connection
        return connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Runs one statement; returns how many rows it changed."""
        if self.postgres:
            sql = sql.replace("?", "%s")
        cursor = self._connection().execute(sql, tuple(params))
        return int(cursor.rowcount)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Optional[tuple[Any, ...]]:
        """The first row of a query, or None."""
        if self.postgres:
            sql = sql.replace("?", "%s")
        row = self._connection().execute(sql, tuple(params)).fetchone()
        return None if row is None else tuple(row)

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Every row of a query."""
        if self.postgres:
            sql = sql.replace("?", "%s")
        return [tuple(row) for row in self._connection().execute(sql, tuple(params)).fetchall()]
