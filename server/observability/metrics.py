"""Every Prometheus metric rolecall exports, defined in one place.

One `Metrics` object per running server, on its own registry (tests run several servers in one
process). Hot paths call pre-bound label children (`Counter.labels(...)` once, `inc()` per
event: ~0.4 µs); sizes (TTL sessions, jobs, live sessions, groups, deadlines) are read by a
collector when Prometheus scrapes, so serving pays nothing for them.

The gRPC metric names are go-grpc-prometheus's (`grpc_server_handled_total`, ...), so
dashboards and alerts written for etcd or any Go gRPC server work unchanged.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import grpc
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    disable_created_metrics,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

log = logging.getLogger("rolecall.metrics")

# Handling time of RPCs and store commits: sub-millisecond heartbeats up to slow commits.
LATENCY_BUCKETS = (
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
    2.5, 5.0, 10.0,
)  # fmt: skip
# How long the event loop was late: healthy is under a millisecond, trouble is tens of ms.
LAG_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
LOOP_LAG_INTERVAL = 0.5

HEARTBEAT_APIS = ("stream", "v1", "v1-preview")
STORE_OPERATIONS = ("write", "put", "create", "delete")

# A size read at scrape time.
SizeReader = Callable[[], float]
# Every size gauge, with its help text; the composition root gives each its reader.
SIZES: dict[str, str] = {
    "rolecall_failover_groups": "Failover groups held now.",
    "rolecall_deadline_heap_size": "Entries in the failover deadline heap (one loop timer).",
    "rolecall_ttl_sessions": "TTL sessions held now.",
    "rolecall_live_sessions": "Live sessions (open HeartbeatStream and WatchGroup streams).",
    "rolecall_jobs": "Freezer jobs stored.",
    "rolecall_job_sessions": "Freezer job sessions stored.",
}


# The sample names of a family by its type (prometheus_client strips `_total` from counters).
_SAMPLE_SUFFIXES = {
    "counter": ("_total",),
    "histogram": ("_bucket", "_sum", "_count"),
    "summary": ("", "_sum", "_count"),
    "info": ("_info",),
}


@dataclass(frozen=True)
class Family:
    """One metric family: its type, name, help text, label names and (histograms) buckets."""

    kind: type[Counter] | type[Gauge] | type[Histogram]
    name: str
    help: str
    labels: tuple[str, ...] = ()
    buckets: tuple[float, ...] = ()

    def create(self, registry: CollectorRegistry) -> Counter | Gauge | Histogram:
        if self.buckets:
            return Histogram(
                self.name, self.help, self.labels, buckets=self.buckets, registry=registry
            )
        return self.kind(self.name, self.help, self.labels, registry=registry)


_RPC = ("grpc_type", "grpc_service", "grpc_method")
# Every family a Metrics object holds, by its attribute.
FAMILIES: dict[str, Family] = {
    "rpc_started": Family(
        Counter, "grpc_server_started_total", "RPCs started on the server.", _RPC
    ),
    "rpc_handled": Family(
        Counter,
        "grpc_server_handled_total",
        "RPCs completed on the server, by status code (a stream counts once, at its end).",
        (*_RPC, "grpc_code"),
    ),
    "rpc_handling": Family(
        Histogram,
        "grpc_server_handling_seconds",
        "Time from the start of an RPC to its status (a stream's whole lifetime).",
        _RPC,
        LATENCY_BUCKETS,
    ),
    "open_streams": Family(
        Gauge, "rolecall_open_streams", "Streaming RPCs open now.", ("grpc_service", "grpc_method")
    ),
    "heartbeat_messages": Family(
        Counter,
        "rolecall_heartbeat_messages_total",
        "Heartbeat messages received (a stream message may carry many session heartbeats).",
        ("api",),
    ),
    "session_heartbeats": Family(
        Counter,
        "rolecall_session_heartbeats_total",
        "Client session heartbeats received.",
        ("api",),
    ),
    "role_changes": Family(
        Counter,
        "rolecall_role_changes_total",
        "Client session role changes, by the group event that caused them.",
        ("cause",),
    ),
    "deadline_to_push": Family(
        Histogram,
        "rolecall_deadline_to_push_seconds",
        "Time from a missed deadline to the push of the role changes it caused.",
        buckets=LATENCY_BUCKETS,
    ),
    "store_commit": Family(
        Histogram,
        "rolecall_store_commit_seconds",
        "Time to commit a change to the store.",
        ("operation",),
        LATENCY_BUCKETS,
    ),
    "store_commit_failures": Family(
        Counter,
        "rolecall_store_commit_failures_total",
        "Store commits that failed.",
        ("operation",),
    ),
    "loop_lag": Family(
        Histogram,
        "rolecall_event_loop_lag_seconds",
        f"How late a {LOOP_LAG_INTERVAL} s sleep of the event loop woke up.",
        buckets=LAG_BUCKETS,
    ),
}


@dataclass(slots=True)
class RpcMetrics:
    """The pre-bound children of one gRPC method."""

    labels: tuple[str, str, str]  # grpc_type, grpc_service, grpc_method
    started: Counter
    handling: Histogram
    open_streams: Gauge | None
    handled: dict[grpc.StatusCode, Counter] = field(default_factory=dict)


def _split_method(full_method: str) -> tuple[str, str]:
    """'/pkg.Service/Method' -> ('pkg.Service', 'Method')."""
    _, service, method = full_method.split("/", 2) if full_method.count("/") >= 2 else ("", "", "")
    return service or "unknown", method or full_method or "unknown"


class _SizeCollector(Collector):
    """Reads registered sizes when Prometheus scrapes (in the metrics HTTP thread: readers
    must be plain `len()`-style reads, which are atomic under the GIL)."""

    def __init__(self) -> None:
        self.readers: dict[str, SizeReader] = {}

    def collect(self) -> Iterable[Metric]:
        for name, read in list(self.readers.items()):
            try:
                value = float(read())
            except Exception:  # a size that cannot be read now is left out of this scrape
                log.debug("reading %s failed", name, exc_info=True)
                continue
            yield GaugeMetricFamily(name, SIZES[name], value=value)

    def describe(self) -> Iterable[Metric]:
        return [GaugeMetricFamily(name, doc) for name, doc in SIZES.items()]


class Metrics:
    # The families of FAMILIES, by attribute.
    rpc_started: Counter
    rpc_handled: Counter
    rpc_handling: Histogram
    open_streams: Gauge
    heartbeat_messages: Counter
    session_heartbeats: Counter
    role_changes: Counter
    deadline_to_push: Histogram
    store_commit: Histogram
    store_commit_failures: Counter
    loop_lag: Histogram

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        # `*_created` series double the output and no dashboard reads them (process-wide).
        disable_created_metrics()  # type: ignore[no-untyped-call]
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        GCCollector(registry=r)

        for attribute, family in FAMILIES.items():
            setattr(self, attribute, family.create(r))

        # Pre-bound children for the hot paths.
        self.stream_messages = self.heartbeat_messages.labels("stream")
        self.stream_session_heartbeats = self.session_heartbeats.labels("stream")
        self.unary_heartbeats = {
            api: (self.heartbeat_messages.labels(api), self.session_heartbeats.labels(api))
            for api in HEARTBEAT_APIS
            if api != "stream"
        }
        self.store_ops = {
            op: (self.store_commit.labels(op), self.store_commit_failures.labels(op))
            for op in STORE_OPERATIONS
        }
        self._role_changes: dict[str, Counter] = {}
        self._rpcs: dict[str, RpcMetrics] = {}
        self._sizes = _SizeCollector()
        r.register(self._sizes)

    # -- hot-path helpers ---------------------------------------------------------------------

    def rpc(self, full_method: str, grpc_type: str) -> RpcMetrics:
        """The children of one method, bound on its first call."""
        found = self._rpcs.get(full_method)
        if found is None:
            service, method = _split_method(full_method)
            labels = (grpc_type, service, method)
            streaming = grpc_type != "unary"
            found = self._rpcs[full_method] = RpcMetrics(
                labels,
                self.rpc_started.labels(*labels),
                self.rpc_handling.labels(*labels),
                self.open_streams.labels(service, method) if streaming else None,
            )
            found.handled[grpc.StatusCode.OK] = self.rpc_handled.labels(*labels, "OK")
        return found

    def handled(self, rpc: RpcMetrics, code: grpc.StatusCode) -> Counter:
        child = rpc.handled.get(code)
        if child is None:
            child = rpc.handled[code] = self.rpc_handled.labels(*rpc.labels, code.name)
        return child

    def role_change(self, cause: str, count: int = 1) -> None:
        child = self._role_changes.get(cause)
        if child is None:
            child = self._role_changes[cause] = self.role_changes.labels(cause)
        child.inc(count)

    # -- sizes read at scrape time -------------------------------------------------------------

    def size(self, name: str, read: SizeReader) -> None:
        """Export `read()` as the gauge `name` (one of SIZES) whenever Prometheus scrapes."""
        if name not in SIZES:
            raise KeyError(f"{name} is not a declared size metric")
        self._sizes.readers[name] = read

    def names(self) -> set[str]:
        """Every sample name this registry can export, labelled children or not yet."""
        names = set(SIZES)
        for family in self.registry.collect():
            names.update(sample.name for sample in family.samples)
            names.update(
                family.name + suffix for suffix in _SAMPLE_SUFFIXES.get(family.type, ("",))
            )
        return names


@dataclass
class MetricsServer:
    """The admin HTTP listener that serves /metrics (prometheus_client's own, in a thread)."""

    host: str
    port: int
    _stop: Callable[[], None]

    def stop(self) -> None:
        self._stop()


def serve_metrics(metrics: Metrics, host: str, port: int) -> MetricsServer:
    """Serve /metrics on host:port (0 = any free port) in a background thread."""
    httpd, thread = start_http_server(port, addr=host, registry=metrics.registry)
    bound = httpd.server_address[1]

    def stop() -> None:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)

    return MetricsServer(host, int(bound), stop)


async def measure_loop_lag(metrics: Metrics, interval: float = LOOP_LAG_INTERVAL) -> None:
    """Sleep `interval` again and again; how late each wake-up is, is the loop's lag."""
    observe = metrics.loop_lag.observe
    while True:
        start = time.perf_counter()
        await asyncio.sleep(interval)
        observe(max(0.0, time.perf_counter() - start - interval))
