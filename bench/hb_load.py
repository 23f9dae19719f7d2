"""The Python load generator: grpc.aio on uvloop, same protocol as bench/node/hb_load.js.

`python -m bench.hb_load` reads one JSON config line on stdin, prints JSON lines on stdout
(`ready`, then after a line "go" on stdin `measuring`, `measured`, `result`); bench/loaders.py
documents both. Requests arrive pre-encoded
and go out as bytes (no serializer), answers are parsed with the generated stubs (upb, a few
µs). Even so this client spends about as much CPU per message as the server: it is here to
measure what a Python loader can offer, and as the fallback when Node is missing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

import grpc
from rolecall.failover.v1 import failover_pb2 as pb

TARGET_PREFIX = "127.0.0.1:"
SEQUENCE_TAG = b"\x18"  # HeartbeatStreamRequest.sequence: field 3, varint
# The end-of-stream sentinel of call.read() (missing from the grpc-stubs types).
EOF = grpc.aio.EOF  # type: ignore[attr-defined]
CHANNEL_OPTIONS = (
    ("grpc.use_local_subchannel_pool", 1),
    ("grpc.max_receive_message_length", 16 * 1024 * 1024),
)


def now_ms() -> float:
    return time.monotonic() * 1000.0


def emit(event: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def varint(value: int) -> bytes:
    out = bytearray()
    while value > 127:
        out.append((value & 127) | 128)
        value >>= 7
    out.append(value)
    return bytes(out)


async def go() -> None:
    """Waits for the orchestrator's "go" line (or the end of stdin)."""
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


def with_sequence(message: bytes, sequence: int) -> bytes:
    return message + SEQUENCE_TAG + varint(sequence)


def rounded(ms: float) -> float:
    """A round trip kept to 3 significant digits, as the Node loader does."""
    return 0.0 if ms <= 0 else float(f"{ms:.3g}")


@dataclass
class Window:
    """What happened inside [start, end) counts."""

    start: float = float("inf")
    end: float = float("inf")
    sent: int = 0
    answered: int = 0
    rtt: Counter[float] = field(default_factory=Counter)
    send_lag: Counter[float] = field(default_factory=Counter)
    cpu_start: float = 0.0
    cpu: float = 0.0

    def open(self) -> None:
        self.start = now_ms()
        self.cpu_start = time.process_time()

    def close(self) -> None:
        self.end = now_ms()
        self.cpu = time.process_time() - self.cpu_start

    def inside(self, t: float) -> bool:
        return self.start <= t < self.end

    def result(self, **extra: Any) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "answered": self.answered,
            "window_s": (self.end - self.start) / 1000.0,
            "cpu_s": self.cpu,
            "rtt": list(self.rtt.items()),
            "send_lag": list(self.send_lag.items()),
            **extra,
        }


def _channel(target: str) -> grpc.aio.Channel:
    return grpc.aio.insecure_channel(target, options=CHANNEL_OPTIONS)


