"""Composition root: builds the gRPC server (services, health, reflection) on a given port."""

from __future__ import annotations

import asyncio
import contextlib
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
from rolecall.ttl.v1 import ttl_pb2_grpc

from server.api.failover import ClientFailoverServicer
from server.api.jobs import JobServicer, JobSessionServicer
from server.api.live import LiveSessionServicer
from server.api.metrics_interceptor import MetricsInterceptor
from server.api.request_context import RequestContextInterceptor
from server.api.services import TRANSCODED_SERVICES
from server.api.ttl import TtlSessionServicer
from server.coordinator import FailoverCoordinator
from server.domain.clock import Clock
from server.domain.live_sessions import LiveSessionRegistry
from server.observability.metered_store import MeteredStore
from server.observability.metrics import Metrics, MetricsServer, measure_loop_lag, serve_metrics
from server.services.clock import SystemClock
from server.services.jobs import JOB_KIND, SESSION_KIND, Jobs
from server.services.ttl_sessions import TtlSessions
from server.services.users import Users
from server.store import Store, open_store

log = logging.getLogger("rolecall.app")

# The descriptor set Envoy's transcoder loads, written by scripts/generate.sh.
DESCRIPTOR_SET = Path(__file__).resolve().parent.parent / "generated" / "rolecall.pb"

SERVER_OPTIONS: Sequence[tuple[str, int]] = (
    # grpc Python shares a taken port silently unless this is off.
    ("grpc.so_reuseport", 0),
    # Many streams opened at once were refused with the defaults (PERF-NOTES).
    ("grpc.server.max_pending_requests", 20000),
    ("grpc.server.max_pending_requests_hard_limit", 40000),
    ("grpc.max_receive_message_length", 4 * 1024 * 1024),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.min_recv_ping_interval_without_data_ms", 5000),
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


@dataclass
class Rolecall:
    """A running rolecall gRPC server and what it owns."""

    server: grpc.aio.Server
    port: int
    store: Store
    coordinator: FailoverCoordinator
    live: LiveSessionRegistry
    health: Any  # grpc_health.v1.health.aio.HealthServicer (untyped)
    ttl: TtlSessions
    users: Users
    jobs: Jobs
    metrics: Metrics | None = None
    metrics_server: MetricsServer | None = None
    loop_lag: asyncio.Task[None] | None = None

    async def stop(self, grace: float = 2.0) -> None:
        """Health NOT_SERVING first, then let calls finish, then persist and close."""
        await self.health.enter_graceful_shutdown()
        sessions, _ = self.live.list()
        for session in sessions:
            self.live.close(session.id)
        await self.server.stop(grace)
        if self.loop_lag is not None:
            self.loop_lag.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.loop_lag
        await self.ttl.close()
        await self.coordinator.stop()
        self.users.close()
        await self.store.close()
        if self.metrics_server is not None:
            # Off the loop: shutting the HTTP thread down waits for a scrape in progress.
            await asyncio.to_thread(self.metrics_server.stop)


async def start(config: ServeConfig, clock: Clock | None = None) -> Rolecall:
    clock = clock or SystemClock()
    metrics = Metrics() if config.metrics_port is not None else None
    store = await open_store(
        config.data_dir,
        config.store_url,
        etcd_ca=config.etcd_ca,
        etcd_cert=config.etcd_cert,
        etcd_key=config.etcd_key,
        etcd_user=config.etcd_user,
        etcd_password=config.etcd_password,
    )
    if metrics is not None:
        store = MeteredStore(store, metrics)
    coordinator = FailoverCoordinator(
        store, clock, heartbeat_flush_interval=config.heartbeat_flush_interval
    )
    await coordinator.start()
    live = LiveSessionRegistry(clock)
    users = Users(store)
    ttl = TtlSessions(store, clock, users)
    await ttl.load()
    jobs = Jobs(store, clock)

    # The request id first: every later interceptor and handler of the call sees it.
    interceptors = (RequestContextInterceptor(), MetricsInterceptor(metrics))
    server = grpc.aio.server(interceptors=interceptors, options=SERVER_OPTIONS)
    failover_pb2_grpc.add_ClientFailoverServiceServicer_to_server(
        ClientFailoverServicer(coordinator, live, metrics=metrics), server
    )
    live_pb2_grpc.add_LiveSessionServiceServicer_to_server(LiveSessionServicer(live, clock), server)
    ttl_pb2_grpc.add_TtlSessionServiceServicer_to_server(TtlSessionServicer(ttl), server)
    jobs_pb2_grpc.add_JobSessionServiceServicer_to_server(JobSessionServicer(jobs), server)
    jobs_pb2_grpc.add_JobServiceServicer_to_server(JobServicer(jobs), server)
    health_servicer = health.aio.HealthServicer()  # type: ignore[attr-defined]
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    services = (*TRANSCODED_SERVICES, health.SERVICE_NAME, reflection.SERVICE_NAME)
    reflection.enable_server_reflection(services, server)

    port = server.add_insecure_port(f"{config.host}:{config.grpc_port}")
    if port == 0:
        raise OSError(f"cannot bind gRPC to {config.host}:{config.grpc_port}")
    await server.start()
    for name in ("", *TRANSCODED_SERVICES):
        await health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    log.info("gRPC serving on %s:%d", config.host, port)
    app = Rolecall(server, port, store, coordinator, live, health_servicer, ttl, users, jobs)
    if metrics is not None and config.metrics_port is not None:
        export_sizes(metrics, app)
        app.metrics = metrics
        app.loop_lag = asyncio.create_task(measure_loop_lag(metrics), name="loop-lag")
        app.metrics_server = serve_metrics(metrics, config.metrics_host, config.metrics_port)
        log.info("metrics on http://%s:%d/metrics", config.metrics_host, app.metrics_server.port)
    return app


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

    core = app.coordinator.core
    metrics.size("rolecall_failover_groups", lambda: core.sizes()[0])
    metrics.size("rolecall_deadline_heap_size", lambda: core.sizes()[1])
    metrics.size("rolecall_ttl_sessions", lambda: len(app.ttl))
    metrics.size("rolecall_live_sessions", lambda: len(app.live))
    metrics.size("rolecall_jobs", stored(JOB_KIND))
    metrics.size("rolecall_job_sessions", stored(SESSION_KIND))
