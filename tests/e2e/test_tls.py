"""TLS and mTLS end to end: HTTPS on Envoy's listener, TLS with client certificates on the gRPC
port, and an agent certificate (URI SAN rolecall://TENANT/NAMESPACE/GROUP/SESSION) bound to the
one client session it may heartbeat. Certificates are made here at run time; none is committed.
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from server.cli_commands import channel_credentials
from server.domain.auth import Scope
from tests.harness import RolecallProcess, issue_token

pytestmark = pytest.mark.e2e

TENANT, NAMESPACE, GROUP = "acme", "plant1", "collectors"


@dataclass
class Pki:
    ca: Path
    server_cert: Path
    server_key: Path
    agent_cert: Path
    agent_key: Path


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> Path:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.write_bytes(pem)
    path.chmod(0o600)
    return path


def _certificate(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Certificate | None,
    issuer_key: ec.EllipticCurvePrivateKey,
    sans: list[x509.GeneralName],
    ca: bool = False,
) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.subject if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if sans:
        builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def make_pki(directory: Path) -> Pki:
    """A CA, a server certificate for localhost/127.0.0.1 and an agent certificate."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("rolecall test CA", ca_key, None, ca_key, [], ca=True)
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = _certificate(
        "localhost",
        server_key,
        ca,
        ca_key,
        [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))],
    )
    agent_key = ec.generate_private_key(ec.SECP256R1())
    agent_uri = f"rolecall://{TENANT}/{NAMESPACE}/{GROUP}/node-a"
    agent = _certificate(
        "node-a", agent_key, ca, ca_key, [x509.UniformResourceIdentifier(agent_uri)]
    )
    pem = serialization.Encoding.PEM
    (directory / "ca.pem").write_bytes(ca.public_bytes(pem))
    (directory / "server.pem").write_bytes(server.public_bytes(pem))
    (directory / "agent.pem").write_bytes(agent.public_bytes(pem))
    return Pki(
        ca=directory / "ca.pem",
        server_cert=directory / "server.pem",
        server_key=_write_key(directory / "server.key", server_key),
        agent_cert=directory / "agent.pem",
        agent_key=_write_key(directory / "agent.key", agent_key),
    )


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def secure(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Iterator[RolecallProcess]:
    args = ["--tls-cert", str(pki.server_cert), "--tls-key", str(pki.server_key)]
    args += ["--client-ca", str(pki.ca)]
    proc = RolecallProcess(tmp_path_factory.mktemp("tls") / "data", extra_args=args).start()
    yield proc
    proc.stop()


def test_rest_is_https_only(secure: RolecallProcess, pki: Pki) -> None:
    assert secure.http_base.startswith("https://")
    with httpx.Client(
        base_url=secure.http_base, verify=ssl.create_default_context(cafile=pki.ca), timeout=10
    ) as http:
        response = http.get("/v1/sessions", headers=secure.headers)
        assert response.status_code == 200, response.text
        # Links are built for the scheme the client used.
        assert response.json()["links"]["self"].startswith("https://")
        assert http.get("/v1/sessions").status_code == 401
    plain = secure.http_base.replace("https://", "http://")
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{plain}/v1/sessions", headers=secure.headers, timeout=5)


def _stub(
    secure: RolecallProcess, token: str | None, pki: Pki, with_cert: bool = True
) -> tuple[grpc.Channel, failover_pb2_grpc.ClientFailoverServiceStub]:
    credentials = channel_credentials(
        secure.grpc_target,
        token,
        ca=pki.ca,
        cert=pki.agent_cert if with_cert else None,
        key=pki.agent_key if with_cert else None,
    )
    assert credentials is not None
    channel = grpc.secure_channel(secure.grpc_target, credentials)
    return channel, failover_pb2_grpc.ClientFailoverServiceStub(channel)


def test_grpc_needs_a_client_certificate(secure: RolecallProcess, pki: Pki) -> None:
    channel, stub = _stub(secure, secure.token, pki, with_cert=False)
    with channel, pytest.raises(grpc.RpcError) as refused:
        request = pb.ListGroupsRequest(tenant_id=TENANT, namespace_id=NAMESPACE)
        list(stub.ListGroups(request, timeout=5))
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE  # the handshake failed


def test_an_agent_certificate_heartbeats_only_its_own_session(
    secure: RolecallProcess, pki: Pki
) -> None:
    admin_channel, admin = _stub(secure, secure.token, pki)
    with admin_channel:
        admin.CreateGroup(
            pb.CreateGroupRequest(
                tenant_id=TENANT, namespace_id=NAMESPACE, group=pb.GroupConfiguration(id=GROUP)
            )
        )
        for session in ("node-a", "node-b"):
            admin.AddGroupClientSession(
                pb.AddGroupClientSessionRequest(
                    tenant_id=TENANT,
                    namespace_id=NAMESPACE,
                    group_id=GROUP,
                    session=pb.SessionSummary(id=session),
                )
            )
    agent_token = issue_token(secure.data_dir, TENANT, Scope.FAILOVER_AGENT)
    channel, stub = _stub(secure, agent_token, pki)
    with channel:
        keys = [
            pb.ClientSessionKey(
                tenant_id=TENANT, namespace_id=NAMESPACE, group_id=GROUP, session_id=session
            )
            for session in ("node-a", "node-b")
        ]
        request = pb.HeartbeatStreamRequest(heartbeats=[pb.SessionHeartbeat(key=k) for k in keys])
        answer = next(iter(stub.HeartbeatStream(iter([request]), timeout=5)))
        own, other = answer.roles
        # Alone in its group: PendingPrimary first (Primary on its next heartbeat).
        assert own.error_reason == "" and own.role == pb.CLIENT_ROLE_PENDING_PRIMARY
        assert other.error_reason == "WRONG_CLIENT_SESSION"
        with pytest.raises(grpc.RpcError) as refused:
            stub.SendGroupHeartbeat(
                pb.SendGroupHeartbeatRequest(
                    tenant_id=TENANT, namespace_id=NAMESPACE, group_id=GROUP, session_id="node-b"
                ),
                timeout=5,
            )
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