def _metadata(config: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The bearer token of a server with auth on (plain metadata: the channel is loopback)."""
    token = config.get("token")
    return (("authorization", f"Bearer {token}"),) if token else ()


async def pipelined(config: dict[str, Any]) -> dict[str, Any]:
    messages = [bytes.fromhex(h) for h in config["messages"]]
    win = Window()
    in_flight: deque[tuple[int, float]] = deque()
    room = asyncio.Semaphore(config["window"])
    sending = True
    unmatched = failures = 0
    async with _channel(config["target"]) as channel:
        call = channel.stream_stream(config["method"], None, None)(None, metadata=_metadata(config))

        async def write() -> None:
            sequence = 0
            while sending:
                await room.acquire()
                if not sending:
                    break
                sequence += 1
                sent_at = now_ms()
                in_flight.append((sequence, sent_at))
                if win.inside(sent_at):
                    win.sent += 1
                await call.write(with_sequence(messages[sequence % len(messages)], sequence))
            await call.done_writing()

        async def read() -> None:
            nonlocal unmatched
            while (raw := await call.read()) is not EOF:
                t = now_ms()
                answer = pb.HeartbeatStreamResponse.FromString(raw)  # type: ignore[arg-type]
                if answer.push:
                    continue
                head = in_flight.popleft() if in_flight else None
                if head is None or head[0] != answer.sequence:
                    unmatched += 1
                if head is not None and win.inside(t):
                    win.answered += 1
                    win.rtt[rounded(t - head[1])] += 1
                room.release()

        emit({"event": "ready", "opened": 1})
        await go()
        writer = asyncio.create_task(write())
        reader = asyncio.create_task(read())
        await asyncio.sleep(config["warmup"])
        win.open()
        emit({"event": "measuring"})
        await asyncio.sleep(config["seconds"])
        win.close()
        emit({"event": "measured"})
        sending = False
        room.release()
        try:
            await asyncio.wait_for(asyncio.gather(writer, reader), config["drain"])
        except grpc.aio.AioRpcError:
            failures += 1
        except TimeoutError:
            call.cancel()
    return win.result(streams=1, opened=1, lost=0, stream_failures=failures, unmatched=unmatched)


@dataclass
class _Stream:
    message: bytes
    call: Any = None
    sequence: int = 0
    in_flight: deque[tuple[int, float]] = field(default_factory=deque)
    opened: asyncio.Event = field(default_factory=asyncio.Event)
    alive: bool = True


class _Paced:
    """One stream per message, each heartbeating at `rate_hz` from a random phase."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.streams = [_Stream(bytes.fromhex(h)) for h in config["messages"]]
        self.per_connection = max(1, config["streams_per_connection"])
        count = -(-len(self.streams) // self.per_connection)
        self.channels = [_channel(config["target"]) for _ in range(count)]
        self.period = 1.0 / config["rate_hz"]
        self.win = Window()
        self.failure_codes: Counter[str] = Counter()
        self.counts = Counter[str]()
        self.scheduling = True
        self.readers: list[asyncio.Task[None]] = []

    async def send(self, stream: _Stream) -> None:
        stream.sequence += 1
        t = now_ms()
        stream.in_flight.append((stream.sequence, t))
        if self.win.inside(t):
            self.win.sent += 1
        await stream.call.write(with_sequence(stream.message, stream.sequence))

    def answered(self, stream: _Stream, answer: pb.HeartbeatStreamResponse, t: float) -> None:
        if not stream.opened.is_set():
            stream.opened.set()
            self.counts["opened"] += 1
        head = stream.in_flight.popleft() if stream.in_flight else None
        if head is None or head[0] != answer.sequence:
            self.counts["unmatched"] += 1
            return
        if self.win.inside(t):
            self.win.answered += 1
        if self.win.inside(head[1]):
            self.win.rtt[rounded(t - head[1])] += 1

    async def read(self, stream: _Stream) -> None:
        try:
            while (raw := await stream.call.read()) is not EOF:
                t = now_ms()
                answer = pb.HeartbeatStreamResponse.FromString(raw)
                if not answer.push:
                    self.answered(stream, answer, t)
        except grpc.aio.AioRpcError as error:
            if stream.alive:
                opened = stream.opened.is_set()
                self.counts["failures" if opened else "open_failures"] += 1
                self.failure_codes[error.code().name] += 1
        finally:
            stream.alive = False

    async def beat(self, stream: _Stream, first: float) -> None:
        loop = asyncio.get_running_loop()
        due = first
        while self.scheduling and stream.alive:
            await asyncio.sleep(max(0.0, due - loop.time()))
            if not self.scheduling or not stream.alive:
                break
            if self.win.inside(now_ms()):
                self.win.send_lag[rounded((loop.time() - due) * 1000.0)] += 1
            await self.send(stream)
            due += self.period

    async def open(self) -> None:
        """Opens the streams spread over `ramp` seconds, then waits for their first answers."""
        n = len(self.streams)
        ramp_start = time.monotonic()
        for i, stream in enumerate(self.streams):
            delay = ramp_start + self.config["ramp"] * i / n - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            channel = self.channels[i // self.per_connection]
            stream.call = channel.stream_stream(self.config["method"], None, None)(
                None, metadata=_metadata(self.config)
            )
            self.readers.append(asyncio.create_task(self.read(stream)))
            await self.send(stream)
        open_deadline = time.monotonic() + self.config["open_timeout"]
        while sum(1 for s in self.streams if s.opened.is_set() or not s.alive) < n:
            if time.monotonic() > open_deadline:
                break
            await asyncio.sleep(0.02)

    async def measure(self) -> None:
        start = asyncio.get_running_loop().time()
        beaters = [
            asyncio.create_task(self.beat(s, start + random.random() * self.period))
            for s in self.streams
        ]
        await asyncio.sleep(self.config["warmup"])
        self.win.open()
        emit({"event": "measuring"})
        await asyncio.sleep(self.config["seconds"])
        self.win.close()
        emit({"event": "measured"})
        self.scheduling = False
        for task in beaters:
            task.cancel()
        await asyncio.gather(*beaters, return_exceptions=True)

    async def drain(self) -> int:
        """Waits (up to `drain` s) for answers in flight; answers how many of the window's
        heartbeats stayed unanswered on live streams, then closes everything."""
        streams = self.streams
        drain_deadline = time.monotonic() + self.config["drain"]
        # Polls one condition over every stream, bounded by the drain deadline.
        while any(s.alive and s.in_flight for s in streams) and time.monotonic() < drain_deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
        lost = sum(sum(1 for _, t in s.in_flight if self.win.inside(t)) for s in streams if s.alive)
        for stream in streams:
            stream.alive = False
            with contextlib.suppress(Exception):
                await stream.call.done_writing()
        _, still = await asyncio.wait(self.readers, timeout=5.0)
        for task in still:
            task.cancel()
        for channel in self.channels:
            await channel.close(None)
        return lost


async def paced(config: dict[str, Any]) -> dict[str, Any]:
    run = _Paced(config)
    await run.open()
    emit({"event": "ready", "opened": run.counts["opened"]})
    await go()
    await run.measure()
    lost = await run.drain()
    return run.win.result(
        streams=len(run.streams),
        opened=run.counts["opened"],
        lost=lost,
        stream_failures=run.counts["failures"],
        open_failures=run.counts["open_failures"],
        failure_codes=dict(run.failure_codes),
        unmatched=run.counts["unmatched"],
    )


async def unary(config: dict[str, Any]) -> dict[str, Any]:
    messages = [bytes.fromhex(h) for h in config["messages"]]
    win = Window()
    running = True
    errors: Counter[str] = Counter()
    channels = [_channel(config["target"]) for _ in range(config["connections"])]
    next_message = 0

    async def caller(channel: grpc.aio.Channel) -> None:
        nonlocal next_message
        method = channel.unary_unary(config["method"], None, None)
        metadata = _metadata(config)
        while running:
            message = messages[next_message % len(messages)]
            next_message += 1
            sent_at = now_ms()
            try:
                await method(message, metadata=metadata)
            except grpc.aio.AioRpcError as error:
                errors[error.code().name] += 1
                continue
            t = now_ms()
            if win.inside(t):
                win.answered += 1
                win.rtt[rounded(t - sent_at)] += 1

    emit({"event": "ready", "opened": 0})
    await go()
    callers = [
        asyncio.create_task(caller(channel))
        for channel in channels
        for _ in range(config["window"])
    ]
    await asyncio.sleep(config["warmup"])
    win.open()
    emit({"event": "measuring"})
    await asyncio.sleep(config["seconds"])
    win.close()
    emit({"event": "measured"})
    running = False
    _, still = await asyncio.wait(callers, timeout=config["drain"])
    for task in still:
        task.cancel()
    for channel in channels:
        await channel.close(None)
    win.sent = win.answered
    return win.result(
        streams=0,
        opened=0,
        lost=0,
        stream_failures=0,
        errors=sum(errors.values()),
        failure_codes=dict(errors),
        unmatched=0,
    )


MODES = {"pipelined": pipelined, "paced": paced, "unary": unary}


async def run(config: dict[str, Any]) -> dict[str, Any]:
    mode = MODES[config["mode"]]
    return await asyncio.wait_for(mode(config), timeout=config["limit"])


def main() -> int:
    config = json.loads(sys.stdin.readline())
    if not str(config["target"]).startswith(TARGET_PREFIX):
        raise SystemExit(f"refusing target {config['target']}: loopback only")
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency on Linux
        result = asyncio.run(run(config))
    else:
        result = uvloop.run(run(config))
    emit({"event": "result", "loader": "python", **result})
    return 0


if __name__ == "__main__":
    sys.exit(main())
