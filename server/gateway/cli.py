"""`python -m server.gateway`: print the rendered Envoy config (the compose file uses it)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from server.api.services import TRANSCODED_SERVICES
from server.domain.records import record_from
from server.gateway.config import GatewaySettings, render_envoy_config


def main(argv: Sequence[str] | None = None) -> None:
    """Print a rendered Envoy config: `python -m server.gateway --grpc-host rolecall ...`."""
    parser = argparse.ArgumentParser(prog="python -m server.gateway", description=main.__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--http-port", type=int, default=8080)
    parser.add_argument("--admin-port", type=int, default=9901)
    parser.add_argument("--grpc-host", default="127.0.0.1")
    parser.add_argument("--grpc-port", type=int, default=50051)
    parser.add_argument("--descriptor", type=Path, default=Path("generated/rolecall.pb"))
    parser.add_argument(
        "--service",
        action="append",
        dest="services",
        help="a gRPC service to transcode (repeatable; default: every service rolecall serves)",
    )
    args = parser.parse_args(argv)
    sys.stdout.write(
        render_envoy_config(
            record_from(
                GatewaySettings,
                args,
                descriptor_path=args.descriptor,
                services=args.services or TRANSCODED_SERVICES,
            )
        )
    )
