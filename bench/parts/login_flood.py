"""A login flood beside live heartbeats: does password hashing starve the failover path?

`rolecall serve` with Envoy; 100 heartbeat streams x 10 Hz (gRPC) are measured twice, alone and
while 64 clients POST /session as fast as they are answered (each login is ~40 ms of scrypt).
Hashing runs on a bounded pool of nice-19 threads (server.services.users.PasswordHasher), so
the event loop keeps answering heartbeats first; the figure is heartbeat p99 with and without
the flood. On a 2-core machine the flood client and Envoy share the loader's core: when the
loader sends late (its bound line says so) the p99 is the loader's, not the server's.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from pathlib import Path

import httpx

from bench import scenarios
from bench.plan import Figures
from bench.registry import part
from bench.runner import Bench
from bench.seed import GroupSet, seed
from bench.server import LOADER_CPUS, Server, running_server
from server.services.users import Users
from server.store.sqlite import SqliteStore

LOGIN_CLIENTS = 64
TENANT = "bench"
USER, PASSWORD = "flood", "flood-password"
STREAMS = GroupSet("lf", 50, 2, scenarios.LOAD_TIMEOUT)  # 100 streams

ROWS = [
    ("login_quiet_p99_ms", "login flood: heartbeat p99 without logins, ms"),
    ("login_flood_p99_ms", "login flood: heartbeat p99 under 64 clients logging in, ms"),
    ("login_flood_per_s", "login flood: heartbeats answered/s (1,000 offered)"),
    ("login_flood_logins_per_s", "login flood: logins answered 200/s"),
    ("login_flood_refused_per_s", "login flood: logins refused (429, rate limit)/s"),
    ("login_flood_server_cpu_pct", "login flood: server CPU %"),
]
TARGETS = {"login_flood_p99_ms": ("<=", 50, "heartbeat p99 <= 50 ms under a login flood")}


@part("login_flood", rows=ROWS, targets=TARGETS, order=35)
def login_flood_benchmarks(bench: Bench, tmp: Path) -> None:
    data_dir = tmp / "login_flood"
    seed(data_dir, [STREAMS])
    asyncio.run(add_user(data_dir))
    with running_server(data_dir, gateway=True) as server:
        scenarios.prime(server.grpc_target, scenarios.sessions_of(STREAMS))
        bench.log("login flood: 100 streams x 10 Hz alone, then beside 64 clients logging in")
        bench.repeat("login_quiet", lambda i, prof: heartbeats(bench, server, "login_quiet"))
        bench.repeat("login_flood", lambda i, prof: flooded(bench, server))


async def add_user(data_dir: Path) -> None:
    store = SqliteStore(data_dir / "rolecall.sqlite3")
    await store.open()
    users = Users(store)
    try:
        await users.add(TENANT, USER, PASSWORD)
    finally:
        users.close()
        await store.close()


def heartbeats(
    bench: Bench, server: Server, prefix: str, during: LoginFlood | None = None
) -> tuple[Figures, None]:
    figures, _ = scenarios.paced(
        bench.plan,
        server,
        group_set=STREAMS,
        rate_hz=10.0,
        processes=1,
        timing=bench.plan.streams_1k,
        prefix=prefix,
        during=during.start if during else None,
    )
    return figures, None


def flooded(bench: Bench, server: Server) -> tuple[Figures, None]:
    flood = LoginFlood(server.http_base, seconds=bench.plan.streams_1k["seconds"])
    figures, _ = heartbeats(bench, server, "login_flood", flood)
    ok, refused, seconds = flood.result()
    figures["login_flood_logins_per_s"] = round(ok / seconds, 1)
    figures["login_flood_refused_per_s"] = round(refused / seconds, 1)
    return figures, None


class LoginFlood:
    """`LOGIN_CLIENTS` clients, each posting the next login as soon as the last is answered,
    for `seconds` from `start()` (run on a thread of its own: `start` must not block)."""

    def __init__(self, http_base: str, seconds: float) -> None:
        self.http_base = http_base
        self.seconds = seconds
        self.ok = 0
        self.refused = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def result(self) -> tuple[int, int, float]:
        self._thread.join(self.seconds + 30.0)
        return self.ok, self.refused, self.seconds

    def _run(self) -> None:
        # On the load core(s), as the heartbeat loaders: never on the server's core.
        os.sched_setaffinity(0, LOADER_CPUS)
        asyncio.run(self._flood())

    async def _flood(self) -> None:
        stop = time.monotonic() + self.seconds
        limits = httpx.Limits(max_connections=LOGIN_CLIENTS)
        async with httpx.AsyncClient(base_url=self.http_base, limits=limits, timeout=30) as http:
            await asyncio.gather(*(self._client(http, stop) for _ in range(LOGIN_CLIENTS)))

    async def _client(self, http: httpx.AsyncClient, stop: float) -> None:
        body = {"username": USER, "password": PASSWORD}
        headers = {"x-g4-tenant": TENANT}
        while time.monotonic() < stop:
            answer = await http.post("/session", json=body, headers=headers)
            if answer.status_code == 200 and answer.json().get("validCredentials"):
                self.ok += 1
            elif answer.status_code == 429:
                self.refused += 1
            else:
                raise RuntimeError(f"login answered {answer.status_code}: {answer.text[:200]}")
