"""Runs load generator processes and merges what they measured.

Both loaders (bench/node/hb_load.js and bench/hb_load.py) take the same config, one line of
JSON on stdin:

    mode            "pipelined" (1 stream, `window` messages in flight),
                    "paced" (one stream per message, each at `rate_hz`) or
                    "unary" (`connections` x `window` unary calls in flight)
    target          "127.0.0.1:PORT" (anything else is refused)
    method          the gRPC method path
    messages        pre-encoded requests, hex (streams: without `sequence`, the loader adds it)
    warmup, seconds, drain, ramp, open_timeout, limit   seconds
    window, connections, rate_hz, streams_per_connection

They print `ready` when their streams are open, wait for a line "go" on stdin (sent to
every process once all are ready, so that their windows coincide), then print `measuring`
(window opens), `measured` (window closes) and `result` with: sent, answered (answers
received in the window), lost (sent in the window, never answered), streams, opened,
stream_failures, open_failures, failure_codes, unmatched, window_s, cpu_s (loader CPU in the
window), rtt and send_lag (histograms as [ms, count] pairs, ms to 3 significant digits).
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.server import LOADER_CPUS

BENCH_DIR = Path(__file__).resolve().parent
NODE_DIR = BENCH_DIR / "node"
NODE_SCRIPT = NODE_DIR / "hb_load.js"
REPO_DIR = BENCH_DIR.parent


def node_available() -> bool:
    return shutil.which("node") is not None and (NODE_DIR / "node_modules" / "@grpc").is_dir()


def ensure_node_modules(log: Callable[[str], None]) -> bool:
    """Installs bench/node's locked dependencies if node and npm are there; True if usable."""
    if node_available():
        return True
    npm = shutil.which("npm")
    if shutil.which("node") is None or npm is None:
        return False
    log("installing bench/node dependencies (npm ci)")
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=NODE_DIR,
        check=False,
        stdout=subprocess.DEVNULL,
        timeout=300,
    )
    return node_available()


def _command(loader: str) -> list[str]:
    cpus = ",".join(str(c) for c in sorted(LOADER_CPUS))
    pinned = ["taskset", "-c", cpus] if shutil.which("taskset") else []
    if loader == "node":
        return [*pinned, "node", str(NODE_SCRIPT)]
    return [*pinned, sys.executable, "-m", "bench.hb_load"]


@dataclass
class Histogram:
    """Round trips in ms (3 significant digits) with their counts."""

    counts: Counter[float] = field(default_factory=Counter)

    def add_pairs(self, pairs: Iterable[Sequence[float]]) -> None:
        for value, count in pairs:
            self.counts[float(value)] += int(count)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def percentile(self, p: float) -> float | None:
        total = self.total
        if total == 0:
            return None
        rank = p / 100.0 * total
        seen = 0
        for value in sorted(self.counts):
            seen += self.counts[value]
            if seen >= rank:
                return float(value)
        return float(max(self.counts))

    def max(self) -> float | None:
        return float(max(self.counts)) if self.counts else None


@dataclass
class LoadResult:
    """The merged result of one run's loader processes."""

    results: list[dict[str, Any]]
    loader: str
    window_s: float
    server_cpu_percent: float | None = None
    envoy_cpu_percent: float | None = None

    def total(self, name: str) -> int:
        return sum(int(r.get(name, 0)) for r in self.results)

    def rate(self, name: str) -> float:
        """The sum over the loader processes of `name` per second of their window."""
        return sum(float(r[name]) / float(r["window_s"]) for r in self.results if r["window_s"] > 0)

    @property
    def answered_per_s(self) -> float:
        return self.rate("answered")

    @property
    def offered_per_s(self) -> float:
        return self.rate("sent")

    @property
    def loader_cpu_percent(self) -> float:
        """Loader CPU in the window, as a share of one core (all loader processes)."""
        return 100.0 * self.rate("cpu_s")

    def histogram(self, name: str = "rtt") -> Histogram:
        merged = Histogram()
        for r in self.results:
            merged.add_pairs(r.get(name, []))
        return merged

    def failure_codes(self) -> dict[str, int]:
        codes: Counter[str] = Counter()
        for r in self.results:
            codes.update({str(k): int(v) for k, v in r.get("failure_codes", {}).items()})
        return dict(codes)


class LoaderError(RuntimeError):
    pass


