"""Authentication and authorization of every gRPC call: one interceptor, one table.

* `AuthInterceptor` (a grpc.aio server interceptor) authenticates each call from its metadata
  (`authorization: Bearer <token>`, or Freezer's `x-auth-token`), once per call: a stream is
  verified when it opens. The principal goes into a contextvar for the handler. Missing, forged,
  expired or revoked tokens end the call UNAUTHENTICATED with the API's error body.
* `METHOD_RULES` says, for every method served, which scopes allow it and where its tenant,
  namespace (and, for heartbeats, client session) are in the request.
* The rule is applied in two steps that both end in `server.domain.auth.decide`: the
  interceptor checks the scope; `authorize_request` (called by `server.api.rpc`'s decorators,
  which see the parsed request) checks the tenant, namespace and client session it names; the
  heartbeat stream calls `authorize_key` for each heartbeat's key.

Envoy's jwt_authn filter checks signature and expiry of REST and proxied gRPC calls first and
forwards the token; the server checks it again (a cache hit) and decides the rest.
"""

from __future__ import annotations

import contextvars
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import grpc

from server.api.errors import ERROR_BODIES, ErrorBody, abort, failover_error_body
from server.api.interceptors import Handler, MethodInterceptor
from server.domain.auth import (
    INSECURE_ADMIN,
    MISSING_TOKEN,
    AgentIdentity,
    Principal,
    Scope,
    agent_from_uri,
    decide,
)
from server.domain.errors import DomainError
from server.services.tokens import Tokens

# The principal of the call being handled (set by AuthInterceptor).
PRINCIPAL: contextvars.ContextVar[Principal | None] = contextvars.ContextVar(
    "rolecall_principal", default=None
)

BEARER_PREFIX = "bearer "
TOKEN_HEADERS = ("authorization", "x-auth-token")


class Reads(enum.Enum):
    """Where a request names its tenant."""

    NOTHING = "nothing"  # no tenant in the request (listings filter by the token's tenant)
    TENANT_NAMESPACE = "tenant_namespace"  # tenant_id + namespace_id fields
    PROJECT = "project"  # Freezer's project_id is the tenant
    PER_MESSAGE = "per_message"  # the heartbeat stream: every heartbeat's key


@dataclass(frozen=True, slots=True)
class Rule:
    scopes: frozenset[Scope]
    reads: Reads = Reads.NOTHING
    # Heartbeat-like calls name a client session: a certificate-bound agent may only send its own.
    session: bool = False
    # No token needed: health checks (Envoy's, load balancers'), and the g4 TTL API, which has
    # its own login and bearer (README: "Authentication").
    public: bool = False


_READ = frozenset({Scope.FAILOVER_READ})
_ADMIN = frozenset({Scope.FAILOVER_ADMIN})
_AGENT = frozenset({Scope.FAILOVER_AGENT})
_WATCH = frozenset({Scope.FAILOVER_READ, Scope.FAILOVER_AGENT})
_SESSIONS = frozenset({Scope.SESSIONS_ADMIN})
_JOBS = frozenset({Scope.JOBS})
_ANY = frozenset(Scope)
_PUBLIC = Rule(frozenset(), public=True)

_FAILOVER = "/rolecall.failover.v1.ClientFailoverService/"
_LIVE = "/rolecall.live.v1.LiveSessionService/"
_TTL = "/rolecall.ttl.v1.TtlSessionService/"
_JOB_SESSIONS = "/rolecall.jobs.v1.JobSessionService/"
_JOB_LIST = "/rolecall.jobs.v1.JobService/"
_STATUS = "/rolecall.status.v1.StatusService/"
_DOCUMENTS = "/rolecall.status.v1.ApiDocumentService/"


# Every method rolecall serves -> what it needs. A method missing here is refused (fail closed);
# tests/unit/test_auth.py checks every served method is listed.
def _each(service: str, methods: str, rule: Rule) -> dict[str, Rule]:
    """`rule` for each of `service`'s methods, named space-separated."""
    return {service + method: rule for method in methods.split()}


