"""What the failover service tells operators: a counter and one log line per role change, and
how long after a missed deadline its role changes were pushed.

The service calls three hooks: `on_event` for every group event (only role changes cost
anything here; a plain heartbeat returns at the first test), `pushed` when it hands a group's
role changes to the streams, and it drives its deadline timer through `deadlines(core)`, which
notes the deadline being acted on so the push that follows can be timed from it.
"""

from __future__ import annotations

import logging

from server.domain.clock import Clock
from server.domain.deadlines import HasDeadlines
from server.domain.failover import GroupEvent, GroupKey
from server.observability.metrics import Metrics

log = logging.getLogger("rolecall.failover")


class _NotingDeadlines:
    """The core as the deadline timer's target, noting which deadline is being acted on."""

    def __init__(self, target: HasDeadlines, observer: FailoverObserver) -> None:
        self._target = target
        self._observer = observer

    def next_deadline(self) -> float | None:
        return self._target.next_deadline()

    def expire(self) -> object:
        self._observer._missed = self._target.next_deadline()
        try:
            return self._target.expire()
        finally:
            self._observer._missed = None


class FailoverObserver:
    def __init__(self, clock: Clock, metrics: Metrics | None = None) -> None:
        self._clock = clock
        self._metrics = metrics
        # The deadline being acted on while the timer fires; None otherwise.
        self._missed: float | None = None
        # Groups whose deadline-caused role changes wait for their push (after the commit).
        self._awaiting_push: dict[GroupKey, float] = {}

    def deadlines(self, target: HasDeadlines) -> HasDeadlines:
        """Wrap the deadline timer's target (the core) so pushes can be timed from deadlines."""
        return _NotingDeadlines(target, self)

    def on_event(self, event: GroupEvent) -> None:
        if not event.role_changes:
            return
        key = event.key
        if self._missed is not None:
            self._awaiting_push.setdefault(key, self._missed)
        for change in event.role_changes:
            if self._metrics is not None:
                self._metrics.role_change(event.kind)
            log.info(
                "role change: %s is %s in epoch %d (%s)",
                change.session_id,
                change.role.name,
                change.epoch,
                event.kind,
                extra={
                    "tenant": key.tenant,
                    "namespace": key.namespace,
                    "group": key.group,
                    "session": change.session_id,
                    "role": change.role.name,
                    "epoch": change.epoch,
                    "cause": event.kind,
                },
            )

    def pushed(self, key: GroupKey) -> None:
        """The group's role changes were handed to its streams."""
        missed = self._awaiting_push.pop(key, None)
        if missed is not None and self._metrics is not None:
            self._metrics.deadline_to_push.observe(max(0.0, self._clock.monotonic() - missed))
