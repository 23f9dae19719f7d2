"""Envoy as a child that cannot outlive rolecall: parent-death signal and stale-sidecar cleanup.

A `kill -9` of `rolecall serve` runs no cleanup code, so two mechanisms cover it: the kernel
kills Envoy when its parent dies (PR_SET_PDEATHSIG), and the pid file in the data dir lets the
next start find and kill a sidecar that survived anyway (started by an older rolecall, or the
parent-death signal lost to a race) before it binds the same ports.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import logging
import os
import signal
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("rolecall.gateway")

PID_FILE = "envoy.pid"
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent_pid: int) -> None:
    """preexec hook (runs in the child between fork and exec): SIGKILL when rolecall dies.

    Hand-written with ctypes: subprocess has no option for it, and the one library that wraps
    prctl (python-prctl) needs libcap headers to build. The signal follows the thread that
    forked, which is the event loop's thread for as long as rolecall serves.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        os._exit(126)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(126)


def write_pid_file(state_dir: Path, pid: int, config: Path) -> None:
    (state_dir / PID_FILE).write_text(json.dumps({"pid": pid, "config": str(config)}) + "\n")


def remove_pid_file(state_dir: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (state_dir / PID_FILE).unlink()


def _command_line(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def is_our_envoy(pid: int, config: str) -> bool:
    """Whether `pid` is an Envoy running `config` (not a recycled pid of something else)."""
    argv = _command_line(pid)
    return bool(argv) and Path(argv[0]).name == "envoy" and config in argv


def kill_stale_sidecar(state_dir: Path, timeout: float = 5.0) -> None:
    """Kill the Envoy a previous rolecall of this data dir left running, if it is still there."""
    try:
        recorded = json.loads((state_dir / PID_FILE).read_text())
        pid, config = int(recorded["pid"]), str(recorded["config"])
    except (OSError, ValueError, KeyError, TypeError):
        remove_pid_file(state_dir)
        return
    if is_our_envoy(pid, config):
        log.warning(
            "killing envoy pid %d left running by a previous rolecall of %s", pid, state_dir
        )
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + timeout
        # Blocking is fine: this runs once, at start, before anything is served.
        while is_our_envoy(pid, config) and time.monotonic() < deadline:
            time.sleep(0.02)
    remove_pid_file(state_dir)


async def stop_task(task: asyncio.Task[Any] | None) -> None:
    """Cancel `task` (if any) and wait until it has ended. (server.services.tasks has the same
    for the services: the gateway never imports them.)"""
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