METHOD_RULES: Mapping[str, Rule] = {
    **_each(
        _FAILOVER,
        "ListGroups GetGroup ListClientSessions GetClientSession",
        Rule(_READ, Reads.TENANT_NAMESPACE),
    ),
    **_each(
        _FAILOVER,
        "CreateGroup PutGroup DeleteGroup AddGroupClientSession RemoveGroupClientSession "
        "CreateClientSession PutClientSession DeleteClientSession",
        Rule(_ADMIN, Reads.TENANT_NAMESPACE),
    ),
    **_each(
        _FAILOVER,
        "SendGroupHeartbeat SendHeartbeat",
        Rule(_AGENT, Reads.TENANT_NAMESPACE, session=True),
    ),
    _FAILOVER + "HeartbeatStream": Rule(_AGENT, Reads.PER_MESSAGE, session=True),
    _FAILOVER + "WatchGroup": Rule(_WATCH, Reads.TENANT_NAMESPACE),
    **_each(_LIVE, "ListSessions GetSession DeleteSession", Rule(_SESSIONS)),
    **_each(_TTL, "CreateSession GetSession GetStaticSession UpdateSession DeleteSession", _PUBLIC),
    **_each(
        _JOB_SESSIONS,
        "ListSessions CreateSession GetSession UpdateSession DeleteSession AddJob RemoveJob "
        "RunAction",
        Rule(_JOBS, Reads.PROJECT),
    ),
    **_each(_JOB_LIST, "ListJobs CreateJob GetJob UpdateJob DeleteJob", Rule(_JOBS, Reads.PROJECT)),
    # The status page's HTML and script hold no data (the page asks for a token and sends it
    # with each snapshot request); the OpenAPI documents describe the APIs to clients that have
    # no token yet.
    _STATUS + "GetStatusPage": _PUBLIC,
    _STATUS + "GetStatusAsset": _PUBLIC,
    _DOCUMENTS + "ListApiDocuments": _PUBLIC,
    _DOCUMENTS + "GetApiDocument": _PUBLIC,
    # The snapshot names the tenant (and namespace) it shows; only an admin may leave it out
    # and see every tenant. The status page fills them from its token's claims.
    _STATUS + "GetStatus": Rule(_READ, Reads.TENANT_NAMESPACE),
    "/grpc.health.v1.Health/Check": _PUBLIC,
    "/grpc.health.v1.Health/Watch": _PUBLIC,
    # Reflection shows the API's shape, nothing of a tenant: any valid token.
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo": Rule(_ANY),
    "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo": Rule(_ANY),
}

UNKNOWN_METHOD_RULE = Rule(frozenset())  # nothing allows it but the cluster admin scope


def current_principal() -> Principal:
    """The caller of the call being handled (set by the interceptor)."""
    principal = PRINCIPAL.get()
    if principal is None:
        raise MISSING_TOKEN
    return principal


def _request_tenant(rule: Rule, request: Any) -> tuple[str | None, str | None]:
    if rule.reads is Reads.TENANT_NAMESPACE:
        return request.tenant_id, request.namespace_id
    if rule.reads is Reads.PROJECT:
        return request.project_id, None
    return None, None


def authorize_request(method: str, request: Any, context: Any) -> None:
    """Decide whether the current principal may call `method` on the tenant (namespace, client
    session) `request` names; raise PermissionDenied if not. Called by the rpc decorators, which
    see the parsed request; rules that read nothing from it were applied by the interceptor."""
    rule = METHOD_RULES.get(method, UNKNOWN_METHOD_RULE)
    if rule.public or rule.reads is Reads.NOTHING or rule.reads is Reads.PER_MESSAGE:
        return
    principal = current_principal()
    tenant, namespace = _request_tenant(rule, request)
    session = None
    if rule.session:
        principal = principal.with_agent(agent_identity(context))
        session = (request.group_id, request.session_id)
    decide(principal, rule.scopes, tenant, namespace, session)


def authorize_key(
    principal: Principal, tenant: str, namespace: str, group: str, session: str
) -> None:
    """The heartbeat stream's check of one heartbeat or goodbye key."""
    decide(principal, _AGENT, tenant, namespace, (group, session))


