"""Heartbeat stream scenarios and what they share; each run returns a flat dict of figures.

Group sets are written into the store before the server starts (bench.seed). Load groups have a
one-hour timeout, so nothing expires between runs; each failover probe run has its own groups
with a 1 s timeout. Before a scenario, every session it uses heartbeats once (`prime`): groups
elect their Primary outside the measured window, and a refused heartbeat stops the bench.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import grpc
from rolecall.failover.v1 import failover_pb2_grpc

from bench import messages
from bench.loaders import LoadResult, run_loaders
from bench.messages import Session
from bench.plan import Figures, Plan
from bench.profile import Profile, Recorder
from bench.seed import GroupSet
from bench.server import CpuMeter, Server

LOAD_TIMEOUT = 3600.0
FAILOVER_TIMEOUT = 1.0
PIPELINED = GroupSet("ab", 50, 2, LOAD_TIMEOUT)
STREAMS_1K = GroupSet("c", 500, 2, LOAD_TIMEOUT)
# Half of STREAMS_1K (the same groups): 500 streams x 10 Hz, the load with headroom.
STREAMS_HALF = GroupSet("c", 250, 2, LOAD_TIMEOUT)
STREAMS_10K = GroupSet("d", 5000, 2, LOAD_TIMEOUT)
REST = GroupSet("rest", 50, 2, LOAD_TIMEOUT)
RESTART = GroupSet("r", 10_000, 10, 30.0, live=True)


def failover_set(tag: str) -> GroupSet:
    return GroupSet(f"fo{tag}-", 100, 2, FAILOVER_TIMEOUT)


def sessions_of(group_set: GroupSet) -> list[Session]:
    return [(g, s) for g in group_set.group_ids() for s in group_set.session_ids()]


def pct(histogram_value: float | None) -> float | None:
    return None if histogram_value is None else round(histogram_value, 3)


# -- priming ------------------------------------------------------------------------------


def prime(
    target: str, sessions: Sequence[Session], chunk: int = 1000, token: str | None = None
) -> None:
    """Every session heartbeats once; raises if the server refuses any of them. A stream the
    server refuses for load (it is busy restoring, say) is tried again after its retry delay."""
    for _ in range(PRIME_TRIES):
        try:
            _prime_once(target, sessions, chunk, token)
            return
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.RESOURCE_EXHAUSTED:  # type: ignore[attr-defined]
                raise
            time.sleep(PRIME_RETRY_SECONDS)
    _prime_once(target, sessions, chunk, token)


PRIME_TRIES = 10
PRIME_RETRY_SECONDS = 2.0


def _prime_once(target: str, sessions: Sequence[Session], chunk: int, token: str | None) -> None:
    requests = [
        messages.stream_request(sessions[i : i + chunk], sequence=1 + i // chunk)
        for i in range(0, len(sessions), chunk)
    ]
    with grpc.insecure_channel(
        target, options=[("grpc.max_receive_message_length", 64 * 1024 * 1024)]
    ) as channel:
        stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
        answered = 0
        metadata = (("authorization", f"Bearer {token}"),) if token else ()
        for response in stub.HeartbeatStream(iter(requests), timeout=120, metadata=metadata):
            if response.push:
                continue
            for role in response.roles:
                if role.error_reason:
                    raise RuntimeError(
                        f"heartbeat for {role.key.group_id}/{role.key.session_id} refused: "
                        f"{role.error_reason}"
                    )
            answered += len(response.roles)
    if answered != len(sessions):
        raise RuntimeError(f"primed {answered} of {len(sessions)} sessions")


# -- heartbeat streams --------------------------------------------------------------------


def loader_config(plan: Plan, server: Server, **fields: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "target": server.grpc_target,
        "method": messages.HEARTBEAT_STREAM,
        "warmup": 1.0,
        "seconds": 5.0,
        "drain": 5.0,
        "ramp": 0.0,
        "open_timeout": 30.0,
        "window": 1,
        "connections": 1,
        "rate_hz": 1.0,
        "streams_per_connection": plan.streams_per_connection,
        # The server's admin token when it runs with auth (the loaders send it).
        "token": server.process.token or None,
    }
    config.update(fields)
    config["limit"] = (
        (config["ramp"] + config["open_timeout"] + config["warmup"] + config["seconds"])
        + config["drain"]
        + 30.0
    )
    return config


def measure(
    server: Server,
    configs: Sequence[dict[str, Any]],
    loader: str,
    *,
    during: Callable[[], None] | None = None,
    profile: Path | None = None,
) -> tuple[LoadResult, Profile | None]:
    meter = CpuMeter(server.pid)
    recorder: list[Recorder] = []

    def on_measuring() -> None:
        meter.start()
        if profile is not None:
            seconds = min(float(c["seconds"]) for c in configs)
            recorder.append(Recorder(server.pid, max(1.0, seconds - 0.5), profile))

    result = run_loaders(
        configs, loader, on_measuring=on_measuring, on_measured=meter.stop, during=during
    )
    result.server_cpu_percent = meter.percent
    return result, (recorder[0].finish() if recorder else None)


SATURATED_PCT = 90.0
LOADER_LAG_MS = 50.0


def bound(server_cpu: float | None, others: dict[str, float | None]) -> str:
    """What limits a figure: the server if its core is (nearly) full, else a saturated other."""
    if server_cpu is not None and server_cpu >= SATURATED_PCT:
        return f"server (CPU {server_cpu:.0f}%)"
    for name, cpu in others.items():
        if cpu is not None and cpu >= SATURATED_PCT:
            return f"{name} (CPU {cpu:.0f}%)"
    return f"neither saturated (server CPU {server_cpu or 0:.0f}%)"


def stream_figures(prefix: str, result: LoadResult, per_message: int = 1) -> Figures:
    rtt = result.histogram()
    lag = result.histogram("send_lag")
    answered = result.total("answered")
    return {
        f"{prefix}_per_s": round(result.answered_per_s * per_message, 1),
        f"{prefix}_offered_per_s": round(result.offered_per_s * per_message, 1),
        f"{prefix}_p50_ms": pct(rtt.percentile(50)),
        f"{prefix}_p99_ms": pct(rtt.percentile(99)),
        f"{prefix}_max_ms": pct(rtt.max()),
        f"{prefix}_server_cpu_pct": round(result.server_cpu_percent or 0.0, 1),
        f"{prefix}_loader_cpu_pct": round(result.loader_cpu_percent, 1),
        f"{prefix}_loader_us_per_msg": round(
            1e6 * sum(float(r["cpu_s"]) for r in result.results) / answered, 1
        )
        if answered
        else None,
        f"{prefix}_loader_send_lag_p99_ms": pct(lag.percentile(99)),
        f"{prefix}_lost": result.total("lost"),
        f"{prefix}_errors": result.total("stream_failures") + result.total("open_failures"),
        f"{prefix}_failure_codes": result.failure_codes(),
        f"{prefix}_bound": bound(
            result.server_cpu_percent,
            {
                "loader": result.loader_cpu_percent,
                # A loader that sends late is saturated whatever its CPU figure says.
                "loader (sends late)": 100.0
                if (lag.percentile(99) or 0.0) > LOADER_LAG_MS
                else None,
            },
        ),
    }


def pipelined(
    plan: Plan,
    server: Server,
    *,
    batch: int,
    loader: str,
    prefix: str,
    window: int,
    profile: Path | None = None,
) -> tuple[Figures, Profile | None]:
    """(a) one heartbeat per message over 100 sessions in turn, or (b) 100 per message."""
    sessions = sessions_of(PIPELINED)
    if batch == 1:
        hexes = [messages.stream_hex([s]) for s in sessions]
    else:
        hexes = [
            messages.stream_hex(sessions[i : i + batch]) for i in range(0, len(sessions), batch)
        ]
    config = loader_config(
        plan, server, mode="pipelined", messages=hexes, window=window, **plan.pipe
    )
    result, prof = measure(server, [config], loader, profile=profile)
    figures = stream_figures(prefix, result, per_message=batch)
    if batch > 1:
        figures[f"{prefix}_msgs_per_s"] = round(result.answered_per_s, 1)
    return figures, prof


def paced(
    plan: Plan,
    server: Server,
    *,
    group_set: GroupSet,
    rate_hz: float,
    processes: int,
    timing: dict[str, float],
    prefix: str,
    during: Callable[[], None] | None = None,
    profile: Path | None = None,
) -> tuple[Figures, Profile | None]:
    """(c)/(d): one stream per session, each at `rate_hz`, spread over `processes` loaders."""
    hexes = [messages.stream_hex([s]) for s in sessions_of(group_set)]
    configs = [
        loader_config(
            plan, server, mode="paced", messages=hexes[k::processes], rate_hz=rate_hz, **timing
        )
        for k in range(processes)
    ]
    result, prof = measure(server, configs, plan.loader, during=during, profile=profile)
    figures = stream_figures(prefix, result)
    figures[f"{prefix}_streams_opened"] = result.total("opened")
    return figures, prof
