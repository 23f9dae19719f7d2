"""`rolecall tokens create|list|revoke|rotate-key` against a running `rolecall serve`, and the
secure default: a first start writes an admin token; --insecure-no-auth says so loudly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import RolecallProcess

pytestmark = pytest.mark.e2e


def rolecall_cli(*args: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLECALL_TOKEN")}
    if token is not None:
        env["ROLECALL_TOKEN"] = token
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env=env,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RolecallProcess]:
    proc = RolecallProcess(tmp_path_factory.mktemp("tokens") / "data", gateway=False).start()
    yield proc
    proc.stop()


def test_first_start_prints_where_the_admin_token_is(server: RolecallProcess) -> None:
    path = server.data_dir / "auth" / "bootstrap-admin.token"
    assert any(f"rolecall admin token in {path}" in line for line in server.output)
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_create_use_list_and_revoke_a_token(server: RolecallProcess) -> None:
    data = ("--data-dir", str(server.data_dir))
    target = ("--target", server.grpc_target, "--tenant", "acme", "--namespace", "n1")
    created = rolecall_cli(
        "tokens", "create", "--tenant", "acme", "--scope", "failover:read", "--ttl", "1h", *data
    )
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    token_id = created.stderr.split("token id ")[1].strip()

    assert rolecall_cli("groups", "list", *target).returncode == 1  # no token: refused
    assert rolecall_cli("groups", "list", *target, token=token).returncode == 0
    other = ("--target", server.grpc_target, "--tenant", "beta", "--namespace", "n1")
    denied = rolecall_cli("groups", "list", *other, token=token)
    assert denied.returncode == 1 and "PERMISSION_DENIED" in denied.stderr

    listed = json.loads(rolecall_cli("tokens", "list", "--tenant", "acme", "--json", *data).stdout)
    assert [(r["jti"], r["scope"], r["revoked"]) for r in listed] == [
        (token_id, "failover:read", False)
    ]
    assert rolecall_cli("tokens", "revoke", token_id, *data).returncode == 0
    deadline = time.monotonic() + 10  # the server re-reads revocations every 2 s
    while time.monotonic() < deadline:
        refused = rolecall_cli("groups", "list", *target, token=token)
        if refused.returncode == 1:
            break
        time.sleep(0.5)
    assert "UNAUTHENTICATED" in refused.stderr


def test_bad_scope_and_ttl_are_refused(server: RolecallProcess) -> None:
    data = ("--data-dir", str(server.data_dir))
    for extra in (("--scope", "root"), ("--scope", "jobs", "--ttl", "0d")):
        refused = rolecall_cli("tokens", "create", "--tenant", "acme", *extra, *data)
        assert refused.returncode == 2 and refused.stdout == ""


def test_insecure_no_auth_says_so(tmp_path: Path) -> None:
    proc = RolecallProcess(tmp_path / "data", gateway=False, auth=False).start()
    try:
        assert any("WITHOUT AUTHENTICATION" in line for line in proc.output)
        assert not (tmp_path / "data" / "auth").exists()
    finally:
        proc.stop()
