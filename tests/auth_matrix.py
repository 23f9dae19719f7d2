"""The cases every route is tried with, built from the one authorization table.

Shared by the direct gRPC test (tests/integration/test_auth_grpc.py) and the REST test through
Envoy (tests/e2e/test_auth_rest.py): each case is a token (or none) and what it must get.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.api import annotations_pb2
from google.protobuf import descriptor_pool

from server.api.auth import METHOD_RULES, Reads, Rule
from server.domain.auth import Scope, granted
from server.services.tokens import Tokens

TENANT, NAMESPACE, OTHER_TENANT = "acme", "n1", "beta"

# What a request's fields (and a REST path's variables) hold in every case.
FIELD_VALUES = {
    "tenant_id": TENANT,
    "namespace_id": NAMESPACE,
    "project_id": TENANT,
    "group_id": "g",
    "session_id": "s",
    "id": "1",
    "job_id": "j",
}

# Outcomes.
UNAUTHENTICATED = "unauthenticated"
DENIED = "denied"
ALLOWED = "allowed"  # anything but unauthenticated / denied


@dataclass(frozen=True)
class Case:
    name: str
    token: str | None

    def expect(self, rule: Rule) -> str:
        if self.name in ("none", "expired", "forged"):
            return UNAUTHENTICATED
        if self.name == "wrong_scope":
            return DENIED
        if self.name == "other_tenant":
            # Calls that name no tenant list or find only the caller's tenant's things.
            reads_tenant = rule.reads is not Reads.NOTHING
            return DENIED if reads_tenant else ALLOWED
        return ALLOWED


def guarded_methods() -> list[tuple[str, Rule]]:
    """Every rolecall method that needs a token."""
    return [
        (path, rule)
        for path, rule in METHOD_RULES.items()
        if path.startswith("/rolecall.") and not rule.public
    ]


def rest_routes(
    methods: Iterable[str], values: Mapping[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """(rpc path, HTTP method, URL path) of every HTTP binding of `methods`, variables filled
    from `values` (FIELD_VALUES by default; `{}` keeps the templates)."""
    values = FIELD_VALUES if values is None else values
    routes = []
    pool = descriptor_pool.Default()
    for path in methods:
        service_name, method_name = path.strip("/").split("/")
        try:
            method = pool.FindServiceByName(service_name).methods_by_name[method_name]
        except KeyError:
            continue
        options = method.GetOptions()
        if not options.HasExtension(annotations_pb2.http):
            continue
        rule = options.Extensions[annotations_pb2.http]
        for binding in (rule, *rule.additional_bindings):
            verb = binding.WhichOneof("pattern")
            routes.append((path, verb.upper(), fill(getattr(binding, verb), values)))
    return routes


def fill(template: str, values: Mapping[str, str]) -> str:
    """A URL template with its `{field}` variables replaced by `values` (others kept)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


async def cases_for(tokens: Tokens, rule: Rule) -> list[Case]:
    """The six cases for a method with `rule`, tokens minted with the server's own keys."""
    right = await tokens.issue(tenant=TENANT, scopes=rule.scopes, ttl_seconds=600)
    other = await tokens.issue(tenant=OTHER_TENANT, scopes=rule.scopes, ttl_seconds=600)
    # Every scope that does not grant (or imply) one the rule asks for.
    wrong_scopes = {s for s in Scope if not granted([s]) & rule.scopes} - {Scope.ADMIN}
    wrong = await tokens.issue(tenant=TENANT, scopes=wrong_scopes, ttl_seconds=600)
    claims: dict[str, Any] = jwt.decode(right.token, options={"verify_signature": False})
    signing = tokens.keyring.signing
    expired = jwt.encode(
        {**claims, "exp": int(time.time()) - 120},
        signing.private,
        algorithm="EdDSA",
        headers={"kid": signing.key_id},
    )
    forged = jwt.encode(
        claims, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": signing.key_id}
    )
    return [
        Case("none", None),
        Case("expired", expired),
        Case("forged", forged),
        Case("other_tenant", other.token),
        Case("wrong_scope", wrong.token),
        Case("right", right.token),
    ]
