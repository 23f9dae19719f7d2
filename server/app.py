"""Composition root: builds the gRPC server (services, health, reflection) on a given port."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from rolecall.failover.v1 import failover_pb2_grpc
from rolecall.jobs.v1 import jobs_pb2_grpc
from rolecall.live.v1 import live_pb2_grpc
from rolecall.status.v1 import status_pb2_grpc
from rolecall.ttl.v1 import ttl_pb2_grpc

from server.api.auth import AuthInterceptor, enable_client_certificates
from server.api.failover import ClientFailoverServicer
from server.api.forwarding import ForwardingInterceptor
from server.api.jobs import JobServicer, JobSessionServicer
from server.api.live import LiveSessionServicer
from server.api.metrics_interceptor import MetricsInterceptor
from server.api.request_context import RequestContextInterceptor
from server.api.services import TRANSCODED_SERVICES
from server.api.status import ApiDocumentServicer, StatusServicer
from server.api.ttl import TtlSessionServicer
from server.domain.clock import Clock
from server.domain.live_sessions import LiveSessionRegistry
from server.domain.overload import OverloadSettings
from server.domain.quotas import DEFAULT_QUOTAS, Quotas
from server.domain.shards import DEFAULT_SHARDS
from server.gateway.config import loopback_for
from server.observability.failover_observer import FailoverObserver
from server.observability.metered_store import MeteredStore
from server.observability.metrics import Metrics, MetricsServer, measure_loop_lag, serve_metrics
from server.services.clock import SystemClock
from server.services.failover import FailoverService
from server.services.jobs import JOB_KIND, SESSION_KIND, Jobs
from server.services.shards import ShardManager, ShardsCallback, ShardSettings
from server.services.status import StatusService
from server.services.tasks import stop_task
from server.services.tokens import Tokens, bootstrap
from server.services.ttl_sessions import TtlSessions
from server.services.users import Users
from server.store import Store, open_store
from server.store.base import ReportsFaults
from server.store.etcd import EtcdStore

log = logging.getLogger("rolecall.app")

# The descriptor set Envoy's transcoder loads, written by scripts/generate.sh.
DESCRIPTOR_SET = Path(__file__).resolve().parent.parent / "generated" / "rolecall.pb"

# Revocations made by another process (`rolecall tokens revoke`) reach the server this fast.
REVOCATION_REFRESH_SECONDS = 2.0

SERVER_OPTIONS: Sequence[tuple[str, int]] = (
    # grpc Python shares a taken port silently unless this is off.
    ("grpc.so_reuseport", 0),
    # Many streams opened at once were refused with the defaults (PERF-NOTES).
    ("grpc.server.max_pending_requests", 20000),
    ("grpc.server.max_pending_requests_hard_limit", 40000),
    ("grpc.max_receive_message_length", 4 * 1024 * 1024),
    # Over the default soft limit (8 KiB) grpc refuses metadata at random, with a message that
    # lists header sizes. Envoy caps what clients send at 16 KiB (431) and forwards the path
    # twice; this leaves room for that, with one limit (soft = hard: no randomness).
    ("grpc.max_metadata_size", 64 * 1024),
    ("grpc.absolute_max_metadata_size", 64 * 1024),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.min_recv_ping_interval_without_data_ms", 5000),
)


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """TLS of the gRPC port, PEM files: `cert` and `key` turn it on; `client_ca` also requires
    client certificates (mTLS)."""

    cert: Path | None = None
    key: Path | None = None
    client_ca: Path | None = None

    @property
    def on(self) -> bool:
        if (self.cert is None) != (self.key is None):
            raise ValueError("--tls-cert and --tls-key go together")
        if self.cert is None and self.client_ca is not None:
            raise ValueError("--client-ca needs --tls-cert and --tls-key")
        return self.cert is not None

    def server_credentials(self) -> grpc.ServerCredentials:
        assert self.cert is not None and self.key is not None
        return grpc.ssl_server_credentials(
            [(self.key.read_bytes(), self.cert.read_bytes())],
            root_certificates=self.client_ca.read_bytes() if self.client_ca else None,
            require_client_auth=self.client_ca is not None,
        )

    def peer_credentials(self) -> grpc.ChannelCredentials | None:
        """How this replica dials another's gRPC port to forward a REST call: plaintext when
        the replicas run without TLS. With TLS, it trusts --client-ca when given (with mTLS
        every replica's certificate must come from that CA anyway, since it presents its own
        certificate as the client one), else the chain in its own --tls-cert file (a shared
        certificate, or a chain that ends at the root); the peers' --advertise names must be
        in their certificates."""
        if not self.on:
            return None
        assert self.cert is not None and self.key is not None
        return grpc.ssl_channel_credentials(
            root_certificates=(self.client_ca or self.cert).read_bytes(),
            private_key=self.key.read_bytes(),
            certificate_chain=self.cert.read_bytes(),
        )


@dataclass
class ServeConfig:
    host: str = "127.0.0.1"
    grpc_port: int = 50051
    data_dir: Path = field(default_factory=lambda: Path("data"))
    # Plain heartbeat values (scores, times) are persisted this often; roles, epochs and
    # configuration at once. After a restart every client gets a fresh timeout anyway.
    heartbeat_flush_interval: float = 5.0
    # `etcd://host:port,...` for the replicated store; None for SQLite under data_dir.
    store_url: str | None = None
    etcd_ca: Path | None = None
    etcd_cert: Path | None = None
    etcd_key: Path | None = None
    etcd_user: str | None = None
    etcd_password: str | None = None
    # Prometheus /metrics on this admin port (0 = any free port); None: no metrics at all.
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    # Tokens on every call but health checks and the g4 TTL API (its own login); False is
    # --insecure-no-auth.
    auth: bool = True
    # TLS on the gRPC port (--tls-cert/--tls-key/--client-ca).
    tls: TlsFiles = field(default_factory=TlsFiles)
    # Absolute links in REST answers start with this (`--public-url`); None: the REST
    # listener's own address.
    public_url: str | None = None
    # Per-tenant quotas (--max-... flags).
    quotas: Quotas = DEFAULT_QUOTAS
    # Overload rules (server.domain.overload); `--max-streams` caps HeartbeatStreams.
    overload: OverloadSettings = field(default_factory=OverloadSettings)
    # Several replicas (etcd store only): failover groups hash to `shards` shards, each owned by
    # one live replica under an etcd lease of `lease_ttl` seconds; `advertise` is the gRPC
    # address other replicas and clients reach this one at (default host:bound port).
    shards: int = DEFAULT_SHARDS
    lease_ttl: int = 3
    advertise: str | None = None


@dataclass
class AuthState:
    """What the server authenticates with; `tokens` is None with --insecure-no-auth."""

    tokens: Tokens | None = None
    # The cluster admin token written on first start, if that file still exists.
    bootstrap_token_path: Path | None = None
    refresher: asyncio.Task[None] | None = None


@dataclass
class Rolecall:
    """A running rolecall gRPC server and what it owns."""

    server: grpc.aio.Server
    port: int
    store: Store
    failover: FailoverService
    live: LiveSessionRegistry
    health: Any  # grpc_health.v1.health.aio.HealthServicer (untyped)
    ttl: TtlSessions
    users: Users
    jobs: Jobs
    metrics: Metrics | None = None
    metrics_server: MetricsServer | None = None
    loop_lag: asyncio.Task[None] | None = None
    auth: AuthState = field(default_factory=AuthState)
    # Where Envoy reaches the server: the gRPC port itself, or with TLS on it, a plaintext
    # listener on loopback only (Envoy forwards the caller's token; the server checks it).
    upstream_port: int = 0
    shards: ShardManager | None = None
    lease_health: asyncio.Task[None] | None = None

    async def stop(self, grace: float = 2.0) -> None:
        """Health NOT_SERVING first, then let calls finish, then persist and close."""
        await self.health.enter_graceful_shutdown()
        sessions, _ = self.live.list()
        for session in sessions:
            self.live.close(session.id)
        await self.server.stop(grace)
        for task in (self.loop_lag, self.auth.refresher, self.lease_health):
            await stop_task(task)
        await self.ttl.close()
        if self.shards is not None:
            await self.shards.stop()  # hand-off: flush, release, leave
        await self.failover.stop()
        self.users.close()
        await self.store.close()
        if self.metrics_server is not None:
            # Off the loop: shutting the HTTP thread down waits for a scrape in progress.
            await asyncio.to_thread(self.metrics_server.stop)


async def open_configured_store(config: ServeConfig) -> Store:
    """The store `config` names (SQLite under data_dir, or etcd at store_url), opened; also
    for the operator commands, which take the same store flags."""
    return await open_store(
        config.data_dir,
        config.store_url,
        etcd_ca=config.etcd_ca,
        etcd_cert=config.etcd_cert,
        etcd_key=config.etcd_key,
        etcd_user=config.etcd_user,
        etcd_password=config.etcd_password,
    )


async def start(config: ServeConfig, clock: Clock | None = None) -> Rolecall:
    clock = clock or SystemClock()
    metrics = Metrics() if config.metrics_port is not None else None
    store = await open_configured_store(config)
    faults = store if isinstance(store, ReportsFaults) else None
    shards = sharding(store, config)
    if metrics is not None:
        store = MeteredStore(store, metrics)
    failover = FailoverService(
        store,
        clock,
        heartbeat_flush_interval=config.heartbeat_flush_interval,
        observer=FailoverObserver(clock, metrics),
        quotas=config.quotas,
        ownership=shards,
        overload=config.overload,
    )
    await failover.start()
    live = LiveSessionRegistry(clock)
    users = Users(store)
    ttl = TtlSessions(store, clock, users, quotas=config.quotas, ownership=shards)
    await ttl.load()
    jobs = Jobs(store, clock, config.quotas, ownership=shards)
    auth = AuthState()
    if config.auth:
        auth.tokens, auth.bootstrap_token_path = await bootstrap(config.data_dir, store)
        auth.refresher = asyncio.create_task(refresh_revocations(auth.tokens))
    else:
        log.warning("AUTHENTICATION IS OFF (--insecure-no-auth): anyone can do anything")
    enable_client_certificates(config.tls.client_ca is not None)

    # The request id first: every later interceptor and handler of the call sees it.
    # Request ids first (auth errors carry them), then metrics (refused calls are counted), then
    # authentication.
    interceptors: list[Any] = [
        RequestContextInterceptor(),
        MetricsInterceptor(metrics),
        AuthInterceptor(auth.tokens),
    ]
    if shards is not None:
        # Last: only authenticated REST calls are forwarded, with their token.
        interceptors.append(ForwardingInterceptor(shards, config.tls.peer_credentials()))
    server = grpc.aio.server(interceptors=interceptors, options=SERVER_OPTIONS)
    failover_pb2_grpc.add_ClientFailoverServiceServicer_to_server(
        ClientFailoverServicer(failover, live, metrics=metrics), server
    )
    live_pb2_grpc.add_LiveSessionServiceServicer_to_server(
        LiveSessionServicer(live, clock, config.public_url), server
    )
    ttl_pb2_grpc.add_TtlSessionServiceServicer_to_server(TtlSessionServicer(ttl), server)
    jobs_pb2_grpc.add_JobSessionServiceServicer_to_server(JobSessionServicer(jobs), server)
    jobs_pb2_grpc.add_JobServiceServicer_to_server(JobServicer(jobs), server)
    status_pb2_grpc.add_StatusServiceServicer_to_server(
        StatusServicer(StatusService(failover, live, ttl, clock)), server
    )
    status_pb2_grpc.add_ApiDocumentServiceServicer_to_server(ApiDocumentServicer(), server)
    health_servicer = health.aio.HealthServicer()  # type: ignore[attr-defined]
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    services = (*TRANSCODED_SERVICES, health.SERVICE_NAME, reflection.SERVICE_NAME)
    reflection.enable_server_reflection(services, server)

    port, upstream_port = _bind(server, config)
    await server.start()
    lease_health = None
    if shards is not None:
        shards.settings.advertise = config.advertise or f"{loopback_for(config.host)}:{port}"
        # TTL first: its load may run again after a failed load (it is idempotent).
        shards.on_acquire = in_turn(ttl.load_shards, failover.load_shards)
        shards.on_release = in_turn(ttl.release_shards, failover.release_shards)
        shards.on_lost = in_turn(ttl.drop_shards, failover.drop_shards)
        await shards.start()
        lease_health = asyncio.create_task(serve_while_leased(shards, health_servicer))
    for name in ("", *TRANSCODED_SERVICES):
        await health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    if faults is not None:
        faults.on_fault(lambda _reason: not_serving(health_servicer))
    log.info("gRPC serving on %s:%d", config.host, port)
    app = Rolecall(
        server,
        port,
        store,
        failover,
        live,
        health_servicer,
        ttl,
        users,
        jobs,
        auth=auth,
        upstream_port=upstream_port,
        shards=shards,
        lease_health=lease_health,
    )
    if metrics is not None and config.metrics_port is not None:
        export_sizes(metrics, app)
        app.metrics = metrics
        app.loop_lag = asyncio.create_task(measure_loop_lag(metrics), name="loop-lag")
        app.metrics_server = serve_metrics(metrics, config.metrics_host, config.metrics_port)
        log.info("metrics on http://%s:%d/metrics", config.metrics_host, app.metrics_server.port)
    return app


def sharding(store: Store, config: ServeConfig) -> ShardManager | None:
    """On etcd, the replica's shard manager, which also fences the store's writes; on SQLite
    none: the one replica serves every group and nothing is checked per call."""
    if not isinstance(store, EtcdStore):
        return None
    settings = ShardSettings(advertise="", shards=config.shards, lease_ttl=config.lease_ttl)
    manager = ShardManager(store.client, settings, prefix=store.settings.prefix)
    store.guard = manager
    return manager


def in_turn(*callbacks: ShardsCallback) -> ShardsCallback:
    """One shard callback running each service's in turn (Freezer holds nothing per shard)."""

    async def run(shards: frozenset[int]) -> None:
        for callback in callbacks:
            await callback(shards)

    return run


