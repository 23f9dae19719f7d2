"""The failover probe seen from the bench: starts `python -m bench.failover_probe`, tells it
when to stop its Primaries, and turns what it measured into figures."""

from __future__ import annotations

import json
import math
import select
import subprocess
import sys
from typing import Any

from bench.plan import Figures
from bench.seed import GroupSet
from bench.server import LOADER_CPUS, Server


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
        """Spawns the probe: it sets its groups up (see `wait_set_up`)."""
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

    def wait_set_up(self, seconds: float) -> None:
        """Waits (at most `seconds`) until the probe's groups are set up, before the load
        starts: under a load the server cannot keep up with, it refuses new streams (admission
        control), the probe's among them, and would then measure nothing. Its Primaries are
        live clients the overload hits, as a fleet already running is."""
        proc = self._proc
        if proc is None or proc.stdout is None:
            return
        ready, _, _ = select.select([proc.stdout], [], [], seconds)
        if ready:
            proc.stdout.readline()  # {"event": "ready"} (or its error: result() reads it)

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
        f"{prefix}_false_failovers": int(probe.get("early_failovers_on_schedule", 0)),
        f"{prefix}_refused_streams": int(probe.get("refused_streams", 0)),
        f"{prefix}_error": probe.get("error"),
    }
