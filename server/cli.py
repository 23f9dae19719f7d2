"""`rolecall` command line: `rolecall serve` runs the gRPC server and its Envoy sidecar."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import logging
import signal
import sys
from pathlib import Path
from urllib.parse import urlsplit

from grpc_health.v1 import health_pb2

from server.api.services import TRANSCODED_SERVICES
from server.app import DESCRIPTOR_SET, ServeConfig, TlsFiles, start
from server.cli_commands import (
    add_operator_commands,
    add_store_arguments,
    etcd_password_of,
    run_operator_command,
)
from server.domain.overload import OverloadSettings
from server.domain.quotas import Quotas
from server.domain.records import record_from
from server.domain.shards import DEFAULT_SHARDS
from server.gateway import (
    GATEWAY_HEALTH_SERVICE,
    EnvoySidecar,
    GatewaySecurity,
    GatewaySettings,
    GatewaySupervisor,
)
from server.observability.logs import LOG_FORMATS, configure_logging
from server.store.base import DamagedStore

log = logging.getLogger("rolecall")


def _serve_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve", help="run the gRPC server and the Envoy REST sidecar")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--grpc-port", type=int, default=50051)
    serve.add_argument("--http-port", type=int, default=8080, help="Envoy's REST port")
    serve.add_argument("--envoy-admin-port", type=int, default=9901)
    serve.add_argument("--data-dir", type=Path, default=Path("data"))
    serve.add_argument("--no-gateway", action="store_true", help="serve gRPC only")
    serve.add_argument(
        "--public-url",
        type=_public_url,
        default=None,
        help="scheme://host[:port][/prefix] REST links start with (default: the REST listener)",
    )
    serve.add_argument("--log-level", default="INFO")
    serve.add_argument(
        "--log-format", choices=LOG_FORMATS, default="text", help="text (default) or JSON lines"
    )
    serve.add_argument(
        "--metrics-port",
        type=int,
        default=None,
        help="serve Prometheus /metrics on this port (0 = any free port; default: no metrics)",
    )
    serve.add_argument(
        "--metrics-host", default="127.0.0.1", help="address of the metrics port (default loopback)"
    )
    quotas = serve.add_argument_group("per-tenant quotas (README: Quotas)")
    for quota in dataclasses.fields(Quotas):
        flag = "--max-" + quota.name.replace("_", "-")
        help_text = f"{quota.metadata['help']} (default {quota.default})"
        quotas.add_argument(flag, type=positive_int, default=quota.default, help=help_text)
    serve.add_argument(
        "--max-streams",
        type=non_negative_int,
        default=0,
        help="HeartbeatStreams held at most; more are refused SERVER_OVERLOADED with a retry "
        "delay (default 0: no fixed cap, refused only while the server is behind)",
    )
    store = serve.add_argument_group("replicated store (etcd)")
    add_store_arguments(store)
    store.add_argument(
        "--shards", type=int, default=DEFAULT_SHARDS, help="shards groups hash to (same on all)"
    )
    store.add_argument(
        "--lease-ttl", type=int, default=3, help="seconds a dead replica keeps its shards"
    )
    store.add_argument(
        "--advertise",
        metavar="HOST:PORT",
        help="this replica's gRPC address for clients and other replicas (default host:port)",
    )
    serve.add_argument(
        "--insecure-no-auth",
        action="store_true",
        help="accept every call without a token (local experiments only)",
    )
    serve.add_argument("--tls-cert", type=Path, help="PEM certificate: HTTPS and TLS on gRPC")
    serve.add_argument("--tls-key", type=Path, help="PEM private key of --tls-cert")
    serve.add_argument(
        "--client-ca", type=Path, help="PEM CA bundle: require client certificates on gRPC"
    )


def _public_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(f"not an http(s) base URL: {text!r}")
    return text.rstrip("/")


def quotas_of(args: argparse.Namespace) -> Quotas:
    return Quotas(**{q.name: getattr(args, "max_" + q.name) for q in dataclasses.fields(Quotas)})


def positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive integer")
    return value


def non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is not a non-negative integer")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rolecall", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    _serve_parser(sub)
    add_operator_commands(sub)
    return parser


async def serve(args: argparse.Namespace) -> int:
    # Every flag named as a ServeConfig field sets that field.
    config = record_from(
        ServeConfig,
        args,
        store_url=args.store,
        etcd_password=etcd_password_of(args),
        auth=not args.insecure_no_auth,
        quotas=quotas_of(args),
        overload=OverloadSettings(max_streams=args.max_streams),
        tls=TlsFiles(args.tls_cert, args.tls_key, args.client_ca),
    )
    app = await start(config)
    sidecar = None
    gateway = None

    async def set_gateway_serving(serving: bool) -> None:
        status = health_pb2.HealthCheckResponse.SERVING if serving else 2  # NOT_SERVING
        await app.health.set(GATEWAY_HEALTH_SERVICE, status)

    try:
        if not args.no_gateway:
            settings = GatewaySettings(
                host=args.host,
                http_port=args.http_port,
                admin_port=args.envoy_admin_port,
                # With TLS on the gRPC port, Envoy dials the server's loopback plaintext port.
                grpc_host="127.0.0.1" if config.tls.on else args.host,
                grpc_port=app.upstream_port,
                security=GatewaySecurity(
                    jwks=app.auth.tokens.keyring.jwks() if app.auth.tokens else None,
                    tls_cert=config.tls.cert,
                    tls_key=config.tls.key,
                ),
                descriptor_path=DESCRIPTOR_SET,
                services=TRANSCODED_SERVICES,
            )
            sidecar = EnvoySidecar(settings, state_dir=args.data_dir)
            gateway = GatewaySupervisor(sidecar, set_gateway_serving)
            await gateway.start()
        if app.metrics_server is not None:
            metrics = app.metrics_server
            print(f"rolecall metrics on http://{metrics.host}:{metrics.port}/metrics", flush=True)
        announce_auth(config, app.auth.bootstrap_token_path)
        print(f"rolecall gRPC listening on {args.host}:{app.port}", flush=True)
        if sidecar is not None:
            print(f"rolecall REST (Envoy) listening on {args.host}:{sidecar.http_port}", flush=True)
            print(f"rolecall Envoy admin on 127.0.0.1:{sidecar.admin_port}", flush=True)

        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
        log.info("shutting down")
    finally:
        if gateway is not None:
            await gateway.stop()
        await app.stop()
    return 0


def announce_auth(config: ServeConfig, token_path: Path | None) -> None:
    if not config.auth:
        print(
            "WARNING: rolecall runs WITHOUT AUTHENTICATION (--insecure-no-auth): anyone who "
            "reaches its ports can read and change every tenant's state.",
            file=sys.stderr,
            flush=True,
        )
        return
    if token_path is not None:
        print(f"rolecall admin token in {token_path}", flush=True)
        print(f"  export ROLECALL_TOKEN_FILE={token_path.resolve()}", flush=True)


def _run(coro_main: object) -> int:
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency on Linux
        return asyncio.run(coro_main)  # type: ignore[arg-type]
    return uvloop.run(coro_main)  # type: ignore[arg-type,no-any-return]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(getattr(args, "log_format", "text"), getattr(args, "log_level", "WARNING"))
    with contextlib.suppress(KeyboardInterrupt):
        if args.command == "serve":
            try:
                return _run(serve(args))
            except DamagedStore as error:  # one clear line, not a traceback
                print(f"rolecall: {error}", file=sys.stderr)
                return 2
        return run_operator_command(args)
    return 130


if __name__ == "__main__":
    sys.exit(main())
