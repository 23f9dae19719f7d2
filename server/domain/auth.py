"""Who may do what: principals, scopes and the one authorization decision.

A principal is what a verified token says about its bearer (tenant, namespace, scopes), plus,
on an mTLS connection, the one client session its certificate names. `decide` is the only
function that answers "may this principal do that, there?": the API layer reads the tenant and
namespace from each request (server/api/auth.py holds the table of what each method needs) and
asks here. Pure rules: no clock but the one given, no I/O.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from server.domain.errors import InvalidArgument, PermissionDenied, Unauthenticated

# Token claims (RFC 7519 registered names, plus ours). `scope` is a space-separated list, as
# in OAuth 2.0 (RFC 6749 3.3) and the JWT access token profile (RFC 9068).
ISSUER = "rolecall"
AUDIENCE = "rolecall"
TENANT_CLAIM = "tenant"
NAMESPACE_CLAIM = "namespace"
SCOPE_CLAIM = "scope"
# A cluster admin's token names no single tenant.
ANY_TENANT = "*"

# Agents' URI SAN: rolecall://TENANT/NAMESPACE/GROUP/SESSION (each part percent-encoded).
AGENT_URI_SCHEME = "rolecall"


class Scope(enum.StrEnum):
    """What a token allows. `ADMIN` is the cluster administrator: everything, every tenant."""

    FAILOVER_AGENT = "failover:agent"  # heartbeats, streams, goodbyes, watches
    FAILOVER_READ = "failover:read"  # read groups and client sessions
    FAILOVER_ADMIN = "failover:admin"  # create, change and delete groups and client sessions
    SESSIONS_ADMIN = "sessions:admin"  # the live sessions (/v1/sessions) of the tenant
    JOBS = "jobs"  # Freezer job sessions and jobs; the project is the tenant
    ADMIN = "admin"  # cluster administrator


# A scope also grants what the scopes it lists grant.
IMPLIED: Mapping[Scope, frozenset[Scope]] = {
    Scope.FAILOVER_ADMIN: frozenset({Scope.FAILOVER_READ}),
}


def parse_scopes(values: Iterable[str]) -> frozenset[Scope]:
    """Scopes from text (CLI arguments or a token's `scope` claim); unknown ones are an error."""
    scopes: set[Scope] = set()
    for value in values:
        for part in value.replace(",", " ").split():
            try:
                scopes.add(Scope(part))
            except ValueError:
                known = ", ".join(s.value for s in Scope)
                raise InvalidArgument(
                    "UNKNOWN_SCOPE", f"{part!r} is not a scope.", f"Use one of: {known}."
                ) from None
    return frozenset(scopes)


def granted(scopes: Iterable[Scope]) -> frozenset[Scope]:
    """Every scope `scopes` grant, the implied ones included."""
    out = set(scopes)
    for scope in list(out):
        out |= IMPLIED.get(scope, frozenset())
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class AgentIdentity:
    """The one client session an agent's certificate binds it to (mTLS)."""

    tenant: str
    namespace: str
    group: str
    session: str


@dataclass(frozen=True, slots=True)
class Principal:
    """The verified bearer of a token."""

    subject: str
    tenant: str  # ANY_TENANT for a cluster admin
    namespace: str | None  # None: every namespace of the tenant
    scopes: frozenset[Scope]  # with the implied ones
    token_id: str
    expires_at: float  # seconds since the epoch
    key_id: str = ""
    agent: AgentIdentity | None = None

    @property
    def is_admin(self) -> bool:
        return Scope.ADMIN in self.scopes

    def with_agent(self, agent: AgentIdentity | None) -> Principal:
        if agent is None:
            return self
        return Principal(
            self.subject,
            self.tenant,
            self.namespace,
            self.scopes,
            self.token_id,
            self.expires_at,
            self.key_id,
            agent,
        )


# Who everything is done as when the server runs with --insecure-no-auth.
INSECURE_ADMIN = Principal(
    subject="anonymous",
    tenant=ANY_TENANT,
    namespace=None,
    scopes=frozenset({Scope.ADMIN}),
    token_id="",
    expires_at=float("inf"),
)


def principal_from_claims(claims: Mapping[str, Any], key_id: str = "") -> Principal:
    """A principal from a token's verified claims; a claim of the wrong shape is refused."""
    subject = claims.get("sub")
    tenant = claims.get(TENANT_CLAIM)
    namespace = claims.get(NAMESPACE_CLAIM)
    scope_text = claims.get(SCOPE_CLAIM)
    token_id = claims.get("jti")
    expires = claims.get("exp")
    if (
        not isinstance(subject, str)
        or not isinstance(tenant, str)
        or not tenant
        or not (namespace is None or (isinstance(namespace, str) and namespace))
        or not isinstance(scope_text, str)
        or not isinstance(token_id, str)
        or not isinstance(expires, int | float)
    ):
        raise bad_token("The token's claims are not those of a rolecall token.")
    try:
        scopes = parse_scopes([scope_text])
    except InvalidArgument:
        raise bad_token("The token names a scope rolecall does not know.") from None
    return Principal(subject, tenant, namespace, granted(scopes), token_id, float(expires), key_id)


def claims_for(
    *,
    subject: str,
    tenant: str,
    namespace: str | None,
    scopes: Iterable[Scope],
    token_id: str,
    issued_at: int,
    expires_at: int,
) -> dict[str, Any]:
    """The claims of a new token."""
    scope_set = frozenset(scopes)
    if not scope_set:
        raise InvalidArgument("MISSING_SCOPE", "A token needs a scope.", "Give --scope.")
    if not tenant:
        raise InvalidArgument("MISSING_TENANT", "A token needs a tenant.", "Give --tenant.")
    if tenant == ANY_TENANT and Scope.ADMIN not in scope_set:
        raise InvalidArgument(
            "INVALID_TENANT",
            f"Only a cluster admin token may name every tenant ({ANY_TENANT!r}).",
            "Name one tenant, or give the admin scope.",
        )
    if expires_at <= issued_at:
        raise InvalidArgument("INVALID_TTL", "A token must live a while.", "Give --ttl above 0.")
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": subject,
        "jti": token_id,
        "iat": issued_at,
        "nbf": issued_at,
        "exp": expires_at,
        TENANT_CLAIM: tenant,
        SCOPE_CLAIM: " ".join(sorted(s.value for s in scope_set)),
    }
    if namespace:
        claims[NAMESPACE_CLAIM] = namespace
    return claims


