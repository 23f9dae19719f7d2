"""SyncFailoverAgent: the FailoverAgent for plain scripts, its event loop in a background thread.

    with SyncFailoverAgent("127.0.0.1:50051", "t1", "n1", "collectors", "host-a") as agent:
        while True:
            if agent.wait_for_role(Role.PRIMARY, timeout=1.0):
                collect_once(resume_from=agent.watermark)
                agent.report(last_data_processed_time=datetime.now(UTC))

Every SyncFailoverAgent of the process runs on ONE loop thread, so those sharing a target also
share one HeartbeatStream; the thread stops when the last of them closes.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from datetime import datetime
from types import TracebackType
from typing import Any, Generic, TypeVar, cast

from rolecall.agent.agent import FailoverAgent, Report
from rolecall.agent.options import AgentArguments
from rolecall.agent.roles import Role

T = TypeVar("T")


class _LoopThread:
    """The process's background event loop, started by the first user, stopped by the last."""

    _lock = threading.Lock()
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _users = 0

    @classmethod
    def acquire(cls) -> asyncio.AbstractEventLoop:
        with cls._lock:
            if cls._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=cls._run, args=(loop,), name="rolecall-agent-loop", daemon=True
                )
                thread.start()
                cls._loop, cls._thread = loop, thread
            cls._users += 1
            return cls._loop

    @classmethod
    def release(cls) -> None:
        with cls._lock:
            cls._users -= 1
            if cls._users > 0 or cls._loop is None or cls._thread is None:
                return
            loop, thread = cls._loop, cls._thread
            cls._loop, cls._thread = None, None
            loop.call_soon_threadsafe(loop.stop)
        thread.join()

    @staticmethod
    def _run(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()


class _OfAgent(Generic[T]):
    """A read of the open agent's attribute of the same name: a plain attribute read, safe
    from any thread."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, sync: SyncFailoverAgent, owner: type | None = None) -> T:
        return cast(T, getattr(sync.agent, self._name))


class SyncFailoverAgent(AgentArguments):
    """A FailoverAgent driven from ordinary threads; same arguments (one AgentOptions), blocking
    methods.

    Use it as a context manager, or call `open()` and `close()`.
    """

    def _setup(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._agent: FailoverAgent | None = None

    def __enter__(self) -> SyncFailoverAgent:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def open(self) -> SyncFailoverAgent:
        """Register, connect and wait for the first answer (see FailoverAgent.open)."""
        if self._loop is not None:
            raise RuntimeError("a SyncFailoverAgent opens once")
        self._loop = _LoopThread.acquire()
        try:
            self._agent = self._call(self._open())
        except BaseException:
            _LoopThread.release()
            raise
        return self

    async def _open(self) -> FailoverAgent:
        key = (self.tenant, self.namespace, self.group, self.session_id)
        agent = FailoverAgent(self.endpoints, *key, self.options)
        await agent.open()
        return agent

    def close(self) -> None:
        """Stop acting as Primary and say goodbye; the loop thread ends with the last agent."""
        agent, self._agent = self._agent, None
        if agent is None:
            return
        try:
            self._call(agent.close())
        finally:
            _LoopThread.release()

    # -- reading: plain attribute reads, safe from any thread ----------------------------------

    @property
    def agent(self) -> FailoverAgent:
        if self._agent is None:
            raise RuntimeError("the agent is not open")
        return self._agent

    role: _OfAgent[Role] = _OfAgent()
    epoch: _OfAgent[int] = _OfAgent()
    watermark: _OfAgent[datetime | None] = _OfAgent()
    connected: _OfAgent[bool] = _OfAgent()
    error: _OfAgent[str | None] = _OfAgent()

    # -- acting --------------------------------------------------------------------------------

    def wait_for_role(self, role: Role, timeout: float | None = None) -> bool:
        """Block until the role is `role` (True) or `timeout` seconds pass (False)."""
        future = self._submit(self.agent.wait_for_role(role))
        try:
            future.result(timeout)
        except TimeoutError:
            future.cancel()
            return False
        return True

    def report(
        self,
        *,
        last_data_processed_time: datetime | None = None,
        score: float | None = None,
    ) -> None:
        """Values for the next heartbeats (see FailoverAgent.report)."""
        # Refuse bad values here, in the caller's thread, rather than in the loop.
        report = Report.of(last_data_processed_time, score)
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self.agent.apply_report, report)

    def _submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def _call(self, coro: Coroutine[Any, Any, T]) -> T:
        future = self._submit(coro)
        try:
            return future.result()
        except BaseException:
            future.cancel()  # e.g. KeyboardInterrupt in the caller: stop the work too
            raise
