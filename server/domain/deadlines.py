"""One deadline heap for everything timed: a deadline per key, the earliest found in O(1).

Moving a deadline later (a heartbeat, a TTL session's sliding expiry) is the common case and
costs one dict store: the heap keeps the key's entry where it was, and when that entry reaches
the top it is put back at the key's real deadline (lazy revalidation). Moving a deadline earlier
pushes a new entry and retires the old one; removing a key retires its entry. So each key has
exactly one live heap entry, and retired ones are dropped as they surface.

Times are plain floats on whatever scale the owner uses; the driver that sleeps until
`next_deadline()` lives in `server.services.deadlines`. Not thread-safe.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

K = TypeVar("K", bound=Hashable)


class HasDeadlines(Protocol):
    """What the deadline driver drives: its earliest deadline, and acting on the due ones."""

    def next_deadline(self) -> float | None: ...

    def expire(self) -> object: ...


@dataclass(slots=True)
class _Slot:
    deadline: float  # the key's real deadline
    queued_at: float  # when its live heap entry sits
    token: int  # which heap entry is live


class DeadlineHeap(Generic[K]):
    """Deadlines by key; `pop_due(now)` answers the keys whose deadline has passed."""

    def __init__(self) -> None:
        self._slots: dict[K, _Slot] = {}
        # (queued_at, token, key). Owners may read it, never change it: `entries[0][0]` is a
        # lower bound of the next deadline, the cheapest "anything due?" test of a hot path
        # (a method call costs as much as the rest of a failover heartbeat's heap work).
        self.entries: list[tuple[float, int, K]] = []
        self._heap = self.entries
        self._tokens = itertools.count()

    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, key: object) -> bool:
        return key in self._slots

    def heap_size(self) -> int:
        """Entries in the heap, retired ones included (for metrics)."""
        return len(self._heap)

    def deadline(self, key: K) -> float | None:
        slot = self._slots.get(key)
        return None if slot is None else slot.deadline

    def set(self, key: K, deadline: float) -> bool:
        """Give `key` this deadline (new, later or earlier). Answers True when it is now the
        earliest of all, so a driver sleeping on `next_deadline()` must wake sooner."""
        slot = self._slots.get(key)
        if slot is not None and deadline >= slot.queued_at:
            slot.deadline = deadline  # later: its entry is revalidated when it surfaces
            return False
        earliest = self.next_deadline()
        token = next(self._tokens)
        heapq.heappush(self._heap, (deadline, token, key))
        if slot is None:
            self._slots[key] = _Slot(deadline, deadline, token)
        else:
            slot.deadline, slot.queued_at, slot.token = deadline, deadline, token
        return earliest is None or deadline < earliest

    def discard(self, key: K) -> None:
        """Forget `key`'s deadline; its heap entry is dropped when it surfaces."""
        self._slots.pop(key, None)

    def next_deadline(self) -> float | None:
        """The earliest deadline, exact; None when there is none."""
        heap = self._heap
        while heap:
            queued_at, token, key = heap[0]
            slot = self._slots.get(key)
            if slot is None or slot.token != token:
                heapq.heappop(heap)  # retired: the key was removed or moved earlier
            elif slot.deadline > queued_at:
                # Moved later since it was queued: put it back at its real deadline.
                slot.queued_at = slot.deadline
                heapq.heapreplace(heap, (slot.deadline, token, key))
            else:
                return queued_at
        return None

    def may_be_due(self, now: float) -> bool:
        """Whether some deadline may be at or before `now`, from the heap's top alone: never
        False when one is (an entry sits at or before its key's deadline), so a hot path can
        skip `pop_next_due` cheaply; True may be a retired or moved-later entry."""
        heap = self._heap
        return bool(heap) and heap[0][0] <= now

    def pop_next_due(self, now: float) -> K | None:
        """Remove and answer the earliest key whose deadline is at or before `now`; None when
        none is. For owners whose acting on one key may change or remove others' deadlines."""
        deadline = self.next_deadline()
        if deadline is None or deadline > now:
            return None
        _queued_at, _token, key = heapq.heappop(self._heap)
        del self._slots[key]
        return key

    def pop_due(self, now: float) -> list[K]:
        """Remove and answer every key whose deadline is at or before `now`, earliest first."""
        due: list[K] = []
        while (deadline := self.next_deadline()) is not None and deadline <= now:
            _queued_at, _token, key = heapq.heappop(self._heap)
            del self._slots[key]
            due.append(key)
        return due
