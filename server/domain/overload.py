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

1. How far behind the server is: ONE signal, the standing queue delay, measured the way CoDel
   (RFC 8289) measures a queue: the least queueing delay of rule 0 over every heartbeat
   processed in an `interval`, across at least `min_sessions` sessions. The least, because a
   queue every heartbeat waits in delays all of them, while one slow client (its clock, its
   network) raises only its own: it cannot make the server behind. The transport's queues
   (grpc's threads, the kernel) show in it as well as the loop's, which is what the loop's
   own lateness alone missed: with 10,000 streams the loop woke up 8 ms late while
   heartbeats waited seconds. A late wake-up of the loop (`observe_lag`) is the same delay
   seen from the loop, and the only one seen while it is stalled (no heartbeat is processed
   then): it raises the signal at once. The server is *behind* while the signal exceeds
   `target`; the three uses below read only that.
   a. Deadlines are refreshed after the server was behind (etcd's lessor refreshes every
      lease after a leader change, since the old leader's view of keepalives is gone). A
      deadline counts only once the server has kept up for a whole timeout: a session's
      effective deadline is `max(last_seen + timeout, behind_until + timeout)`, where
      `behind_until` is the last moment the server was behind. The deferral is bounded: never
      more than `max(timeout, max_deferral)` after the session's own deadline, so a client
      that truly stops still fails over while the server stays behind.
   b. Admission control: while the server is behind, or holds `max_streams` HeartbeatStreams
      already, a new stream is refused with RESOURCE_EXHAUSTED `SERVER_OVERLOADED` and a retry
      delay (twice the delay, within bounds: by then the backlog has drained).
   c. Shedding: behind for `shed_after` without a break, it ends `shed_fraction` of its
      newest streams that carry no Primary and no PendingPrimary, every `shed_interval`, until
      the delay is back under `target`, so the streams it keeps are answered in time (their
      agents come back after the retry delay). A Primary's stream is never ended for load:
      that would cause the failover this module exists to prevent.
2. A mass-expiry brake (Kubernetes' node lifecycle controller stops evicting when every node
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

# Rule 0: a session's deadline is moved later by at most this much for the time its last
# heartbeat waited in the server's queues.
MAX_QUEUED_SECONDS = 60.0
# Rule 1: the server is behind while the least queueing delay of the heartbeats it processed
# in an interval exceeds this. The bench's 1,000 x 10 Hz (a busy but keeping-up server) shows
# p99 round trips well under it; CoDel's 5 ms target is for packets, not for a Python server
# whose clients time out after seconds.
TARGET_DELAY_SECONDS = 0.15
# Rule 1: the interval the least delay is taken over (CoDel's 100 ms is a few round trips of a
# link; here it holds heartbeats of many sessions at 1 Hz), and how many distinct sessions it
# needs (one client, or two, alone say nothing of the server).
DELAY_INTERVAL_SECONDS = 0.5
DELAY_MIN_SESSIONS = 3
# Rule 1a: the most a deadline is deferred past its own time (or one timeout, if longer).
MAX_DEFERRAL_SECONDS = 10.0
# Rule 1b: the retry delay given to a refused stream, and its bounds when the server is behind
# (twice how far behind it was: by then the backlog it had has drained).
RETRY_DELAY_SECONDS = 2.0
MAX_RETRY_DELAY_SECONDS = 30.0
# Rule 1c: behind this long without a break, the server sheds `shed_fraction` of its streams
# (the newest without a Primary), then again every `shed_interval` while still behind.
SHED_AFTER_SECONDS = 1.0
SHED_INTERVAL_SECONDS = 1.0
SHED_FRACTION = 0.1
# Rule 2: the brake: a silence of more than this share of a group's timeout, on a server
# holding at least this many deadlines (small deployments fail over as they always did).
BRAKE_QUIET_SHARE = 0.5
BRAKE_MIN_SESSIONS = 50


@dataclass(frozen=True, slots=True)
class OverloadSettings:
    max_queued: float = MAX_QUEUED_SECONDS
    target: float = TARGET_DELAY_SECONDS
    interval: float = DELAY_INTERVAL_SECONDS
    min_sessions: int = DELAY_MIN_SESSIONS
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
    """How far behind the server is (rule 1's signal), and what follows from it."""

    def __init__(self, settings: OverloadSettings | None = None) -> None:
        self.settings = settings or OverloadSettings()
        # Rule 1's signal: how long work waits in the server's queues, in seconds.
        self.delay = 0.0
        # The last monotonic time the server was behind (rule 1a); -inf: never.
        self.behind_until = -math.inf
        # Since when it has been behind without a break (rule 1c); None: it keeps up.
        self.behind_since: float | None = None
        # The interval being measured: its start, the least heartbeat delay and the loop's
        # largest lateness in it, and (up to `min_sessions`) the sessions heard in it.
        self._interval_start = -math.inf
        self._interval_least = math.inf
        self._interval_lag = 0.0
        self._interval_sessions: set[int] = set()
        self._last_shed = -math.inf
        # When the core last processed a heartbeat, from anyone (rule 2); set by the core.
        self.last_heartbeat = -math.inf
        # Figures for metrics and the bench.
        self.deferred = 0  # deadlines deferred by rule 1a
        self.brakes = 0  # times rule 2 engaged
        self.refused_streams = 0
        self.shed_streams = 0

    # -- rule 1: the signal -----------------------------------------------------------------

    def heard(self, session: int, queued: float, now: float) -> None:
        """A heartbeat of session `session` (any key unique to it) waited `queued` seconds in
        the server's queues (rule 0), processed at `now`."""
        if now - self._interval_start >= self.settings.interval:
            self._close_interval(now)
        if queued < self._interval_least:
            self._interval_least = queued
        sessions = self._interval_sessions
        if len(sessions) < self.settings.min_sessions:
            sessions.add(session)

    def observe_lag(self, lag: float, now: float) -> None:
        """A loop wake-up at `now` came `lag` seconds late: everything on the loop waited as
        long, so the signal is at least that, at once."""
        if lag > self._interval_lag:
            self._interval_lag = lag
        if lag > self.delay:
            self._set_delay(lag, now)
        if now - self._interval_start >= self.settings.interval:
            self._close_interval(now)

    def _close_interval(self, now: float) -> None:
        """The signal changes at the end of an interval (or at once on a late wake-up): still
        behind then counts the whole interval as behind (rule 1a's `behind_until`)."""
        heard_enough = len(self._interval_sessions) >= self.settings.min_sessions
        least = self._interval_least if heard_enough else 0.0
        self._set_delay(max(least, self._interval_lag), now)
        self._interval_start = now
        self._interval_least = math.inf
        self._interval_lag = 0.0
        self._interval_sessions.clear()

    def _set_delay(self, delay: float, now: float) -> None:
        self.delay = delay
        if delay > self.settings.target:
            self.behind_until = now
            if self.behind_since is None:
                self.behind_since = now - delay
        else:
            self.behind_since = None

    def is_behind(self) -> bool:
        return self.delay > self.settings.target

    # -- rule 1a ----------------------------------------------------------------------------

    def deferred_deadline(self, deadline: float, timeout: float, now: float) -> float | None:
        """Rule 1a for a deadline due at `now`: None if it counts now; else when to look again."""
        refreshed = self.behind_until + timeout
        if refreshed <= now:
            return None
        latest = deadline + max(timeout, self.settings.max_deferral)
        if latest <= now:
            return None
        self.deferred += 1
        return min(refreshed, latest)

    # -- rules 1b and 1c --------------------------------------------------------------------

    def admit_stream(self, open_streams: int, now: float) -> float | None:
        """None to admit a new HeartbeatStream; else the retry delay to refuse it with."""
        settings = self.settings
        if self.is_behind():
            self.refused_streams += 1
            return self.retry_delay()
        if settings.max_streams and open_streams >= settings.max_streams:
            self.refused_streams += 1
            return settings.retry_delay
        return None

    def retry_delay(self) -> float:
        settings = self.settings
        return min(settings.max_retry_delay, max(settings.retry_delay, 2.0 * self.delay))

    def streams_to_shed(self, open_streams: int, now: float) -> int:
        """How many streams to end now (the newest without a Primary): some while the server
        has been behind for `shed_after` without a break, at most every `shed_interval`."""
        settings = self.settings
        since = self.behind_since
        if since is None or now - since < settings.shed_after or open_streams == 0:
            return 0
        if now - self._last_shed < settings.shed_interval:
            return 0
        self._last_shed = now
        return max(1, math.ceil(open_streams * settings.shed_fraction))

    # -- rule 2 -----------------------------------------------------------------------------

    def brake(self, now: float, timeout: float, with_deadlines: int) -> bool:
        """A missed deadline is about to fail a Primary over (group timeout `timeout`) while
        `with_deadlines` deadlines are held. True when that is a disruption (rule 2): the
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
