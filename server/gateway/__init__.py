"""The Envoy sidecar: config rendering (`config`), the child process (`sidecar`, `process`),
its supervision (`supervisor`) and the config-printing CLI (`cli`)."""

from server.gateway.config import GatewaySecurity, GatewaySettings, render_envoy_config
from server.gateway.sidecar import EnvoySidecar, find_envoy
from server.gateway.supervisor import GATEWAY_HEALTH_SERVICE, GatewaySupervisor

__all__ = [
    "GATEWAY_HEALTH_SERVICE",
    "EnvoySidecar",
    "GatewaySecurity",
    "GatewaySettings",
    "GatewaySupervisor",
    "find_envoy",
    "render_envoy_config",
]
