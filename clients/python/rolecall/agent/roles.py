"""A client session's role as the agent sees it, and the record of one change of it."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class Role(enum.IntEnum):
    """The documented integers, equal to `rolecall.failover.v1.ClientRole` values."""

    SECONDARY = 0
    PRIMARY = 1
    PENDING_PRIMARY = 2


# Why a role changed (RoleChange.cause). A refused heartbeat uses the server's reason instead,
# for example "GROUP_NOT_FOUND" or "SESSION_NOT_FOUND".
CURRENT = "current"  # the first item of every role_changes() iterator: the role right now
ANSWER = "answer"  # the server's answer to a heartbeat
PUSH = "push"  # the server pushed it unprompted
DEADLINE = "deadline"  # no answer for a whole FailoverTimeout: demoted locally
CLOSED = "closed"  # the agent was closed


@dataclass(frozen=True, slots=True)
class RoleChange:
    """The agent's role after a change, with the fencing token and the resume point."""

    role: Role
    # The group's fencing token when the role was given.
    epoch: int
    # The Primary's LastDataProcessedTime: where a new Primary resumes; None if never reported.
    watermark: datetime | None
    cause: str
