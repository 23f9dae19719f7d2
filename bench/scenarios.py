"""The measured scenarios; each run returns a flat dict of figures for that run.

Group sets are written into the store before the server starts (bench.seed). Load groups have a
one-hour timeout, so nothing expires between runs; each failover probe run has its own groups
with a 1 s timeout. Before a scenario, every session it uses heartbeats once (`prime`): groups
elect their Primary outside the measured window, and a refused heartbeat stops the bench.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from rolecall.failover.v1 import failover_pb2_grpc

from bench import messages
from bench.loaders import LoadResult, run_loaders
from bench.messages import Session
from bench.profile import Profile, Recorder
from bench.rest_load import run_python, run_wrk, wrk_available
from bench.restart import time_restart
from bench.seed import GroupSet
from bench.server import LOADER_CPUS, CpuMeter, Server

Figures = dict[str, Any]
Log = Callable[[str], None]

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


@dataclass(frozen=True)
class Plan:
    """How long each scenario runs; `quick` shortens every window."""

    quick: bool
    loader: str
    runs: int = 3
    streams_per_connection: int = 100
    profile_dir: Path | None = None

    @property
    def pipe(self) -> dict[str, float]:
        return {"warmup": 0.5, "seconds": 2.0} if self.quick else {"warmup": 1.0, "seconds": 5.0}

    @property
    def streams_1k(self) -> dict[str, float]:
        if self.quick:
            return {"ramp": 1.0, "warmup": 1.0, "seconds": 4.0, "drain": 3.0}
        return {"ramp": 2.0, "warmup": 3.0, "seconds": 10.0, "drain": 5.0}

    @property
    def streams_10k(self) -> dict[str, float]:
        if self.quick:
            return {"ramp": 2.0, "warmup": 1.0, "seconds": 3.0, "drain": 3.0}
        return {"ramp": 5.0, "warmup": 5.0, "seconds": 15.0, "drain": 10.0}

    @property
    def rest_seconds(self) -> float:
        return 2.0 if self.quick else 10.0


def pct(histogram_value: float | None) -> float | None:
    return None if histogram_value is None else round(histogram_value, 3)


# -- priming ------------------------------------------------------------------------------


def prime(target: str, sessions: Sequence[Session], chunk: int = 1000) -> None:
    """Every session heartbeats once; raises if the server refuses any of them."""
    requests = [
        messages.stream_request(sessions[i : i + chunk], sequence=1 + i // chunk)
        for i in range(0, len(sessions), chunk)
    ]
    with grpc.insecure_channel(
        target, options=[("grpc.max_receive_message_length", 64 * 1024 * 1024)]
    ) as channel:
        stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
        answered = 0
        for response in stub.HeartbeatStream(iter(requests), timeout=120):
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


def _loader_config(plan: Plan, server: Server, **fields: Any) -> dict[str, Any]:
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
    }
    config.update(fields)
    config["limit"] = (
        (config["ramp"] + config["open_timeout"] + config["warmup"] + config["seconds"])
        + config["drain"]
        + 30.0
    )
    return config


def _measure(
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


def _stream_figures(prefix: str, result: LoadResult, per_message: int = 1) -> Figures:
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
    config = _loader_config(
        plan, server, mode="pipelined", messages=hexes, window=window, **plan.pipe
    )
    result, prof = _measure(server, [config], loader, profile=profile)
    figures = _stream_figures(prefix, result, per_message=batch)
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
        _loader_config(
            plan, server, mode="paced", messages=hexes[k::processes], rate_hz=rate_hz, **timing
        )
        for k in range(processes)
    ]
    result, prof = _measure(server, configs, plan.loader, during=during, profile=profile)
    figures = _stream_figures(prefix, result)
    figures[f"{prefix}_streams_opened"] = result.total("opened")
    return figures, prof


# -- failover detection -------------------------------------------------------------------


class FailoverProbe:
    """bench.failover_probe in its own process, started while a load runs."""

    def __init__(self, server: Server, group_set: GroupSet, limit: float) -> None:
        self._config = {
            "target": server.grpc_target,
            "groups": group_set.group_ids(),
            "timeout": group_set.timeout,
            "limit": limit,
            "streams_per_connection": 10,
        }
        self._limit = limit
        self._proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        """Spawns the probe: it sets its groups up while the load ramps up."""
        cpus = ",".join(str(c) for c in sorted(LOADER_CPUS))
        self._proc = subprocess.Popen(
            ["taskset", "-c", cpus, sys.executable, "-m", "bench.failover_probe"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps(self._config) + "\n")
        self._proc.stdin.flush()

    def go(self) -> None:
        """The measured window is open: the Primaries stop now."""
        proc = self._proc
        if proc is not None and proc.stdin is not None:
            try:
                proc.stdin.write("go\n")
                proc.stdin.close()
            except BrokenPipeError:
                pass  # it ended already; result() says why
            proc.stdin = None  # closed: communicate() must not flush it

    def result(self) -> dict[str, Any]:
        proc = self._proc
        if proc is None:
            return {"error": "the probe never started"}
        try:
            out, err = proc.communicate(timeout=self._limit + 30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate(timeout=10)
        for line in reversed(out.splitlines()):
            if line.startswith("{"):
                result: dict[str, Any] = json.loads(line)
                return result
        return {"error": f"the probe failed: {err[-1000:]}"}


def failover_figures(prefix: str, probe: dict[str, Any]) -> Figures:
    lateness = sorted(float(x) for x in probe.get("lateness_ms", []))
    groups = int(probe.get("groups", 0))

    def at(p: float) -> float | None:  # nearest rank
        if not lateness:
            return None
        return round(lateness[max(0, math.ceil(p / 100 * len(lateness)) - 1)], 2)

    return {
        f"{prefix}_p50_ms": at(50),
        f"{prefix}_p99_ms": at(99),
        f"{prefix}_max_ms": round(lateness[-1], 2) if lateness else None,
        f"{prefix}_missed": int(probe.get("missed", groups)),
        f"{prefix}_measured_groups": int(probe.get("measured_groups", 0)),
        f"{prefix}_early_failovers": int(probe.get("early_failovers", 0)),
        f"{prefix}_error": probe.get("error"),
    }


# -- REST through Envoy vs gRPC direct ----------------------------------------------------

REST_CONNECTIONS = 16


def rest_vs_grpc(plan: Plan, server: Server, log: Log) -> Figures:
    """The v1 heartbeat POST through Envoy (wrk), then SendGroupHeartbeat over gRPC direct."""
    sessions = sessions_of(REST)
    figures: Figures = {}
    with tempfile.TemporaryDirectory(prefix="rolecall-bench-") as tmp:
        paths_file = Path(tmp) / "paths.txt"
        paths_file.write_text("\n".join(messages.rest_path(s) for s in sessions) + "\n")
        body = messages.rest_body()
        run_http = run_wrk if wrk_available() else run_python
        run_http(server.http_base, paths_file, body, seconds=1.0, connections=REST_CONNECTIONS)
        server_meter = CpuMeter(server.pid)
        envoy_meter = CpuMeter(server.envoy_pid) if server.envoy_pid else None
        server_meter.start()
        if envoy_meter:
            envoy_meter.start()
        http = run_http(
            server.http_base,
            paths_file,
            body,
            seconds=plan.rest_seconds,
            connections=REST_CONNECTIONS,
        )
        server_meter.stop()
        if envoy_meter:
            envoy_meter.stop()
    seconds = http["duration_us"] / 1e6
    errors = sum(int(http[k]) for k in ("connect", "read", "write", "status", "timeout"))
    figures.update(
        {
            "rest_heartbeat_per_s": round((http["requests"] - errors) / seconds, 1),
            "rest_heartbeat_p50_ms": round(http["p50_us"] / 1000, 3),
            "rest_heartbeat_p99_ms": round(http["p99_us"] / 1000, 3),
            "rest_heartbeat_errors": errors,
            "rest_server_cpu_pct": round(server_meter.percent, 1),
            "rest_envoy_cpu_pct": round(envoy_meter.percent, 1) if envoy_meter else None,
            "rest_loader": http["loader"],
            "rest_heartbeat_bound": bound(
                server_meter.percent, {"envoy": envoy_meter.percent if envoy_meter else None}
            ),
        }
    )
    # The same RPC straight to the server: as many calls in flight as wrk has connections.
    config = _loader_config(
        plan,
        server,
        mode="unary",
        method=messages.SEND_GROUP_HEARTBEAT,
        messages=[messages.unary_hex(s) for s in sessions],
        connections=2,
        window=REST_CONNECTIONS // 2,
        warmup=1.0,
        seconds=plan.rest_seconds,
        drain=5.0,
    )
    # grpc.aio spends less per unary call than grpc-js (~150 vs ~180 µs measured here).
    result, _ = _measure(server, [config], "python")
    rtt = result.histogram()
    figures.update(
        {
            "grpc_heartbeat_per_s": round(result.answered_per_s, 1),
            "grpc_heartbeat_p50_ms": pct(rtt.percentile(50)),
            "grpc_heartbeat_p99_ms": pct(rtt.percentile(99)),
            "grpc_heartbeat_errors": result.total("errors"),
            "grpc_server_cpu_pct": round(result.server_cpu_percent or 0.0, 1),
            "grpc_loader_cpu_pct": round(result.loader_cpu_percent, 1),
            "grpc_heartbeat_bound": bound(
                result.server_cpu_percent, {"loader": result.loader_cpu_percent}
            ),
        }
    )
    if figures["grpc_heartbeat_per_s"]:
        figures["rest_to_grpc_ratio"] = round(
            figures["rest_heartbeat_per_s"] / figures["grpc_heartbeat_per_s"], 3
        )
    log(
        f"  REST {figures['rest_heartbeat_per_s']:.0f}/s p99 {figures['rest_heartbeat_p99_ms']} ms"
        f" | gRPC {figures['grpc_heartbeat_per_s']:.0f}/s p99 {figures['grpc_heartbeat_p99_ms']} ms"
    )
    return figures


# -- restart ------------------------------------------------------------------------------


def restart(data_dir: Path) -> Figures:
    return {"restart_s": round(time_restart(data_dir), 3)}
