"""What Prometheus metrics cost on the heartbeat path, and which of them move under load.

Two `rolecall serve --no-gateway` processes share the server core: one without metrics, one
with `--metrics-port 0`, scraped once a second while it is loaded (as Prometheus would, only
more often). Runs alternate between them, so the machine's drift hits both alike. Then the
failover probe makes 100 groups fail over on the metered server, and the metric samples that
changed between the first and the last scrape are listed.
"""

from __future__ import annotations

import re
import threading
import time
import timeit
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from bench import scenarios
from bench.plan import Figures
from bench.probe import FailoverProbe, failover_figures
from bench.registry import part
from bench.runner import Bench
from bench.seed import seed
from bench.server import Server, running_server
from server.api.metrics_interceptor import CallMeter
from server.observability.metrics import Metrics

SCRAPE_INTERVAL = 1.0
Samples = dict[str, float]

ROWS = [
    ("metrics_off_pipelined_per_s", "(a) without metrics, answers/s"),
    ("metrics_on_pipelined_per_s", "(a) with metrics (scraped each 1 s), answers/s"),
    ("metrics_off_pipelined_server_us_per_msg", "(a) without metrics, server CPU µs/message"),
    ("metrics_on_pipelined_server_us_per_msg", "(a) with metrics, server CPU µs/message"),
    ("metrics_pipelined_cost_pct", "(a) metrics cost, % more server CPU per message"),
    ("metrics_off_batched_per_s", "(b) without metrics, session heartbeats/s"),
    ("metrics_on_batched_per_s", "(b) with metrics, session heartbeats/s"),
    ("metrics_off_batched_server_us_per_msg", "(b) without metrics, server CPU µs/session hb"),
    ("metrics_on_batched_server_us_per_msg", "(b) with metrics, server CPU µs/session hb"),
    ("metrics_batched_cost_pct", "(b) metrics cost, % more server CPU per session hb"),
    ("metrics_stream_message_ns", "hot path: metrics per stream message, ns (in-process)"),
    ("metrics_stream_message_pct", "hot path: that, % of (a)'s server CPU per message"),
    ("metrics_rpc_call_ns", "interceptor bookkeeping per RPC, ns (in-process)"),
    ("metrics_scrapes", "scrapes during the metered runs"),
    ("metrics_failover_p99_ms", "failover push p99 on the metered server, ms"),
    ("metrics_moved", "metrics that moved (first to last scrape)"),
]


def scrape(server: Server) -> Samples:
    """Every sample of the server's /metrics, as 'name{labels}' -> value."""
    with urllib.request.urlopen(server.process.metrics_url, timeout=5) as reply:
        text = reply.read().decode()
    samples: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return samples


@contextmanager
def scraping(server: Server, scrapes: list[Samples]) -> Iterator[None]:
    """Scrape every SCRAPE_INTERVAL seconds in a thread while the block runs."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(SCRAPE_INTERVAL):
            scrapes.append(scrape(server))

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(10)


def moved(first: Samples, last: Samples) -> list[str]:
    """Metric families with a sample that changed (process_* and python_* left out)."""
    names = set()
    for key, value in last.items():
        if key.startswith(("process_", "python_")) or first.get(key, 0.0) == value:
            continue
        names.add(re.sub(r"_(bucket|count|sum)$", "", key.split("{", 1)[0]))
    return sorted(names)


def server_us_per_message(figures: Figures, prefix: str) -> float | None:
    """Server CPU per answered heartbeat: unlike throughput, it does not depend on how much of
    the (shared, noisy) core the server was given."""
    rate, cpu = figures.get(f"{prefix}_per_s"), figures.get(f"{prefix}_server_cpu_pct")
    if not rate or cpu is None:
        return None
    return round(float(cpu) * 1e4 / float(rate), 2)


def cost_pct(off: float | None, on: float | None) -> float | None:
    if not off or on is None:
        return None
    return round(100.0 * (on - off) / off, 1)


class _EndedCall:
    """What the interceptor asks of a finished call's context: its code (None: OK)."""

    def code(self) -> None:
        return None


def hot_path_ns() -> tuple[float, float]:
    """(what a stream message pays for metrics, what the interceptor pays per RPC), in ns:
    the best of 5 timings of the very calls the server makes. Unlike the two-server comparison,
    this does not drown in the noise of a shared machine."""
    metrics = Metrics()
    messages, sessions = metrics.stream_messages, metrics.stream_session_heartbeats

    def per_message() -> None:
        messages.inc()
        sessions.inc(1)

    meter = CallMeter(metrics, metrics.rpc("/bench.Service/Method", "unary"))
    call: Any = _EndedCall()

    def per_call() -> None:
        meter.end(meter.begin(), call, None)

    number = 100_000
    return tuple(  # type: ignore[return-value]
        round(min(timeit.repeat(f, number=number, repeat=5)) / number * 1e9, 1)
        for f in (per_message, per_call)
    )


@part("metrics", rows=ROWS, order=50)
def metrics_benchmarks(bench: Bench, tmp: Path) -> None:
    plan = bench.plan
    probe_set = scenarios.failover_set("m")
    for name in ("off", "on"):
        seed(tmp / f"metrics-{name}", [scenarios.PIPELINED, probe_set])
    bench.log("metrics: two servers (without / with --metrics-port) on the server core")
    with (
        running_server(tmp / "metrics-off", gateway=False) as off,
        running_server(tmp / "metrics-on", gateway=False, extra_args=["--metrics-port", "0"]) as on,
    ):
        for server in (off, on):
            scenarios.prime(server.grpc_target, scenarios.sessions_of(scenarios.PIPELINED))
        scrapes = [scrape(on)]
        for batch, shape, window in ((1, "pipelined", 32), (100, "batched", 4)):
            for _ in range(plan.runs):
                for mode, server in (("off", off), ("on", on)):
                    prefix = f"metrics_{mode}_{shape}"
                    with scraping(on, scrapes) if mode == "on" else nullcontext():
                        figures, _ = scenarios.pipelined(
                            plan,
                            server,
                            batch=batch,
                            loader=plan.loader,
                            prefix=prefix,
                            window=window,
                        )
                    figures[f"{prefix}_server_us_per_msg"] = server_us_per_message(figures, prefix)
                    bench.record(prefix, figures)
                    bench.log(
                        f"  {prefix}: {figures.get(prefix + '_per_s')}/s, "
                        f"{figures[prefix + '_server_us_per_msg']} µs/message"
                    )
        bench.log("metrics: the failover probe on the metered server")
        probe = FailoverProbe(on, probe_set, limit=30.0)
        probe.start()
        time.sleep(3.0)  # it sets its groups up
        probe.go()
        bench.record("metrics_failover", failover_figures("metrics_failover", probe.result()))
        scrapes.append(scrape(on))
    medians = bench.figures()
    for shape in ("pipelined", "batched"):
        bench.totals[f"metrics_{shape}_cost_pct"] = cost_pct(
            medians.get(f"metrics_off_{shape}_server_us_per_msg"),
            medians.get(f"metrics_on_{shape}_server_us_per_msg"),
        )
    message_ns, call_ns = hot_path_ns()
    bench.totals["metrics_stream_message_ns"] = message_ns
    bench.totals["metrics_rpc_call_ns"] = call_ns
    off_us = medians.get("metrics_off_pipelined_server_us_per_msg")
    if off_us:
        bench.totals["metrics_stream_message_pct"] = round(message_ns / 1e3 / off_us * 100, 2)
    bench.totals["metrics_scrapes"] = len(scrapes)
    bench.totals["metrics_moved"] = " ".join(moved(scrapes[0], scrapes[-1]))
