"""REST through Envoy vs gRPC direct: the v1 heartbeat POST (wrk, or the Python HTTP loader),
then the same RPC (SendGroupHeartbeat) straight to the server."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench import messages, scenarios
from bench.plan import Figures, Log, Plan
from bench.registry import part
from bench.rest_load import run_python, run_wrk, wrk_available
from bench.runner import Bench
from bench.seed import seed
from bench.server import CpuMeter, Server, running_server

REST_CONNECTIONS = 16

TARGETS = {"rest_heartbeat_per_s": (">=", 2_500, "REST through Envoy >= 2,500/s")}
ROWS = [
    ("rest_heartbeat_per_s", "REST heartbeat via Envoy, req/s"),
    ("rest_heartbeat_p99_ms", "REST p99, ms"),
    ("rest_server_cpu_pct", "REST: server CPU %"),
    ("rest_envoy_cpu_pct", "REST: Envoy CPU %"),
    ("grpc_heartbeat_per_s", "gRPC SendGroupHeartbeat direct, req/s"),
    ("grpc_heartbeat_p99_ms", "gRPC p99, ms"),
    ("grpc_server_cpu_pct", "gRPC: server CPU %"),
    ("rest_to_grpc_ratio", "REST / gRPC"),
]


@part("rest", rows=ROWS, targets=TARGETS, order=20)
def rest_benchmarks(bench: Bench, tmp: Path) -> None:
    data_dir = tmp / "rest"
    seed(data_dir, [scenarios.REST])
    bench.log("REST through Envoy vs gRPC direct: starting rolecall serve (with Envoy)")
    with running_server(data_dir, gateway=True) as server:
        bench.log(f"server pid {server.pid}, Envoy pid {server.envoy_pid}, {server.http_base}")
        scenarios.prime(server.grpc_target, scenarios.sessions_of(scenarios.REST))
        bench.repeat(
            "rest_vs_grpc", lambda i, prof: (rest_vs_grpc(bench.plan, server, bench.log), None)
        )


def rest_vs_grpc(plan: Plan, server: Server, log: Log) -> Figures:
    figures = rest_figures(plan, server)
    figures.update(grpc_figures(plan, server))
    if figures["grpc_heartbeat_per_s"]:
        figures["rest_to_grpc_ratio"] = round(
            figures["rest_heartbeat_per_s"] / figures["grpc_heartbeat_per_s"], 3
        )
    log(
        f"  REST {figures['rest_heartbeat_per_s']:.0f}/s p99 {figures['rest_heartbeat_p99_ms']} ms"
        f" | gRPC {figures['grpc_heartbeat_per_s']:.0f}/s p99 {figures['grpc_heartbeat_p99_ms']} ms"
    )
    return figures


def http_load(plan: Plan, server: Server) -> tuple[dict[str, Any], CpuMeter, CpuMeter | None]:
    """One second of warm-up, then the measured HTTP load with the server's and Envoy's CPU."""
    sessions = scenarios.sessions_of(scenarios.REST)
    with tempfile.TemporaryDirectory(prefix="rolecall-bench-") as tmp:
        paths_file = Path(tmp) / "paths.txt"
        paths_file.write_text("\n".join(messages.rest_path(s) for s in sessions) + "\n")
        body = messages.rest_body()
        run_http = run_wrk if wrk_available() else run_python
        headers = server.process.headers
        run_http(
            server.http_base,
            paths_file,
            body,
            seconds=1.0,
            connections=REST_CONNECTIONS,
            headers=headers,
        )
        meters = [CpuMeter(server.pid)]
        if server.envoy_pid:
            meters.append(CpuMeter(server.envoy_pid))
        for meter in meters:
            meter.start()
        http = run_http(
            server.http_base,
            paths_file,
            body,
            seconds=plan.rest_seconds,
            connections=REST_CONNECTIONS,
            headers=headers,
        )
        for meter in meters:
            meter.stop()
    return http, meters[0], meters[1] if len(meters) > 1 else None


def rest_figures(plan: Plan, server: Server) -> Figures:
    http, server_meter, envoy_meter = http_load(plan, server)
    seconds = http["duration_us"] / 1e6
    errors = sum(int(http[k]) for k in ("connect", "read", "write", "status", "timeout"))
    envoy_cpu = round(envoy_meter.percent, 1) if envoy_meter else None
    return {
        "rest_heartbeat_per_s": round((http["requests"] - errors) / seconds, 1),
        "rest_heartbeat_p50_ms": round(http["p50_us"] / 1000, 3),
        "rest_heartbeat_p99_ms": round(http["p99_us"] / 1000, 3),
        "rest_heartbeat_errors": errors,
        "rest_server_cpu_pct": round(server_meter.percent, 1),
        "rest_envoy_cpu_pct": envoy_cpu,
        "rest_loader": http["loader"],
        "rest_heartbeat_bound": scenarios.bound(
            server_meter.percent, {"envoy": envoy_meter.percent if envoy_meter else None}
        ),
    }


def grpc_figures(plan: Plan, server: Server) -> Figures:
    """The same RPC straight to the server: as many calls in flight as wrk has connections."""
    sessions = scenarios.sessions_of(scenarios.REST)
    config = scenarios.loader_config(
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
    result, _ = scenarios.measure(server, [config], "python")
    rtt = result.histogram()
    return {
        "grpc_heartbeat_per_s": round(result.answered_per_s, 1),
        "grpc_heartbeat_p50_ms": scenarios.pct(rtt.percentile(50)),
        "grpc_heartbeat_p99_ms": scenarios.pct(rtt.percentile(99)),
        "grpc_heartbeat_errors": result.total("errors"),
        "grpc_server_cpu_pct": round(result.server_cpu_percent or 0.0, 1),
        "grpc_loader_cpu_pct": round(result.loader_cpu_percent, 1),
        "grpc_heartbeat_bound": scenarios.bound(
            result.server_cpu_percent, {"loader": result.loader_cpu_percent}
        ),
    }