class _Processes:
    """One loader process per config, their stdout events on one queue, and what they said."""

    def __init__(self, configs: Sequence[dict[str, Any]], loader: str) -> None:
        self.events: queue.Queue[tuple[int, dict[str, Any]]] = queue.Queue()
        self.procs: list[subprocess.Popen[str]] = []
        # stderr goes to files: a pipe nobody reads until the end could fill up and stall one.
        self.stderrs = [tempfile.TemporaryFile(mode="w+") for _ in configs]
        self.pumps: list[threading.Thread] = []
        self.errors: list[str] = []
        for index, config in enumerate(configs):
            self._spawn(index, config, loader)

    def _spawn(self, index: int, config: dict[str, Any], loader: str) -> None:
        proc = subprocess.Popen(
            _command(loader),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderrs[index],
            text=True,
            cwd=REPO_DIR,
        )
        self.procs.append(proc)
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(config) + "\n")
        proc.stdin.flush()
        thread = threading.Thread(target=self._pump, args=(index, proc), daemon=True)
        thread.start()
        self.pumps.append(thread)

    def _pump(self, index: int, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            line = line.strip()
            if line.startswith("{"):
                self.events.put((index, json.loads(line)))
        self.events.put((index, {"event": "exit"}))

    def go(self) -> None:
        """Tells every process to start (closing its stdin); once is enough."""
        for proc in self.procs:
            if proc.stdin is not None:
                try:
                    proc.stdin.write("go\n")
                    proc.stdin.close()
                except BrokenPipeError:
                    pass  # it ended already: its exit says why
                proc.stdin = None

    def finish(self) -> None:
        """Kills what still runs (by pid), reaps every process and keeps failures' stderr."""
        self.go()
        for proc, stderr_file in zip(self.procs, self.stderrs, strict=False):
            if proc.poll() is None:
                proc.kill()
            proc.wait(10)
            stderr_file.seek(0)
            stderr = stderr_file.read()
            stderr_file.close()
            if proc.returncode not in (0, None) and stderr:
                self.errors.append(stderr.strip()[-2000:])
        for thread in self.pumps:
            thread.join(5)


@dataclass
class _Progress:
    """Which processes said what so far, and the hooks to call when all of them have."""

    count: int
    on_measuring: Callable[[], None] | None
    on_measured: Callable[[], None] | None
    during: Callable[[], None] | None
    ready: set[int] = field(default_factory=set)
    measuring: set[int] = field(default_factory=set)
    exited: set[int] = field(default_factory=set)
    measured: bool = False
    results: dict[int, dict[str, Any]] = field(default_factory=dict)

    def on_event(self, index: int, event: dict[str, Any], processes: _Processes) -> None:
        kind = event.get("event")
        if kind in ("ready", "exit"):
            self.ready.add(index)
            if len(self.ready) == self.count:
                processes.go()
        if kind == "measuring":
            self.measuring.add(index)
            if len(self.measuring) == self.count:
                for hook in (self.on_measuring, self.during):
                    if hook is not None:
                        hook()
        elif kind == "measured" and not self.measured and len(self.measuring) == self.count:
            self.measured = True
            if self.on_measured is not None:
                self.on_measured()
        elif kind == "result":
            self.results[index] = event
        elif kind == "error":
            processes.errors.append(str(event.get("message")))
        elif kind == "exit":
            self.exited.add(index)


def run_loaders(
    configs: Sequence[dict[str, Any]],
    loader: str,
    *,
    on_measuring: Callable[[], None] | None = None,
    on_measured: Callable[[], None] | None = None,
    during: Callable[[], None] | None = None,
) -> LoadResult:
    """Runs one loader process per config, all at once, and waits for their results.

    `on_measuring` runs once every process has opened its window, `during` right after it (in
    this thread, while the loaders go on), `on_measured` when the first one closes its window.
    Each process is bounded by its config's `limit` and killed by pid past it.
    """
    limit = max(float(c["limit"]) for c in configs) + 10.0
    progress = _Progress(len(configs), on_measuring, on_measured, during)
    processes = _Processes(configs, loader)
    deadline = time.monotonic() + limit
    try:
        while len(progress.exited) < len(configs):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LoaderError(f"loaders did not finish within {limit:.0f} s")
            try:
                index, event = processes.events.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                continue
            progress.on_event(index, event, processes)
    finally:
        processes.finish()
    results = progress.results
    if len(results) < len(configs):
        raise LoaderError("loader failed: " + " | ".join(processes.errors or ["no result"]))
    windows = [float(r["window_s"]) for r in results.values()]
    return LoadResult([results[i] for i in sorted(results)], loader, min(windows))
