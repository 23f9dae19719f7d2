"""The Envoy sidecar: config rendering (`config`), process supervision (`sidecar`), CLI (`cli`)."""

from server.gateway.config import render_envoy_config
from server.gateway.sidecar import EnvoySidecar, find_envoy

__all__ = ["EnvoySidecar", "find_envoy", "render_envoy_config"]
