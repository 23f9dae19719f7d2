"""`rolecall serve --store etcd://...`: a real server process on a real 3-member etcd cluster."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import grpc
import pytest
from rolecall.failover.v1 import failover_pb2, failover_pb2_grpc

from tests.e2e.test_tls import make_pki
from tests.etcd_cluster import EtcdCluster, EtcdTls
from tests.harness import RolecallProcess

pytestmark = pytest.mark.e2e


def test_groups_survive_a_crash_on_etcd(etcd_cluster: EtcdCluster, tmp_path: Path) -> None:
    url = f"{etcd_cluster.url}/e2e-{uuid.uuid4().hex}"
    args = ["--store", url]
    first = RolecallProcess(tmp_path / "a", gateway=False, extra_args=args).start()
    try:
        with first.channel() as channel:
            stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
            stub.CreateGroup(
                failover_pb2.CreateGroupRequest(
                    tenant_id="acme",
                    namespace_id="plant1",
                    group=failover_pb2.GroupConfiguration(id="g1", failover_timeout="00:00:05"),
                ),
                timeout=10,
            )
    finally:
        first.kill()
    # Another process, another data dir: only etcd holds the group. The killed replica's
    # lease holds its shards until it expires: until then the answer is NOT_OWNER.
    second = RolecallProcess(tmp_path / "b", gateway=False, extra_args=args).start()
    try:
        with second.channel() as channel:
            stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
            request = failover_pb2.GetGroupRequest(
                tenant_id="acme", namespace_id="plant1", group_id="g1"
            )
            deadline = time.monotonic() + 20
            refusals: list[str] = []
            while True:
                try:
                    group = stub.GetGroup(request, timeout=10)
                    break
                except grpc.RpcError as error:
                    if error.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > deadline:
                        raise
                    trailing: Any = error.trailing_metadata() or ()  # type: ignore[attr-defined]
                    refusals.append(dict(trailing).get("x-rolecall-owner", ""))
                    time.sleep(0.2)
        assert group.id == "g1" and group.failover_timeout == "00:00:05"
        # Sent to the dead owner while its lease lasted (NOT_OWNER), told nobody ("") while
        # the shard was moving, then served. A second replica slower to start than the lease TTL
        # (a loaded machine) finds the shard free and refuses nothing.
        assert set(refusals) <= {first.grpc_target, ""}
        assert not (tmp_path / "b" / "rolecall.sqlite3").exists()
    finally:
        second.stop()


def test_an_unreachable_etcd_fails_startup(tmp_path: Path) -> None:
    proc = RolecallProcess(tmp_path, gateway=False, extra_args=["--store", "etcd://127.0.0.1:1"])
    with pytest.raises(RuntimeError, match=r"STORE_UNAVAILABLE|cannot be reached"):
        proc.start(timeout=30)


def test_serve_on_etcd_with_tls_client_certificates_and_a_password(tmp_path: Path) -> None:
    """etcd with TLS, client certificates required and auth enabled (a root user): rolecall
    talks to it with --store etcds://, --etcd-ca/--etcd-cert/--etcd-key and --etcd-user with
    --etcd-password-file; without a client certificate it cannot."""
    pki = make_pki(tmp_path)
    tls = EtcdTls(pki.ca, pki.server_cert, pki.server_key, pki.agent_cert, pki.agent_key)
    cluster = EtcdCluster(tmp_path / "etcd", size=1, tls=tls).start()
    try:
        cluster.etcdctl("user", "add", "root:rootpw")
        cluster.etcdctl("auth", "enable")
        password = tmp_path / "etcd-password"
        password.write_text("rootpw\n")
        args = ["--store", f"{cluster.url}/tls-e2e", "--etcd-ca", str(pki.ca)]
        args += ["--etcd-cert", str(pki.agent_cert), "--etcd-key", str(pki.agent_key)]
        args += ["--etcd-user", "root", "--etcd-password-file", str(password)]
        proc = RolecallProcess(tmp_path / "r", gateway=False, extra_args=args).start()
        try:
            with proc.channel() as channel:
                stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
                config = failover_pb2.GroupConfiguration(id="g1", failover_timeout="00:00:05")
                request = failover_pb2.CreateGroupRequest(
                    tenant_id="acme", namespace_id="plant1", group=config
                )
                stub.CreateGroup(request, timeout=10)
        finally:
            proc.stop()
        stored = cluster.etcdctl("--user", "root:rootpw", "get", "--prefix", "/tls-e2e/d/acme/")
        assert "failover_group/plant1/g1" in stored
        # The same cluster without a client certificate: no connection, a clean startup error.
        args = ["--store", f"{cluster.url}/tls-e2e", "--etcd-ca", str(pki.ca)]
        refused = RolecallProcess(tmp_path / "x", gateway=False, extra_args=args)
        with pytest.raises(RuntimeError, match=r"STORE_UNAVAILABLE|cannot be reached"):
            refused.start(timeout=30)
    finally:
        cluster.stop()
