"""HTTP load for the REST benchmark: wrk when installed, else a small Python loader.

wrk (Debian's `wrk`, C, with bench/wrk/heartbeat.lua for the POST bodies) costs a few µs per
request, so Envoy and the server are what is measured. The fallback, `python -m
bench.rest_load`, is a keep-alive HTTP/1.1 client on raw asyncio streams (uvloop): far cheaper
than an HTTP library but still ~50-100 µs per request, so with it the figure may be the loader's.
Both produce the same totals: requests, duration_us, connect/read/write/status/timeout errors,
p50_us, p99_us, max_us.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.server import LOADER_CPUS

WRK_SCRIPT = Path(__file__).resolve().parent / "wrk" / "heartbeat.lua"
LOOPBACK = "127.0.0.1"


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def ensure_wrk(log: Any) -> bool:
    """Installs Debian's wrk when missing and apt-get is usable (root); True if there."""
    if wrk_available():
        return True
    apt = shutil.which("apt-get")
    if apt is None or not Path("/var/lib/dpkg").exists():
        return False
    log("installing wrk (apt-get update, apt-get install -y wrk)")
    env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    for args in ([apt, "update", "-qq"], [apt, "install", "-y", "-qq", "wrk"]):
        try:
            subprocess.run(
                args,
                env=env,
                check=False,
                timeout=300,
                capture_output=True,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired):
            return False
    return wrk_available()


def _pinned() -> list[str]:
    cpus = ",".join(str(c) for c in sorted(LOADER_CPUS))
    return ["taskset", "-c", cpus] if shutil.which("taskset") else []


def run_wrk(
    base: str,
    paths_file: Path,
    body: str,
    *,
    seconds: float,
    connections: int,
    headers: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    if urlsplit(base).hostname != LOOPBACK:
        raise ValueError(f"refusing {base}: loopback only")
    command = [
        *_pinned(),
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(WRK_SCRIPT),
        base,
        "--",
        str(paths_file),
        body,
        *(f"{name}: {value}" for name, value in (headers or {}).items()),
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            result: dict[str, Any] = json.loads(line)
            result["loader"] = "wrk"
            return result
    raise RuntimeError(f"wrk printed no summary: {done.stdout[-500:]} {done.stderr[-500:]}")


def run_python(
    base: str,
    paths_file: Path,
    body: str,
    *,
    seconds: float,
    connections: int,
    headers: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    config = {
        "headers": dict(headers or {}),
        "base": base,
        "paths": paths_file.read_text().split(),
        "body": body,
        "seconds": seconds,
        "connections": connections,
    }
    done = subprocess.run(
        [*_pinned(), sys.executable, "-m", "bench.rest_load"],
        input=json.dumps(config),
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=False,
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            result: dict[str, Any] = json.loads(line)
            return result
    raise RuntimeError(f"the Python REST loader failed: {done.stderr[-1000:]}")


def _requests(config: dict[str, Any], host: str, port: int) -> list[bytes]:
    body = config["body"].encode()
    extra = "".join(f"{k}: {v}\r\n" for k, v in config.get("headers", {}).items())
    return [
        (
            f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"{extra}Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        + body
        for path in config["paths"]
    ]


class _Load:
    """Keep-alive connections sending the requests in turn until `end`."""

    def __init__(self, requests: list[bytes], end: float) -> None:
        self.requests = requests
        self.end = end
        self.latencies: list[float] = []
        self.errors: Counter[str] = Counter()
        self.next_request = 0

    async def connection(self, host: str, port: int) -> None:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            self.errors["connect"] += 1
            return
        try:
            while time.monotonic() < self.end:
                await self.exchange(reader, writer)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            self.errors["read"] += 1
        finally:
            writer.close()

    async def exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = self.requests[self.next_request % len(self.requests)]
        self.next_request += 1
        start = time.monotonic()
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await reader.readexactly(length)
        self.latencies.append(time.monotonic() - start)
        if status >= 400:
            self.errors["status"] += 1

    def pct(self, p: float) -> int:
        """The p-th percentile latency in µs (latencies sorted)."""
        latencies = self.latencies
        if not latencies:
            return 0
        return int(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1e6)


async def _load(config: dict[str, Any]) -> dict[str, Any]:
    url = urlsplit(config["base"])
    host, port = url.hostname, url.port
    if host != LOOPBACK or port is None:
        raise ValueError(f"refusing {config['base']}: loopback only")
    load = _Load(_requests(config, host, port), time.monotonic() + config["seconds"])
    started = time.monotonic()
    await asyncio.gather(*(load.connection(host, port) for _ in range(config["connections"])))
    duration = time.monotonic() - started
    load.latencies.sort()
    return {
        "requests": len(load.latencies),
        "duration_us": int(duration * 1e6),
        "connect": load.errors["connect"],
        "read": load.errors["read"],
        "write": 0,
        "status": load.errors["status"],
        "timeout": 0,
        "p50_us": load.pct(50),
        "p99_us": load.pct(99),
        "max_us": int(load.latencies[-1] * 1e6) if load.latencies else 0,
        "loader": "python",
    }


def main() -> int:
    config = json.loads(sys.stdin.read())
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency on Linux
        result = asyncio.run(_load(config))
    else:
        result = uvloop.run(_load(config))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
