"""The rolecall agent library: client sessions of failover groups that heartbeat by themselves.

- `FailoverAgent` (asyncio): `async with FailoverAgent(target, tenant, namespace, group,
  session_id) as agent:` registers the session, heartbeats at a third of the group's
  FailoverTimeout, reconnects by itself, and says goodbye on close. Read `agent.role`,
  `agent.epoch`, `agent.watermark`; wait with `agent.wait_for_role(Role.PRIMARY)`; follow
  `agent.role_changes()`; feed the heartbeats with `agent.report(...)`.
- `SyncFailoverAgent`: the same for plain scripts, with its loop in a background thread.
- `AgentOptions`: the settings both take (name, interval, token, TLS, clock, ...).

`target` may list several endpoints (replicas): an agent follows NOT_OWNER redirects to its
group's owner. Agents of one process that use the same endpoint share one HeartbeatStream, and
their heartbeats go out together, one message per tick.

Modules: `agent` (one session's role and deadline), `stream` (the shared stream and the
`StreamMember` protocol it drives), `connection` (channels, TLS, token, backoff), `options`,
`clock` (`VirtualClock` for tests), `sync`, `roles`, `errors`.
"""

from rolecall.agent.agent import FailoverAgent
from rolecall.agent.clock import Clock, SystemClock, VirtualClock
from rolecall.agent.errors import AgentClosedError, AgentError, GroupNotFoundError
from rolecall.agent.options import AgentOptions
from rolecall.agent.roles import Role, RoleChange
from rolecall.agent.stream import SharedStream, StreamMember
from rolecall.agent.sync import SyncFailoverAgent

__all__ = [
    "AgentClosedError",
    "AgentError",
    "AgentOptions",
    "Clock",
    "FailoverAgent",
    "GroupNotFoundError",
    "Role",
    "RoleChange",
    "SharedStream",
    "StreamMember",
    "SyncFailoverAgent",
    "SystemClock",
    "VirtualClock",
]
