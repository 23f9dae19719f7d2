"""The rolecall agent library: client sessions of failover groups that heartbeat by themselves.

- `FailoverAgent` (asyncio): `async with FailoverAgent(target, tenant, namespace, group,
  session_id) as agent:` registers the session, heartbeats at a third of the group's
  FailoverTimeout, reconnects by itself, and says goodbye on close. Read `agent.role`,
  `agent.epoch`, `agent.watermark`; wait with `agent.wait_for_role(Role.PRIMARY)`; follow
  `agent.role_changes()`; feed the heartbeats with `agent.report(...)`.
- `SyncFailoverAgent`: the same for plain scripts, with its loop in a background thread.

Agents of one process that use the same target share one HeartbeatStream, and their heartbeats
go out together, one message per tick.
"""

from rolecall.agent.agent import FailoverAgent
from rolecall.agent.errors import AgentClosedError, AgentError, GroupNotFoundError
from rolecall.agent.roles import Role, RoleChange
from rolecall.agent.stream import SharedStream
from rolecall.agent.sync import SyncFailoverAgent

__all__ = [
    "AgentClosedError",
    "AgentError",
    "FailoverAgent",
    "GroupNotFoundError",
    "Role",
    "RoleChange",
    "SharedStream",
    "SyncFailoverAgent",
]