# Set by the app when the gRPC port asks for client certificates: only then is the (slower)
# auth_context of a call read.
_mtls_enabled = False


def enable_client_certificates(enabled: bool) -> None:
    global _mtls_enabled
    _mtls_enabled = enabled


def agent_identity(context: Any) -> AgentIdentity | None:
    """The agent identity of an mTLS client certificate's rolecall:// URI SAN, if any."""
    if not _mtls_enabled:
        return None
    auth = context.auth_context() or {}
    for raw in auth.get("x509_subject_alternative_name", ()):
        uri = raw.decode() if isinstance(raw, bytes) else str(raw)
        agent = agent_from_uri(uri)
        if agent is not None:
            return agent
    return None


def _token_of(metadata: Any) -> str | None:
    for key, value in metadata or ():
        if key in TOKEN_HEADERS:
            text = value.decode() if isinstance(value, bytes) else value
            if key == "authorization":
                if text[:7].lower() != BEARER_PREFIX:
                    continue
                text = text[7:]
            text = text.strip()
            if text:
                return text
    return None


def _error_body(method: str) -> ErrorBody:
    service = method.rsplit("/", 1)[0].lstrip("/")
    return ERROR_BODIES.get(service, failover_error_body)


def _refusing(handler: Any, error: DomainError, body: ErrorBody) -> Any:
    """`handler` with its behaviour replaced by one that ends the call with `error`."""

    async def refuse(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> None:
        await abort(context, error, body)

    if handler.request_streaming and handler.response_streaming:
        return handler._replace(stream_stream=refuse)
    if handler.request_streaming:
        return handler._replace(stream_unary=refuse)
    if handler.response_streaming:
        return handler._replace(unary_stream=refuse)
    return handler._replace(unary_unary=refuse)


class AuthInterceptor(MethodInterceptor):
    """Authenticates every call; with `tokens` None (--insecure-no-auth) everyone is admin."""

    def __init__(self, tokens: Tokens | None) -> None:
        self._tokens = tokens

    async def intercept_method(
        self, method: str, handler: Handler, handler_call_details: grpc.HandlerCallDetails
    ) -> Any:
        if self._tokens is None:
            PRINCIPAL.set(INSECURE_ADMIN)
            return handler
        rule = METHOD_RULES.get(method, UNKNOWN_METHOD_RULE)
        token = _token_of(handler_call_details.invocation_metadata)  # type: ignore[attr-defined]
        try:
            if token is None:
                if rule.public:
                    return handler
                raise MISSING_TOKEN
            principal = self._tokens.verify(token)
        except DomainError as error:
            if rule.public:  # a g4 bearer in Authorization is not ours to judge
                return handler
            return _refusing(handler, error, _error_body(method))
        PRINCIPAL.set(principal)
        try:
            # The scope now; the tenant when the handler sees the request (authorize_request).
            decide(principal, rule.scopes)
        except DomainError as error:
            return _refusing(handler, error, _error_body(method))
        return handler


def public_routes() -> tuple[list[str], list[str]]:
    """(exact paths, path prefixes) that need no token at the gateway: the gRPC paths of the
    public methods and their REST bindings (a template's part before its first variable)."""
    from google.api import annotations_pb2
    from google.protobuf import descriptor_pool

    pool = descriptor_pool.Default()
    exact: list[str] = []
    prefixes: list[str] = []
    for path, rule in METHOD_RULES.items():
        if not rule.public:
            continue
        exact.append(path)
        service_name, method_name = path.strip("/").split("/")
        try:
            method = pool.FindServiceByName(service_name).methods_by_name[method_name]
        except KeyError:
            continue  # not a rolecall proto (health): no REST binding
        options = method.GetOptions()
        if not options.HasExtension(annotations_pb2.http):
            continue
        http = options.Extensions[annotations_pb2.http]
        for binding in (http, *http.additional_bindings):
            template = getattr(binding, binding.WhichOneof("pattern"))
            head, variable, _ = template.partition("{")
            (prefixes if variable else exact).append(head)
    return sorted(set(exact)), sorted(set(prefixes))
