"""Keeps the Envoy sidecar serving: restarts it with backoff when it exits by itself.

While Envoy is down REST is down, and the gRPC health service `rolecall.gateway` says so
(NOT_SERVING) until the restarted Envoy is ready again. gRPC clients that dial rolecall directly
are not affected.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from server.gateway.process import stop_task
from server.gateway.sidecar import EnvoySidecar

log = logging.getLogger("rolecall.gateway")

GATEWAY_HEALTH_SERVICE = "rolecall.gateway"
FIRST_RESTART_DELAY = 0.2
MAX_RESTART_DELAY = 10.0
# An Envoy that served this long before exiting starts the backoff over.
STABLE_SECONDS = 30.0
READY_TIMEOUT = 30.0

SetServing = Callable[[bool], Awaitable[None]]


class GatewaySupervisor:
    """Starts the sidecar, watches it, and restarts it when it exits on its own."""

    def __init__(self, sidecar: EnvoySidecar, set_serving: SetServing) -> None:
        self._sidecar = sidecar
        self._set_serving = set_serving
        self._watch: asyncio.Task[None] | None = None

    @property
    def sidecar(self) -> EnvoySidecar:
        return self._sidecar

    async def start(self, timeout: float = READY_TIMEOUT) -> None:  # noqa: ASYNC109
        await self._sidecar.start()
        try:
            await self._sidecar.wait_ready(timeout)
        except BaseException:
            await self._sidecar.stop()
            raise
        await self._set_serving(True)
        self._watch = asyncio.create_task(self._keep_serving(), name="envoy-supervisor")

    async def stop(self) -> None:
        await stop_task(self._watch)
        self._watch = None
        await self._sidecar.stop()

    async def _keep_serving(self) -> None:
        loop = asyncio.get_running_loop()
        delay = FIRST_RESTART_DELAY
        while True:
            started, pid = loop.time(), self._sidecar.pid
            status = await self._sidecar.wait_exit()
            log.error("envoy pid %s exited by itself (status %s): REST is down", pid, status)
            await self._set_serving(False)
            if loop.time() - started >= STABLE_SECONDS:
                delay = FIRST_RESTART_DELAY
            while True:
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_RESTART_DELAY)
                await self._sidecar.stop()  # reap the old process, free its files
                try:
                    await self._sidecar.start()
                    await self._sidecar.wait_ready(READY_TIMEOUT)
                    break
                except (OSError, RuntimeError) as exc:
                    log.error("envoy restart failed, retrying in %.1f s: %s", delay, exc)
            log.warning("envoy restarted (pid %s): REST serving again", self._sidecar.pid)
            await self._set_serving(True)