def agent_from_uri(uri: str) -> AgentIdentity | None:
    """The agent identity in a certificate's URI SAN, or None if it is not a rolecall URI."""
    parts = urlsplit(uri)
    if parts.scheme != AGENT_URI_SCHEME:
        return None
    segments = [unquote(s) for s in [parts.netloc, *parts.path.lstrip("/").split("/")]]
    if len(segments) != 4 or not all(segments):
        return None
    return AgentIdentity(*segments)


def bad_token(message: str) -> Unauthenticated:
    return Unauthenticated(
        "INVALID_TOKEN", message, "Send a valid, unexpired rolecall token as a bearer token."
    )


MISSING_TOKEN = Unauthenticated(
    "MISSING_TOKEN",
    "The request carries no token.",
    "Send `Authorization: Bearer <token>`; `rolecall tokens create` issues tokens.",
)

REVOKED_TOKEN = Unauthenticated(
    "TOKEN_REVOKED", "The token has been revoked.", "Ask for a new token."
)


def decide(
    principal: Principal,
    scopes: frozenset[Scope],
    tenant: str | None = None,
    namespace: str | None = None,
    session: tuple[str, str] | None = None,
) -> None:
    """Allow, or raise PermissionDenied: the principal needs one of `scopes` and, where the call
    names a tenant (and namespace), to hold that tenant (and namespace). A certificate-bound
    agent may only act for its own client session (`session` = (group, session))."""
    if principal.is_admin:
        return
    if not scopes & principal.scopes:
        wanted = " or ".join(sorted(s.value for s in scopes))
        raise PermissionDenied(
            "MISSING_SCOPE",
            f"The token does not allow this call; it needs the scope {wanted}.",
            "Use a token with that scope.",
        )
    if tenant is not None and principal.tenant != tenant:
        raise PermissionDenied(
            "WRONG_TENANT",
            "The token does not allow access to this tenant.",
            "Use a token issued for this tenant.",
        )
    if tenant is not None and principal.namespace is not None and principal.namespace != namespace:
        raise PermissionDenied(
            "WRONG_NAMESPACE",
            "The token does not allow access to this namespace.",
            "Use a token issued for this namespace, or one for the whole tenant.",
        )
    agent = principal.agent
    if agent is not None and session is not None:
        if (agent.tenant, agent.namespace, agent.group, agent.session) != (
            tenant,
            namespace,
            *session,
        ):
            raise PermissionDenied(
                "WRONG_CLIENT_SESSION",
                "The client certificate is bound to another client session.",
                "Heartbeat only for the client session your certificate names.",
            )


def sees_tenant(principal: Principal, tenant: str) -> bool:
    """Whether listings show the principal things of `tenant`."""
    return principal.is_admin or principal.tenant == tenant


_TTL = re.compile(r"^(\d+)([smhdw]?)$")
_TTL_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_ttl(text: str) -> int:
    """A token lifetime such as `90d`, `12h`, `30m`, `3600s` or `3600`, in seconds."""
    match = _TTL.match(text.strip())
    seconds = int(match.group(1)) * _TTL_UNITS[match.group(2)] if match else 0
    if seconds <= 0:
        raise InvalidArgument(
            "INVALID_TTL",
            f"{text!r} is not a token lifetime.",
            "Give a positive number with a unit s, m, h, d or w, e.g. 90d.",
        )
    return seconds
