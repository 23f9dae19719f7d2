"""Renders the Envoy bootstrap config: listener, filters, local replies, the gRPC cluster.

Envoy serves the REST APIs through its gRPC-JSON transcoder and passes gRPC through on the same
port. The conventions between the gateway (rolecall.lua beside this module + the transcoder) and
the server are:

* success other than 200: the server sends initial metadata `x-http-status: 201|202|204`;
* errors: the server aborts with trailing metadata `x-error-body` (the exact JSON body) and
  optionally `x-http-status` (e.g. 413); the status otherwise follows from the gRPC code;
* REST bodies reach the server raw, in the request's `google.api.HttpBody http_body` field
  (the server parses them strictly); Envoy adds `x-request-id`, `x-envoy-original-method` and
  `x-envoy-original-path`;
* errors Envoy makes itself get a failover-style JSON body from `local_reply_config`;
* with `GatewaySecurity.jwks`, the jwt_authn filter refuses a missing, forged or expired token
  (401 in the API's body) before the server spends CPU on it, and forwards the token: the
  server verifies it again (a cache hit) and decides tenant, namespace and scope. Routes of the
  public methods (server.api.auth: health, the g4 TTL API with its own bearer) need no token;
* with `GatewaySecurity.tls_cert`, the listener serves HTTPS (and gRPC over TLS).
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server.api.errors import ErrorBody, freezer_error_body, live_error_body, ttl_error_body
from server.domain.errors import DomainError

# Package data (pyproject package-data): inlined into the config by the renderer.
LUA_PATH = Path(__file__).resolve().parent / "rolecall.lua"
HEALTH_PATH = "/healthz"
CLUSTER = "rolecall_grpc"
# REST bodies over 1 MiB get 413 from the buffer filter (gRPC routes skip it: streams are not
# buffered); the listener's per-connection buffer has the same limit.
MAX_REQUEST_BODY_BYTES = 1024 * 1024
BUFFER_FILTER = "envoy.filters.http.buffer"
# The transcoder buffers a unary response; without this, one over the 1 MiB connection limit
# would become a 500.
MAX_RESPONSE_BODY_BYTES = 64 * 1024 * 1024
# Envoy's own error replies to REST requests: (HTTP status, Reason, Error, Resolution).
# %...% are Envoy substitution operators, filled in per request.
LOCAL_REPLIES: tuple[tuple[int, str, str, str], ...] = (
    (
        401,
        "INVALID_TOKEN",
        "The request carries no valid token: %LOCAL_REPLY_BODY%.",
        "Send `Authorization: Bearer <token>` with a valid, unexpired rolecall token.",
    ),
    (
        403,
        "INVALID_TOKEN",
        "The token is not for this service: %LOCAL_REPLY_BODY%.",
        "Send a rolecall token issued by this server.",
    ),
    (
        400,
        "INVALID_REQUEST_BODY",
        "The request is not valid: %LOCAL_REPLY_BODY%",
        "Send a JSON body of the documented shape and types.",
    ),
    (
        404,
        "NOT_FOUND",
        "No operation matches %REQ(:METHOD)% %REQ(:PATH)%.",
        "Check the method and the path against the API documentation.",
    ),
    (
        413,
        "BODY_TOO_LARGE",
        "The request body is larger than 1 MiB.",
        "Send a smaller request body.",
    ),
    (
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "This path is a REST operation; it does not take %REQ(CONTENT-TYPE)%.",
        "Send JSON (application/json) here, or call the gRPC method's own path.",
    ),
    (
        429,
        "TOO_MANY_REQUESTS",
        "Too many requests of this kind from this client address.",
        "Wait a second and retry, with backoff.",
    ),
    (
        431,
        "HEADERS_TOO_LARGE",
        "The request's path and headers are larger than 16 KiB.",
        "Send a shorter path, query string or headers.",
    ),
    (
        503,
        "SERVICE_UNAVAILABLE",
        "The rolecall server is not reachable.",
        "Retry later.",
    ),
)
# Refused by the HTTP codec before any filter ran, so the Lua filter could not mark the request
# as REST: these get a JSON body whatever the client is.
CODEC_STATUSES = frozenset({431})
# Path + headers a client may send (Envoy answers 431 above it). The server's gRPC metadata limit
# (server.app) leaves room for this twice (Envoy forwards the path again in
# x-envoy-original-path) plus Envoy's own headers.
MAX_REQUEST_HEADERS_KB = 16
# `POST /session` (g4 login: a password hash each) per client address: a burst, then per second.
LOGIN_BURST = 20
LOGINS_PER_SECOND = 10
LOCAL_RATE_LIMIT = "envoy.filters.http.local_ratelimit"
OTHER_LOCAL_REPLY = (
    "GATEWAY_ERROR",
    "The gateway could not handle the request: %RESPONSE_CODE_DETAILS%.",
    "Retry later; if it persists, report the OperationId.",
)


def _type(name: str) -> str:
    return f"type.googleapis.com/{name}"


def _socket_address(host: str, port: int) -> dict[str, Any]:
    return {"socket_address": {"address": host, "port_value": port}}


def loopback_for(host: str) -> str:
    """Where to reach a listener bound to `host` from this machine."""
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "::1"
    return host


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _rest_only(filter_: dict[str, Any], status: int = 0) -> dict[str, Any]:
    """Match `filter_` only for REST requests (the Lua filter marks them)."""
    if status in CODEC_STATUSES:
        return filter_
    rest = {
        "metadata_filter": {
            "matcher": {
                "filter": "rolecall",
                "path": [{"key": "rest"}],
                "value": {"bool_match": True},
            },
            # The default (true) would also match gRPC requests, which have no such key.
            "match_if_key_not_found": False,
        }
    }
    return {"and_filter": {"filters": [rest, filter_]}}


def _status_filter(op: str, status: int) -> dict[str, Any]:
    return {
        "status_code_filter": {
            "comparison": {
                "op": op,
                "value": {"default_value": status, "runtime_key": f"rolecall.reply_{status}"},
            }
        }
    }


def _error_format(reason: str, error: str, resolution: str) -> dict[str, Any]:
    return {
        "json_format": {
            "OperationId": "%REQ(X-REQUEST-ID)%",
            "Error": error,
            "Reason": reason,
            "Resolution": resolution,
        }
    }


# Envoy-made errors on each API's paths get that API's error body. Filters look at both
# :path and x-envoy-original-path: the transcoder has already rewritten :path when it refuses
# a body.
API_ERROR_BODIES: tuple[tuple[tuple[str, ...], ErrorBody], ...] = (
    (("/v1/sessions",), live_error_body),
    (("/session", "/static-session/"), ttl_error_body),
    (("/v2/",), freezer_error_body),
)


def _path_filter(prefixes: Sequence[str]) -> dict[str, Any]:
    return {
        "or_filter": {
            "filters": [
                {"header_filter": {"header": {"name": h, "string_match": {"prefix": p}}}}
                for p in prefixes
                for h in (":path", "x-envoy-original-path")
            ]
        }
    }


def _api_mappers() -> list[dict[str, Any]]:
    return [
        {
            "filter": _rest_only(
                {"and_filter": {"filters": [_path_filter(prefixes), _status_filter("EQ", status)]}},
                status,
            ),
            "body_format_override": {
                "json_format": body(
                    DomainError(reason, error, resolution), "%REQ(X-REQUEST-ID)%", status
                )
            },
        }
        for prefixes, body in API_ERROR_BODIES
        for status, reason, error, resolution in LOCAL_REPLIES
    ]


def _local_reply_config() -> dict[str, Any]:
    mappers = _api_mappers() + [
        {
            "filter": _rest_only(_status_filter("EQ", status), status),
            "body_format_override": _error_format(reason, error, resolution),
        }
        for status, reason, error, resolution in LOCAL_REPLIES
    ]
    mappers.append(
        {
            "filter": _rest_only(_status_filter("GE", 400)),
            "body_format_override": _error_format(*OTHER_LOCAL_REPLY),
        }
    )
    return {"mappers": mappers}


JWT_PROVIDER = "rolecall"


@dataclass(frozen=True)
class GatewaySecurity:
    """Token checks and TLS on the listener; the default (nothing) is a plain listener that
    passes every request to the server, which still checks tokens itself."""

    # The public keys tokens are signed with (a JWKS): verified by Envoy's jwt_authn.
    jwks: Mapping[str, Any] | None = None
    issuer: str = "rolecall"
    audience: str = "rolecall"
    # PEM files: HTTPS (and gRPC over TLS) on the listener.
    tls_cert: Path | None = None
    tls_key: Path | None = None


def _jwt_filter(security: GatewaySecurity) -> dict[str, Any]:
    from server.api.auth import public_routes  # the one table of what needs no token

    exact, prefixes = public_routes()
    public = [{"match": {"path": HEALTH_PATH}}]
    public += [{"match": {"path": path}} for path in exact]
    public += [{"match": {"prefix": prefix}} for prefix in prefixes]
    return {
        "name": "envoy.filters.http.jwt_authn",
        "typed_config": {
            "@type": _type("envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication"),
            "providers": {
                JWT_PROVIDER: {
                    "issuer": security.issuer,
                    "audiences": [security.audience],
                    # Inline: no network fetch; a key rotation takes a restart.
                    "local_jwks": {"inline_string": json.dumps(security.jwks)},
                    "from_headers": [
                        {"name": "authorization", "value_prefix": "Bearer "},
                        # OpenStack clients (Freezer) send keystone's header.
                        {"name": "x-auth-token"},
                    ],
                    "forward": True,
                    "clock_skew_seconds": 5,
                }
            },
            "rules": [
                *public,
                {"match": {"prefix": "/"}, "requires": {"provider_name": JWT_PROVIDER}},
            ],
        },
    }


def _tls_transport_socket(security: GatewaySecurity) -> dict[str, Any]:
    assert security.tls_cert is not None and security.tls_key is not None
    return {
        "name": "envoy.transport_sockets.tls",
        "typed_config": {
            "@type": _type("envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext"),
            "common_tls_context": {
                "tls_certificates": [
                    {
                        "certificate_chain": {"filename": str(security.tls_cert.resolve())},
                        "private_key": {"filename": str(security.tls_key.resolve())},
                    }
                ],
                "alpn_protocols": ["h2", "http/1.1"],
            },
        },
    }


def _http_filters(
    descriptor_path: Path, services: Sequence[str], security: GatewaySecurity
) -> list[dict[str, Any]]:
    lua = {
        "name": "envoy.filters.http.lua",
        "typed_config": {
            "@type": _type("envoy.extensions.filters.http.lua.v3.Lua"),
            "default_source_code": {"inline_string": LUA_PATH.read_text()},
        },
    }
    buffer = {
        "name": BUFFER_FILTER,
        "typed_config": {
            "@type": _type("envoy.extensions.filters.http.buffer.v3.Buffer"),
            "max_request_bytes": MAX_REQUEST_BODY_BYTES,
        },
    }
    rate_limit = {
        "name": LOCAL_RATE_LIMIT,
        "typed_config": {
            "@type": _type("envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit"),
            "stat_prefix": "rest",
        },
    }
    health = {
        "name": "envoy.filters.http.health_check",
        "typed_config": {
            "@type": _type("envoy.extensions.filters.http.health_check.v3.HealthCheck"),
            "pass_through_mode": False,
            "headers": [{"name": ":path", "string_match": {"exact": HEALTH_PATH}}],
            "cluster_min_healthy_percentages": {CLUSTER: {"value": 100.0}},
        },
    }
    transcoder = {
        "name": "envoy.filters.http.grpc_json_transcoder",
        "typed_config": {
            "@type": _type(
                "envoy.extensions.filters.http.grpc_json_transcoder.v3.GrpcJsonTranscoder"
            ),
            "proto_descriptor": str(descriptor_path.resolve()),
            "services": list(services),
            "print_options": {
                "add_whitespace": False,
                "always_print_primitive_fields": True,
                "always_print_enums_as_ints": True,
                "preserve_proto_field_names": False,
            },
            "match_incoming_request_route": True,
            "ignore_unknown_query_parameters": True,
            "query_param_unescape_plus": True,
            "convert_grpc_status": False,
            "request_validation_options": {"reject_unknown_method": True},
            "max_response_body_size": MAX_RESPONSE_BODY_BYTES,
        },
    }
    router = {
        "name": "envoy.filters.http.router",
        "typed_config": {"@type": _type("envoy.extensions.filters.http.router.v3.Router")},
    }
    # Encoders run in reverse: the Lua filter sees the transcoder's REST response. Tokens are
    # checked right after the Lua filter marked REST requests (their 401 gets the API's body)
    # and before a body is buffered. The rate limit applies only where a route configures one
    # (the login route, which needs no token).
    jwt = [_jwt_filter(security)] if security.jwks is not None else []
    return [lua, *jwt, rate_limit, buffer, health, transcoder, router]


def _route_config() -> dict[str, Any]:
    grpc_match = {
        "prefix": "/",
        "headers": [{"name": "content-type", "string_match": {"prefix": "application/grpc"}}],
    }
    return {
        "name": "rolecall",
        "virtual_hosts": [
            {
                "name": "rolecall",
                "domains": ["*"],
                "routes": [
                    # gRPC streams (HeartbeatStream, WatchGroup) live as long as their client and
                    # may be quiet for long: no timeout, no idle timeout.
                    {
                        "match": grpc_match,
                        "route": {"cluster": CLUSTER, "timeout": "0s", "idle_timeout": "0s"},
                        "typed_per_filter_config": {
                            BUFFER_FILTER: {
                                "@type": _type(
                                    "envoy.extensions.filters.http.buffer.v3.BufferPerRoute"
                                ),
                                "disabled": True,
                            }
                        },
                    },
                    _login_route(),
                    # REST calls: never cut by Envoy either (a stuck one still ends at the
                    # connection manager's 5 min stream idle timeout).
                    {
                        "match": {"prefix": "/"},
                        "route": {"cluster": CLUSTER, "timeout": "0s"},
                        "request_headers_to_add": LINK_HOST_HEADER,
                        "request_headers_to_remove": CLIENT_GRPC_HEADERS,
                    },
                ],
            }
        ],
    }


# gRPC protocol headers a REST client may send: forwarded, they would become the transcoded
# call's own (an invalid grpc-timeout failed the call with a 500, grpc-encoding made the server
# expect a compressed message). The transcoder sets what the call needs.
CLIENT_GRPC_HEADERS = [
    "grpc-timeout",
    "grpc-encoding",
    "grpc-accept-encoding",
    "grpc-message",
    "grpc-status",
    "grpc-status-details-bin",
]

# Without --public-url the server builds absolute links (JSON:API) from the listener's own
# address, never from the client's Host header (`Host: evil.example` would end up in links).
LINK_HOST_HEADER = [
    {
        "header": {"key": "x-forwarded-host", "value": "%DOWNSTREAM_LOCAL_ADDRESS%"},
        "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
    }
]


def _login_route() -> dict[str, Any]:
    """`POST /session` with a token bucket per client address (each login hashes a password)."""
    return {
        "match": {
            "path": "/session",
            "headers": [{"name": ":method", "string_match": {"exact": "POST"}}],
        },
        "route": {"cluster": CLUSTER, "timeout": "0s"},
        "request_headers_to_add": LINK_HOST_HEADER,
        "request_headers_to_remove": CLIENT_GRPC_HEADERS,
        "typed_per_filter_config": {
            LOCAL_RATE_LIMIT: {
                "@type": _type("envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit"),
                "stat_prefix": "login",
                # Required; the per-address descriptor below is the limit that matters.
                "token_bucket": {
                    "max_tokens": 1_000_000,
                    "tokens_per_fill": 1_000_000,
                    "fill_interval": "1s",
                },
                "filter_enabled": {"default_value": {"numerator": 100}},
                "filter_enforced": {"default_value": {"numerator": 100}},
                # An empty value is a wildcard: one bucket per client address seen.
                "descriptors": [
                    {
                        "entries": [{"key": "remote_address", "value": ""}],
                        "token_bucket": {
                            "max_tokens": LOGIN_BURST,
                            "tokens_per_fill": LOGINS_PER_SECOND,
                            "fill_interval": "1s",
                        },
                    }
                ],
                "max_dynamic_descriptors": 10_000,
                "always_consume_default_token_bucket": False,
                "rate_limits": [{"actions": [{"remote_address": {}}]}],
            }
        },
    }


def _cluster(grpc_host: str, grpc_port: int) -> dict[str, Any]:
    grpc_host = loopback_for(grpc_host)  # a server bound to 0.0.0.0 is dialled on loopback
    return {
        "name": CLUSTER,
        "type": "STATIC" if _is_ip(grpc_host) else "STRICT_DNS",
        "connect_timeout": "1s",
        "typed_extension_protocol_options": {
            "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                "@type": _type("envoy.extensions.upstreams.http.v3.HttpProtocolOptions"),
                "explicit_http_config": {"http2_protocol_options": {}},
            }
        },
        "load_assignment": {
            "cluster_name": CLUSTER,
            "endpoints": [
                {"lb_endpoints": [{"endpoint": {"address": _socket_address(grpc_host, grpc_port)}}]}
            ],
        },
        # Readiness and 503s follow the server's grpc.health.v1 status; check often even
        # without traffic (the default no-traffic interval is 60 s).
        "health_checks": [
            {
                "timeout": "1s",
                "interval": "1s",
                "no_traffic_interval": "1s",
                "unhealthy_interval": "0.25s",
                "initial_jitter": "0s",
                "unhealthy_threshold": 2,
                "healthy_threshold": 1,
                "grpc_health_check": {},
            }
        ],
    }


@dataclass(frozen=True)
class GatewaySettings:
    """What one Envoy serves: its listener and admin ports, and the gRPC server behind it."""

    host: str
    http_port: int  # 0: any free port
    admin_port: int  # 0: any free port
    grpc_host: str
    grpc_port: int
    descriptor_path: Path  # the descriptor set the transcoder loads
    services: Sequence[str]  # full names of the gRPC services to transcode
    security: GatewaySecurity | None = None  # JWT checks and HTTPS; None: neither


def render_envoy_config(settings: GatewaySettings) -> str:
    """The Envoy bootstrap for the REST + gRPC listener on `host:http_port`, as JSON text.

    The admin interface binds the loopback address only: it can stop Envoy.
    """
    host, admin_port = settings.host, settings.admin_port
    security = settings.security or GatewaySecurity()
    hcm = {
        "@type": _type(
            "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager"
        ),
        "stat_prefix": "rolecall",
        "codec_type": "AUTO",
        # The request id is the OperationId of every error body and log line of a request:
        # echo it so a client can quote it even for a success.
        "always_set_request_id_in_response": True,
        "max_request_headers_kb": MAX_REQUEST_HEADERS_KB,
        # The client address is the connection's peer, not what X-Forwarded-For claims: the
        # login rate limit keys on it.
        "use_remote_address": True,
        # ...which makes every client external: keep an x-request-id the client chose, so it
        # can correlate its own ids with error bodies and logs.
        "preserve_external_request_id": True,
        "route_config": _route_config(),
        "http_filters": _http_filters(settings.descriptor_path, settings.services, security),
        "local_reply_config": _local_reply_config(),
        # Quiet gRPC streams have no idle timeout: find dead clients with pings instead.
        "http2_protocol_options": {"connection_keepalive": {"interval": "30s", "timeout": "20s"}},
    }
    bootstrap = {
        "admin": {"address": _socket_address("::1" if ":" in host else "127.0.0.1", admin_port)},
        "static_resources": {
            "listeners": [
                {
                    "name": "rolecall_http",
                    "address": _socket_address(host, settings.http_port),
                    "per_connection_buffer_limit_bytes": MAX_REQUEST_BODY_BYTES,
                    "filter_chains": [
                        {
                            "filters": [
                                {
                                    "name": "envoy.filters.network.http_connection_manager",
                                    "typed_config": hcm,
                                }
                            ],
                            **(
                                {"transport_socket": _tls_transport_socket(security)}
                                if security.tls_cert is not None
                                else {}
                            ),
                        }
                    ],
                }
            ],
            "clusters": [_cluster(settings.grpc_host, settings.grpc_port)],
        },
        "overload_manager": {
            "resource_monitors": [
                {
                    "name": "envoy.resource_monitors.global_downstream_max_connections",
                    "typed_config": {
                        "@type": _type(
                            "envoy.extensions.resource_monitors.downstream_connections.v3."
                            "DownstreamConnectionsConfig"
                        ),
                        "max_active_downstream_connections": 50000,
                    },
                }
            ]
        },
    }
    return json.dumps(bootstrap, indent=2) + "\n"
