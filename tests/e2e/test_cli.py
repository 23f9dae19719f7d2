"""The `rolecall` operator CLI against a real `rolecall serve` (gRPC only)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import RolecallProcess, wait_until

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RolecallProcess]:
    proc = RolecallProcess(tmp_path_factory.mktemp("cli") / "data", gateway=False).start()
    # Every CLI process below authenticates with the server's admin token.
    CLIENT_ENV["ROLECALL_TOKEN"] = proc.token
    yield proc
    proc.stop()


CLIENT_ENV: dict[str, str] = {}


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        input=stdin,
        env={**os.environ, **CLIENT_ENV},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


class Running:
    """A long-running CLI command whose output lines are collected as they come."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server.cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **CLIENT_ENV, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())
        self.proc.stdout.close()

    def saw(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def stop(self, signum: int = signal.SIGINT) -> int:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signum)
        try:
            code = self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            code = self.proc.wait(10)
        self._reader.join(10)
        return code


def test_groups_create_list_get_delete(server: RolecallProcess) -> None:
    t = ("--target", server.grpc_target, "--tenant", "cli", "--namespace", "n1")
    created = cli("groups", "create", "g1", "--name", "Main", "--timeout", "00:00:05", *t)
    assert created.returncode == 0 and "created group g1" in created.stdout
    again = cli("groups", "create", "g1", *t)
    assert again.returncode == 1 and "ALREADY_EXISTS" in again.stderr

    table = cli("groups", "list", *t).stdout.splitlines()
    assert table[0].split()[:3] == ["ID", "NAME", "TIMEOUT"]
    assert table[1].split()[:3] == ["g1", "Main", "00:00:05"]
    as_json = json.loads(cli("groups", "list", "--json", *t).stdout)
    assert [g["Id"] for g in as_json] == ["g1"]
    group = json.loads(cli("groups", "get", "g1", "--json", *t).stdout)
    assert group["FailoverTimeout"] == "00:00:05" and group["Milliseconds"] == 5000

    assert cli("groups", "delete", "g1", *t).returncode == 0
    missing = cli("groups", "get", "g1", *t)
    assert missing.returncode == 1 and "NOT_FOUND" in missing.stderr


def test_agents_watch_and_sessions(server: RolecallProcess) -> None:
    t = ("--target", server.grpc_target, "--tenant", "cli", "--namespace", "n2")
    assert cli("groups", "create", "g", "--timeout", "00:00:30", *t).returncode == 0
    watch = Running("watch", "g", *t)
    first = Running("agent", "g", "a", *t)
    second: Running | None = None
    try:
        assert wait_until(lambda: first.saw("role PRIMARY epoch 1"), 15)
        second = Running("agent", "g", "b", *t)
        assert wait_until(lambda: second is not None and second.saw("role SECONDARY"), 15)

        listed = cli("sessions", "list", *t).stdout
        assert listed.count("HeartbeatStream") == 2 and "WatchGroup" in listed

        # Ctrl-C makes the agent say goodbye: with a 30 s timeout, only that explains a
        # failover within seconds.
        assert first.stop(signal.SIGINT) == 0
        assert wait_until(lambda: second is not None and second.saw("role PRIMARY epoch 2"), 10)
        assert wait_until(lambda: watch.saw("primary=b"), 10)
        assert any("pending=b" in line for line in watch.lines)
    finally:
        first.stop()
        if second is not None:
            second.stop()
        watch.stop()


def test_users_add_reads_the_password_from_stdin(tmp_path: Path) -> None:
    data = tmp_path / "data"
    added = cli(
        "users", "add", "alice", "--tenant", "acme", "--data-dir", str(data), stdin="s3cret\n"
    )
    assert added.returncode == 0, added.stderr
    empty = cli("users", "add", "bob", "--tenant", "acme", "--data-dir", str(data), stdin="\n")
    assert empty.returncode == 2

    import asyncio

    from server.services.users import Users
    from server.store.sqlite import SqliteStore

    async def check() -> tuple[bool, bool]:
        store = SqliteStore(data / "rolecall.sqlite3")
        await store.open()
        accounts = Users(store)
        try:
            good = await accounts.verify("acme", "alice", "s3cret")
            bad = await accounts.verify("acme", "alice", "wrong")
            return good is not None, bad is not None
        finally:
            accounts.close()
            await store.close()

    assert asyncio.run(check()) == (True, False)