# Seconds between two checks of the lease for the health status.
LEASE_HEALTH_INTERVAL = 0.25


async def serve_while_leased(shards: ShardManager, health_servicer: Any) -> None:
    """Health NOT_SERVING while the lease cannot be shown valid (etcd unreachable): agents
    then fall back to self-demotion, as documented; SERVING again once it is renewed."""
    serving = True
    while True:
        await asyncio.sleep(LEASE_HEALTH_INTERVAL)
        if shards.lease_valid() != serving:
            serving = not serving
            status = (
                health_pb2.HealthCheckResponse.SERVING
                if serving
                else health_pb2.HealthCheckResponse.NOT_SERVING
            )
            log.warning("health %s", "SERVING" if serving else "NOT_SERVING (no valid lease)")
            for name in ("", *TRANSCODED_SERVICES):
                await health_servicer.set(name, status)


_health_updates: set[asyncio.Task[None]] = set()


def not_serving(health_servicer: Any) -> None:
    """Health NOT_SERVING for the whole server and every service (the store stopped keeping
    writes): load balancers and Envoy's health checks take it out of rotation."""

    async def update() -> None:
        for name in ("", *TRANSCODED_SERVICES):
            await health_servicer.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)

    task = asyncio.get_running_loop().create_task(update())
    _health_updates.add(task)
    task.add_done_callback(_health_updates.discard)


