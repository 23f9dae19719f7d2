"""Overload rules: a coordinator that is itself behind must not blame its clients for it.

A heartbeat that waits in the server's queues is one the deadline logic has not seen, so a
server that falls behind (its event loop saturated, a pause, a burst of new streams) would fail
over Primaries that heartbeat on schedule. Four rules, anchored on systems that solved the same
problem:

0. Per session, the age of what the server processes (the "age of the oldest unprocessed
   heartbeat", seen as each one is processed): a heartbeat processed A seconds later than its
   `heartbeat_time` says, beyond the least such delay seen from that session (its clock offset
   plus transit), waited A seconds in the server's queues (the kernel's, grpc's, the loop's),
   and the ones behind it wait as long: the session's deadline is A later, at most
   `max_queued`. Its own clock only: a client whose clock is wrong delays its own failover,
   by at most `max_queued`, never anyone else's; one whose clock does not advance gets none.
   When heartbeats of `stale_min_sessions` sessions come that late within a second, the server
   is behind (rule 1), even while its loop keeps up: its transport (grpc's threads, the
   kernel) is what falls behind then.

1. Deadlines are refreshed after the server was behind (etcd's lessor refreshes every lease
   after a leader change, since the old leader's view of keepalives is gone). The server is
   *behind* while a wake-up of its event loop is later than `keep_up_lag` (the loop timer that
   measures it, and the deadline timer's own lateness, feed `observe_lag`). A deadline counts
   only once the server has kept up for a whole timeout: a session's effective deadline is
   `max(last_seen + timeout, behind_until + timeout)`, where `behind_until` is the last moment
   the server was behind. The deferral is bounded: never more than `max(timeout,
   max_deferral)` after the session's own deadline, so a client that truly stops still fails
   over while the server stays overloaded.
2. Admission control (what keeps rule 1's deferrals short): while the server is overloaded
   (a loop wake-up later than `overload_lag`, within the last `overload_lag`), or holds
   `max_streams` HeartbeatStreams already, a new stream is refused with RESOURCE_EXHAUSTED
   `SERVER_OVERLOADED` and a retry delay; while it stays overloaded for `shed_after` seconds,
   it ends a share of its newest streams that carry no Primary and no PendingPrimary the same
   way (their agents come back after the delay), so the streams it keeps are answered sooner.
   A Primary's stream is never ended for load: that would cause the failover this module
   exists to prevent.
3. A mass-expiry brake (Kubernetes' node lifecycle controller stops evicting when every node
   of a zone is NotReady: that is a disruption of the controller or its network, not that many
   node failures). A missed deadline that would fail a Primary over to a live secondary, at a
   moment when the server has heard no heartbeat at all, from anyone, for more than half the
   group's timeout, is a disruption: the server counts itself behind from then on, so rule 1
   defers it and every other deadline (each still within rule 1's bound). Counting failovers
   in a window would not tell that from many Primaries failing together while their
   secondaries heartbeat (a rack of Primaries lost): those fail over at once. Servers holding
   fewer than `brake_min_sessions` deadlines never brake: with a few clients, a silence is
   theirs.

Plain Python on monotonic times the caller passes in; no clock of its own, no asyncio.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Rule 1: a loop wake-up later than this means the server is behind. The bench's 1,000 x 10 Hz
# (a busy but keeping-up server) shows p99 loop lags well under it.
KEEP_UP_LAG_SECONDS = 0.1
# Rule 0: a session's deadline is moved later by at most this much for the time its last
# heartbeat waited in the server's queues.
MAX_QUEUED_SECONDS = 60.0
# Rule 0 feeding rule 1: heartbeats of this many sessions processed later than `keep_up_lag`
# within one second mean the server is behind (one client's clock cannot say so alone).
STALE_MIN_SESSIONS = 3
# Rule 1: the most a deadline is deferred past its own time (or one timeout, if longer).
MAX_DEFERRAL_SECONDS = 10.0
# Rule 2: a loop wake-up later than this means the server is overloaded: it takes no new
# streams. Higher than KEEP_UP_LAG_SECONDS: a start-up restore or a burst lags a little, and
# refusing a stream costs its client seconds.
OVERLOAD_LAG_SECONDS = 0.5
# Rule 2: the retry delay given to a refused stream, and its bounds when the server is behind
# (twice how far behind it was: by then the backlog it had has drained).
RETRY_DELAY_SECONDS = 2.0
MAX_RETRY_DELAY_SECONDS = 30.0
# Rule 2: behind this long without a break, the server sheds `shed_fraction` of its streams
# (the newest without a Primary), then again every `shed_interval` while still behind.
SHED_AFTER_SECONDS = 1.0
SHED_INTERVAL_SECONDS = 1.0
SHED_FRACTION = 0.1
# Rule 3: the brake: a silence of more than this share of a group's timeout, on a server
# holding at least this many deadlines (small deployments fail over as they always did).
BRAKE_QUIET_SHARE = 0.5
BRAKE_MIN_SESSIONS = 50


@dataclass(frozen=True, slots=True)
class OverloadSettings:
    keep_up_lag: float = KEEP_UP_LAG_SECONDS
    max_queued: float = MAX_QUEUED_SECONDS
    stale_min_sessions: int = STALE_MIN_SESSIONS
    overload_lag: float = OVERLOAD_LAG_SECONDS
    max_deferral: float = MAX_DEFERRAL_SECONDS
    # 0: no fixed cap on HeartbeatStreams (only the "behind" rule refuses them).
    max_streams: int = 0
    retry_delay: float = RETRY_DELAY_SECONDS
    max_retry_delay: float = MAX_RETRY_DELAY_SECONDS
    shed_after: float = SHED_AFTER_SECONDS
    shed_interval: float = SHED_INTERVAL_SECONDS
    shed_fraction: float = SHED_FRACTION
    brake_quiet_share: float = BRAKE_QUIET_SHARE
    brake_min_sessions: int = BRAKE_MIN_SESSIONS


class Overload:
    """How far behind the server is, and what follows from it (rules 1-3 above)."""

    def __init__(self, settings: OverloadSettings | None = None) -> None:
        self.settings = settings or OverloadSettings()
        # The last monotonic time the server was behind (rule 1); -inf: never.
        self.behind_until = -math.inf
        # The last time it was overloaded, and since when without a break (rule 2).
        self.overloaded_until = -math.inf
        self.overloaded_since: float | None = None
        self.last_lag = 0.0
        self._last_shed = -math.inf
        # When the core last processed a heartbeat, from anyone (rule 3); set by the core.
        self.last_heartbeat = -math.inf
        # Sessions whose heartbeats came stale in the current second (rule 0 feeding rule 1).
        self._stale_since = -math.inf
        self._stale: set[int] = set()
        # Figures for metrics and the bench.
        self.deferred = 0  # deadlines deferred by rule 1
        self.brakes = 0  # times rule 3 engaged
        self.refused_streams = 0
        self.shed_streams = 0

    # -- rule 1 -----------------------------------------------------------------------------

    def observe_lag(self, lag: float, now: float) -> None:
        """A loop wake-up at `now` came `lag` seconds late."""
        self.last_lag = lag
        if lag > self.settings.keep_up_lag:
            self.behind_until = max(self.behind_until, now)
        if lag > self.settings.overload_lag:
            self.overloaded_until = now
            if self.overloaded_since is None:
                self.overloaded_since = now - lag
        else:
            self.overloaded_since = None

    def heard_stale(self, session: int, now: float) -> None:
        """A heartbeat of session `session` (its id) was processed later than `keep_up_lag`
        after it was sent (rule 0). Several sessions within a second: the server is behind
        (rule 1), even while its loop keeps up (its transport does not)."""
        if now - self._stale_since > 1.0:
            self._stale_since = now
            self._stale.clear()
        self._stale.add(session)
        if len(self._stale) >= self.settings.stale_min_sessions:
            self.behind_until = max(self.behind_until, now)

    def is_overloaded(self, now: float) -> bool:
        """Overloaded now, or within the last `overload_lag` (a lag is only seen afterwards)."""
        return now - self.overloaded_until <= self.settings.overload_lag

    def deferred_deadline(self, deadline: float, timeout: float, now: float) -> float | None:
        """Rule 1 for a deadline due at `now`: None if it counts now; else when to look again."""
        refreshed = self.behind_until + timeout
        if refreshed <= now:
            return None
        latest = deadline + max(timeout, self.settings.max_deferral)
        if latest <= now:
            return None
        self.deferred += 1
        return min(refreshed, latest)

    # -- rule 2 -----------------------------------------------------------------------------

    def admit_stream(self, open_streams: int, now: float) -> float | None:
        """None to admit a new HeartbeatStream; else the retry delay to refuse it with."""
        settings = self.settings
        if self.is_overloaded(now):
            self.refused_streams += 1
            return self.retry_delay()
        if settings.max_streams and open_streams >= settings.max_streams:
            self.refused_streams += 1
            return settings.retry_delay
        return None

    def retry_delay(self) -> float:
        settings = self.settings
        return min(settings.max_retry_delay, max(settings.retry_delay, 2.0 * self.last_lag))

    def streams_to_shed(self, open_streams: int, now: float) -> int:
        """How many streams to end now (the newest without a Primary): some while the server
        has been overloaded for `shed_after` without a break, at most every `shed_interval`."""
        settings = self.settings
        since = self.overloaded_since
        if since is None or now - since < settings.shed_after or open_streams == 0:
            return 0
        if now - self._last_shed < settings.shed_interval:
            return 0
        self._last_shed = now
        return max(1, math.ceil(open_streams * settings.shed_fraction))

    # -- rule 3 -----------------------------------------------------------------------------

    def brake(self, now: float, timeout: float, with_deadlines: int) -> bool:
        """A missed deadline is about to fail a Primary over (group timeout `timeout`) while
        `with_deadlines` deadlines are held. True when that is a disruption (rule 3): the
        server then counts itself behind, and the caller defers the deadline and logs it."""
        settings = self.settings
        if with_deadlines < settings.brake_min_sessions:
            return False
        if now - self.last_heartbeat <= settings.brake_quiet_share * timeout:
            return False
        engaged = self.behind_until < now - timeout  # a new disruption, not the same one
        self.behind_until = max(self.behind_until, now)
        if engaged:
            self.brakes += 1
        return True
