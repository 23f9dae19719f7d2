"""What authentication costs: REST heartbeats through Envoy and stream heartbeats, with auth on
next to auth off, plus the in-process price of one token check (cold and cached).

Two `rolecall serve` processes (with Envoy) share the server core: one with
`--insecure-no-auth`, one with auth on (Envoy's jwt_authn checks every REST request's token, the
server checks it again from its cache). Runs alternate between them, so the machine's drift hits
both alike. A stream is verified once when it opens, so its figure should barely move; the REST
figure pays Envoy's JWT check and the server's cache lookup on every request.
"""

from __future__ import annotations

import asyncio
import time
import timeit
from pathlib import Path

from bench import scenarios
from bench.parts.metrics import cost_pct, server_us_per_message
from bench.parts.rest import rest_figures
from bench.plan import Figures
from bench.registry import part
from bench.runner import Bench
from bench.seed import seed
from bench.server import Server, running_server
from server.domain.auth import Scope
from server.services.tokens import Keyring, Tokens
from server.store import Store, open_store

ROWS = [
    ("auth_off_rest_per_s", "REST heartbeat via Envoy, auth off, req/s"),
    ("auth_on_rest_per_s", "REST heartbeat via Envoy, auth on, req/s"),
    ("auth_rest_cost_pct", "REST: auth cost, % fewer req/s"),
    ("auth_off_rest_p99_ms", "REST p99 auth off, ms"),
    ("auth_on_rest_p99_ms", "REST p99 auth on, ms"),
    ("auth_off_stream_per_s", "stream heartbeats (pipelined), auth off, answers/s"),
    ("auth_on_stream_per_s", "stream heartbeats (pipelined), auth on, answers/s"),
    ("auth_off_stream_server_us_per_msg", "stream: server CPU µs/message, auth off"),
    ("auth_on_stream_server_us_per_msg", "stream: server CPU µs/message, auth on"),
    ("auth_stream_cost_pct", "stream: auth cost, % more server CPU per message"),
    ("auth_verify_cold_us", "token check, first time (EdDSA verify), µs (in-process)"),
    ("auth_verify_cached_us", "token check, cached, µs (in-process)"),
]


def _rest(bench: Bench, server: Server, mode: str) -> Figures:
    figures = rest_figures(bench.plan, server)
    return {
        f"auth_{mode}_rest_per_s": figures["rest_heartbeat_per_s"],
        f"auth_{mode}_rest_p99_ms": figures["rest_heartbeat_p99_ms"],
        f"auth_{mode}_rest_errors": figures["rest_heartbeat_errors"],
    }


def _stream(bench: Bench, server: Server, mode: str) -> Figures:
    prefix = f"auth_{mode}_stream"
    figures, _ = scenarios.pipelined(
        bench.plan, server, batch=1, loader="python", prefix=prefix, window=32
    )
    figures[f"{prefix}_server_us_per_msg"] = server_us_per_message(figures, prefix)
    return figures


def verify_cost_us(data_dir: Path) -> tuple[float, float]:
    """(first check of a token, cached check), µs: the best of 5 timings of `Tokens.verify`,
    each cold run on a new `Tokens` (an empty cache)."""

    async def issue() -> tuple[Keyring, Store, list[str]]:
        store = await open_store(data_dir)
        keyring = Keyring.load(data_dir)[0]
        tokens = Tokens(keyring, store)
        issued = [
            (await tokens.issue(tenant="bench", scopes=[Scope.JOBS], ttl_seconds=600)).token
            for _ in range(200)
        ]
        await store.close()  # verify never reads the store
        return keyring, store, issued

    keyring, store, issued = asyncio.run(issue())
    cold = []
    for _ in range(5):
        checker = Tokens(keyring, store)
        start = time.perf_counter()
        for token in issued:
            checker.verify(token)
        cold.append(time.perf_counter() - start)
    cached = min(timeit.repeat(lambda: checker.verify(issued[0]), number=10_000, repeat=5))
    return round(min(cold) / len(issued) * 1e6, 1), round(cached / 10_000 * 1e6, 2)


@part("auth", rows=ROWS, order=60)
def auth_benchmarks(bench: Bench, tmp: Path) -> None:
    for mode in ("off", "on"):
        seed(tmp / f"auth-{mode}", [scenarios.REST, scenarios.PIPELINED])
    bench.log("auth: two servers with Envoy (--insecure-no-auth / auth on) on the server core")
    with (
        running_server(tmp / "auth-off", gateway=True) as off,
        running_server(tmp / "auth-on", gateway=True, auth=True) as on,
    ):
        for server in (off, on):
            token = server.process.token or None
            for group_set in (scenarios.REST, scenarios.PIPELINED):
                scenarios.prime(server.grpc_target, scenarios.sessions_of(group_set), token=token)
        for _ in range(bench.plan.runs):
            for mode, server in (("off", off), ("on", on)):
                figures = {**_rest(bench, server, mode), **_stream(bench, server, mode)}
                bench.record(f"auth_{mode}", figures)
                bench.log(
                    f"  auth {mode}: REST {figures[f'auth_{mode}_rest_per_s']}/s, stream "
                    f"{figures.get(f'auth_{mode}_stream_per_s')}/s "
                    f"({figures[f'auth_{mode}_stream_server_us_per_msg']} µs/message)"
                )
    medians = bench.figures()
    off_rest, on_rest = medians.get("auth_off_rest_per_s"), medians.get("auth_on_rest_per_s")
    if off_rest and on_rest is not None:
        bench.totals["auth_rest_cost_pct"] = round(100.0 * (off_rest - on_rest) / off_rest, 1)
    bench.totals["auth_stream_cost_pct"] = cost_pct(
        medians.get("auth_off_stream_server_us_per_msg"),
        medians.get("auth_on_stream_server_us_per_msg"),
    )
    cold, cached = verify_cost_us(tmp / "auth-on")
    bench.totals["auth_verify_cold_us"] = cold
    bench.totals["auth_verify_cached_us"] = cached