# Store-backed counts are read through the loop at scrape time; a scrape waits this long.
SCRAPE_STORE_TIMEOUT = 2.0


def export_sizes(metrics: Metrics, app: Rolecall) -> None:
    """Sizes Prometheus reads when it scrapes (from the metrics thread: `len()` only, or a
    store read run on the loop)."""
    loop = asyncio.get_running_loop()

    def stored(kind: str) -> Callable[[], int]:
        def count() -> int:
            scan = asyncio.run_coroutine_threadsafe(app.store.scan(kind), loop)
            return len(scan.result(SCRAPE_STORE_TIMEOUT))

        return count

    core = app.failover.core
    metrics.size("rolecall_failover_groups", lambda: core.sizes()[0])
    metrics.size("rolecall_deadline_heap_size", lambda: core.sizes()[1])
    metrics.size("rolecall_ttl_sessions", lambda: len(app.ttl))
    metrics.size("rolecall_live_sessions", lambda: len(app.live))
    metrics.size("rolecall_jobs", stored(JOB_KIND))
    metrics.size("rolecall_job_sessions", stored(SESSION_KIND))


def _bind(server: grpc.aio.Server, config: ServeConfig) -> tuple[int, int]:
    """Bind the gRPC port (TLS if configured); return it and the port Envoy should dial."""
    address = f"{config.host}:{config.grpc_port}"
    if not config.tls.on:
        port = server.add_insecure_port(address)
        if port == 0:
            raise OSError(f"cannot bind gRPC to {address}")
        return port, port
    port = server.add_secure_port(address, config.tls.server_credentials())
    upstream = server.add_insecure_port("127.0.0.1:0")
    if port == 0 or upstream == 0:
        raise OSError(f"cannot bind gRPC to {address}")
    return port, upstream


async def refresh_revocations(tokens: Tokens) -> None:
    """Pick up revocations other processes wrote to the store."""
    while True:
        await asyncio.sleep(REVOCATION_REFRESH_SECONDS)
        try:
            await tokens.refresh_revoked()
        except Exception:  # the next pass retries; a store hiccup must not end revocation
            log.exception("reading revoked tokens failed")
