"""Start and stop a real `rolecall serve` (gRPC server + Envoy) on free loopback ports.

Used by the e2e tests and the benchmarks. Ports are 0 everywhere: the process prints the
addresses it bound, and it is stopped by its process id (SIGTERM, then SIGKILL).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

_GRPC_LINE = re.compile(r"rolecall gRPC listening on (\S+):(\d+)")
_REST_LINE = re.compile(r"rolecall REST \(Envoy\) listening on (\S+):(\d+)")
_ADMIN_LINE = re.compile(r"rolecall Envoy admin on (\S+):(\d+)")
_METRICS_LINE = re.compile(r"rolecall metrics on (http://\S+)")


@dataclass
class RolecallProcess:
    data_dir: Path
    gateway: bool = True
    extra_args: list[str] = field(default_factory=list)
    proc: subprocess.Popen[str] | None = None
    grpc_target: str = ""
    http_base: str = ""
    admin_base: str = ""
    metrics_url: str = ""
    output: list[str] = field(default_factory=list)
    _pump: threading.Thread = field(default_factory=threading.Thread, repr=False)

    def start(self, timeout: float = 60.0) -> RolecallProcess:
        args = [
            sys.executable,
            "-m",
            "server.cli",
            "serve",
            "--grpc-port",
            "0",
            "--http-port",
            "0",
            "--envoy-admin-port",
            "0",
            "--data-dir",
            str(self.data_dir),
            "--log-level",
            "WARNING",
            *self.extra_args,
        ]
        if not self.gateway:
            args.append("--no-gateway")
        self.proc = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        ready = threading.Event()

        def pump() -> None:
            assert self.proc is not None and self.proc.stdout is not None
            for line in self.proc.stdout:
                self.output.append(line)
                if m := _METRICS_LINE.search(line):
                    self.metrics_url = m.group(1)
                if m := _GRPC_LINE.search(line):
                    self.grpc_target = f"{m.group(1)}:{m.group(2)}"
                    if not self.gateway:
                        ready.set()
                if m := _REST_LINE.search(line):
                    self.http_base = f"http://{m.group(1)}:{m.group(2)}"
                if m := _ADMIN_LINE.search(line):
                    self.admin_base = f"http://{m.group(1)}:{m.group(2)}"
                    ready.set()
            self.proc.stdout.close()
            ready.set()

        self._pump = threading.Thread(target=pump, daemon=True)
        self._pump.start()
        if not ready.wait(timeout) or not self.grpc_target or (self.gateway and not self.http_base):
            self.stop()
            raise RuntimeError("rolecall did not start:\n" + "".join(self.output))
        return self

    def stop(self, timeout: float = 10.0) -> int | None:
        proc = self.proc
        if proc is None:
            return None
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout)
        self._pump.join(timeout)
        self.proc = None
        return proc.returncode

    def kill(self) -> None:
        """Stop without a graceful shutdown, as a crash would."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
            self._pump.join(10)
        self.proc = None


def wait_until(predicate, timeout: float = 5.0, interval: float = 0.01) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())
