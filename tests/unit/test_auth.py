"""Tokens and the authorization rules, without a server: keys, claims, `decide`, the table."""

from __future__ import annotations

import stat
import time
from collections.abc import AsyncIterator
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from server.api.auth import METHOD_RULES, Reads
from server.api.services import TRANSCODED_SERVICES
from server.domain.auth import (
    AgentIdentity,
    Principal,
    Scope,
    agent_from_uri,
    decide,
    granted,
    parse_scopes,
    parse_ttl,
)
from server.domain.errors import InvalidArgument, PermissionDenied, Unauthenticated
from server.services.tokens import Keyring, Tokens, bootstrap, bootstrap_token_path
from server.store import Store, open_store


def principal(
    tenant: str = "acme",
    namespace: str | None = None,
    *scopes: Scope,
    agent: AgentIdentity | None = None,
) -> Principal:
    return Principal("sub", tenant, namespace, granted(scopes), "jti", time.time() + 60, "", agent)


# --- decide -------------------------------------------------------------------------------


def test_admin_may_do_anything_anywhere() -> None:
    decide(principal("*", None, Scope.ADMIN), frozenset({Scope.JOBS}), "other", "ns")


@pytest.mark.parametrize(
    ("who", "scopes", "tenant", "namespace", "reason"),
    [
        (
            principal("acme", None, Scope.FAILOVER_READ),
            {Scope.FAILOVER_ADMIN},
            "acme",
            "n",
            "MISSING_SCOPE",
        ),
        (
            principal("acme", None, Scope.FAILOVER_ADMIN),
            {Scope.FAILOVER_ADMIN},
            "beta",
            "n",
            "WRONG_TENANT",
        ),
        (
            principal("acme", "n1", Scope.FAILOVER_ADMIN),
            {Scope.FAILOVER_ADMIN},
            "acme",
            "n2",
            "WRONG_NAMESPACE",
        ),
        (principal("acme", None, Scope.JOBS), {Scope.FAILOVER_AGENT}, "acme", "n", "MISSING_SCOPE"),
    ],
)
def test_refusals(
    who: Principal, scopes: set[Scope], tenant: str, namespace: str, reason: str
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        decide(who, frozenset(scopes), tenant, namespace)
    assert refused.value.reason == reason


def test_admin_scope_of_failover_implies_read_and_namespace_token_fits_its_namespace() -> None:
    decide(
        principal("acme", "n1", Scope.FAILOVER_ADMIN),
        frozenset({Scope.FAILOVER_READ}),
        "acme",
        "n1",
    )


def test_a_certificate_bound_agent_heartbeats_only_its_own_session() -> None:
    agent = AgentIdentity("acme", "n1", "g", "s1")
    who = principal("acme", None, Scope.FAILOVER_AGENT, agent=agent)
    decide(who, frozenset({Scope.FAILOVER_AGENT}), "acme", "n1", ("g", "s1"))
    with pytest.raises(PermissionDenied) as refused:
        decide(who, frozenset({Scope.FAILOVER_AGENT}), "acme", "n1", ("g", "s2"))
    assert refused.value.reason == "WRONG_CLIENT_SESSION"


def test_agent_uri_san() -> None:
    assert agent_from_uri("rolecall://acme/plant%201/g/s") == AgentIdentity(
        "acme", "plant 1", "g", "s"
    )
    assert agent_from_uri("spiffe://acme/n/g/s") is None
    assert agent_from_uri("rolecall://acme/n/g") is None
    assert agent_from_uri("rolecall://acme/n/g/s/extra") is None


def test_scopes_and_ttls_parse_or_refuse() -> None:
    assert parse_scopes(["failover:agent", "jobs failover:read"]) == {
        Scope.FAILOVER_AGENT,
        Scope.JOBS,
        Scope.FAILOVER_READ,
    }
    with pytest.raises(InvalidArgument):
        parse_scopes(["root"])
    assert parse_ttl("90d") == 90 * 86400 and parse_ttl("12h") == 43200 and parse_ttl("30") == 30
    for bad in ("0", "-1d", "1y", "", "d"):
        with pytest.raises(InvalidArgument):
            parse_ttl(bad)


# --- the table ----------------------------------------------------------------------------


def test_every_served_method_has_a_rule() -> None:
    from google.protobuf import descriptor_pool

    pool = descriptor_pool.Default()
    for service_name in TRANSCODED_SERVICES:
        service = pool.FindServiceByName(service_name)
        for method in service.methods:
            assert f"/{service_name}/{method.name}" in METHOD_RULES, method.full_name


def test_rules_that_read_a_tenant_name_fields_the_request_has() -> None:
    from google.protobuf import descriptor_pool

    pool = descriptor_pool.Default()
    for path, rule in METHOD_RULES.items():
        service_name, method_name = path.strip("/").split("/")
        if not service_name.startswith("rolecall."):
            continue
        fields = pool.FindServiceByName(service_name).methods_by_name[method_name].input_type
        names = set(fields.fields_by_name)
        if rule.reads is Reads.TENANT_NAMESPACE:
            assert {"tenant_id", "namespace_id"} <= names, path
        if rule.reads is Reads.PROJECT:
            assert "project_id" in names, path
        if rule.session and rule.reads is Reads.TENANT_NAMESPACE:
            assert {"group_id", "session_id"} <= names, path


# --- tokens ---------------------------------------------------------------------------------


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(tmp_path)
    yield opened
    await opened.close()


def assert_private(data_dir: Path, token_file: Path) -> None:
    keys = list((data_dir / "auth" / "keys").iterdir())
    for private in (token_file, data_dir / "auth" / "keyring.json", *keys):
        assert stat.S_IMODE(private.stat().st_mode) == 0o600, private
    assert stat.S_IMODE((data_dir / "auth").stat().st_mode) == 0o700


async def test_first_start_makes_private_keys_and_a_bootstrap_admin_token(
    tmp_path: Path, store: Store
) -> None:
    tokens, path = await bootstrap(tmp_path, store)
    assert path == bootstrap_token_path(tmp_path)
    assert_private(tmp_path, path)
    admin = tokens.verify(path.read_text().strip())
    assert admin.is_admin and admin.subject == "bootstrap-admin"
    again, _ = await bootstrap(tmp_path, store)  # second start: same keys, no new token
    assert [k.key_id for k in again.keyring.keys] == [k.key_id for k in tokens.keyring.keys]
    assert len(await tokens.list()) == 1


async def test_issue_verify_and_claims(tmp_path: Path, store: Store) -> None:
    tokens, _ = await bootstrap(tmp_path, store)
    issued = await tokens.issue(
        tenant="acme", namespace="n1", scopes=[Scope.FAILOVER_AGENT], ttl_seconds=60
    )
    header = jwt.get_unverified_header(issued.token)
    assert header["alg"] == "EdDSA" and header["kid"] == tokens.keyring.signing.key_id
    claims = jwt.decode(issued.token, options={"verify_signature": False})
    assert {"iss", "aud", "sub", "jti", "exp", "iat", "tenant", "namespace", "scope"} <= set(claims)
    who = tokens.verify(issued.token)
    assert (who.tenant, who.namespace, who.scopes) == (
        "acme",
        "n1",
        frozenset({Scope.FAILOVER_AGENT}),
    )
    assert tokens.verify(issued.token) is who  # cached: verified once


async def test_expired_forged_and_garbage_tokens_are_refused(tmp_path: Path, store: Store) -> None:
    tokens, _ = await bootstrap(tmp_path, store)
    good = await tokens.issue(tenant="acme", scopes=[Scope.JOBS], ttl_seconds=60)
    claims = jwt.decode(good.token, options={"verify_signature": False})
    kid = tokens.keyring.signing.key_id
    expired = jwt.encode(
        {**claims, "exp": int(time.time()) - 60},
        tokens.keyring.signing.private,
        algorithm="EdDSA",
        headers={"kid": kid},
    )
    forged = jwt.encode(
        claims, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": kid}
    )
    none_alg = jwt.encode(claims, "", algorithm="none", headers={"kid": kid})
    for bad in (expired, forged, none_alg, "garbage", good.token + "x"):
        with pytest.raises(Unauthenticated):
            tokens.verify(bad)


async def test_revocation_reaches_a_running_verifier(tmp_path: Path, store: Store) -> None:
    server_side, _ = await bootstrap(tmp_path, store)
    issued = await server_side.issue(tenant="acme", scopes=[Scope.JOBS], ttl_seconds=60)
    server_side.verify(issued.token)  # now cached
    # `rolecall tokens revoke` is another process with its own Tokens over the same store.
    cli_side = Tokens(Keyring.load(tmp_path)[0], store)
    await cli_side.revoke(issued.token_id)
    await server_side.refresh_revoked()
    with pytest.raises(Unauthenticated) as refused:
        server_side.verify(issued.token)
    assert refused.value.reason == "TOKEN_REVOKED"
    assert (await cli_side.list("acme"))[0]["revoked"] is True


async def test_rotation_keeps_the_previous_key_for_the_overlap(
    tmp_path: Path, store: Store
) -> None:
    before, _ = await bootstrap(tmp_path, store)
    old = await before.issue(tenant="acme", scopes=[Scope.JOBS], ttl_seconds=60)
    ring = Keyring.load(tmp_path)[0]
    ring.rotate()
    after = Tokens(Keyring.load(tmp_path)[0], store)  # a restarted server
    new = await after.issue(tenant="acme", scopes=[Scope.JOBS], ttl_seconds=60)
    after.verify(old.token)
    after.verify(new.token)
    ring.rotate()  # a second rotation drops the first key
    latest = Tokens(Keyring.load(tmp_path)[0], store)
    latest.verify(new.token)
    with pytest.raises(Unauthenticated):
        latest.verify(old.token)
    assert len(list((tmp_path / "auth" / "keys").iterdir())) == 2


async def test_token_ids_never_read_as_a_command_line_flag(tmp_path: Path, store: Store) -> None:
    # `rolecall tokens revoke ID`: an id starting with "-" was taken for a flag (seen in the
    # suite: token_urlsafe starts one id in 64 with "-"; 300 ids missed it less than 1% of runs).
    tokens, _ = await bootstrap(tmp_path, store)
    for _ in range(300):
        issued = await tokens.issue(tenant="acme", scopes=[Scope.FAILOVER_READ], ttl_seconds=60)
        claims = jwt.decode(issued.token, options={"verify_signature": False})
        assert not claims["jti"].startswith("-"), claims["jti"]
