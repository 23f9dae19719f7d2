"""The server under test: a real `rolecall serve` on one core, and the CPU it spends.

The server (every thread of it) is pinned to core 0; load generators, Envoy and this process
get the other cores, so the server has exactly one core's worth of CPU whatever the loaders do.
CPU time is read from /proc/<pid>/stat (utime + stime of all threads).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.harness import RolecallProcess

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Every online CPU, not this process's mask: `taskset -c 1 python -m bench` must not put the
# server on the loaders' core.
ALL_CPUS = frozenset(range(os.cpu_count() or 1))
# One core for the server, the rest for everything else; no pinning on a one-core machine.
SERVER_CPUS = frozenset({min(ALL_CPUS)}) if len(ALL_CPUS) > 1 else ALL_CPUS
LOADER_CPUS = ALL_CPUS - SERVER_CPUS if len(ALL_CPUS) > 1 else ALL_CPUS


def pin(pid: int, cpus: frozenset[int]) -> None:
    """Pins every thread of `pid`; threads it starts later inherit the mask."""
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            os.sched_setaffinity(int(tid), cpus)
        except (ProcessLookupError, PermissionError):
            pass  # a thread that just ended


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process (all its threads), in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # After "pid (comm)": state is field 3, utime 14 and stime 15 (1-based, man 5 proc).
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children(pid: int) -> list[int]:
    found: list[int] = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found.extend(int(c) for c in f.read().split())
        except FileNotFoundError:
            continue
    return found


@dataclass
class CpuMeter:
    """CPU used by a process between `start()` and `stop()`, as a share of one core."""

    pid: int
    _cpu: float = 0.0
    _wall: float = 0.0
    percent: float = 0.0

    def start(self) -> None:
        self._cpu, self._wall = cpu_seconds(self.pid), time.monotonic()

    def stop(self) -> None:
        elapsed = time.monotonic() - self._wall
        used = cpu_seconds(self.pid) - self._cpu
        self.percent = 100.0 * used / elapsed if elapsed > 0 else 0.0


@dataclass
class Server:
    """A running `rolecall serve`: its gRPC target, REST base, and process ids."""

    process: RolecallProcess
    pid: int
    envoy_pid: int | None

    @property
    def grpc_target(self) -> str:
        return self.process.grpc_target

    @property
    def http_base(self) -> str:
        return self.process.http_base


@contextmanager
def running_server(
    data_dir: Path, *, gateway: bool, extra_args: Sequence[str] = (), auth: bool = False
) -> Iterator[Server]:
    """Starts `rolecall serve` pinned to the server core (Envoy, if any, to the others).

    Auth is off unless asked: the figures without it are the baseline."""
    me = frozenset(os.sched_getaffinity(0))
    os.sched_setaffinity(0, SERVER_CPUS)  # the child inherits this thread's mask at fork
    try:
        process = RolecallProcess(
            data_dir, gateway=gateway, extra_args=list(extra_args), auth=auth
        ).start()
    finally:
        os.sched_setaffinity(0, me)
    assert process.proc is not None
    pid = process.proc.pid
    try:
        pin(pid, SERVER_CPUS)
        envoy_pid = None
        if gateway:
            found = children(pid)
            envoy_pid = found[0] if found else None
            if envoy_pid is not None:
                pin(envoy_pid, LOADER_CPUS)
        yield Server(process, pid, envoy_pid)
    finally:
        process.stop()
