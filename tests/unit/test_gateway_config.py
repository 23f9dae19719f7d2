"""The printed production config (`python -m server.gateway`, used by the compose file)."""

from __future__ import annotations

import json

import pytest

from server.api.services import TRANSCODED_SERVICES
from server.gateway.cli import main


def test_the_printed_config_transcodes_every_served_service(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["--grpc-host", "rolecall", "--descriptor", "generated/rolecall.pb"])
    config = json.loads(capsys.readouterr().out)
    transcoders = [
        f["typed_config"]
        for listener in config["static_resources"]["listeners"]
        for chain in listener["filter_chains"]
        for network in chain["filters"]
        for f in network["typed_config"]["http_filters"]
        if f["name"] == "envoy.filters.http.grpc_json_transcoder"
    ]
    assert [t["services"] for t in transcoders] == [list(TRANSCODED_SERVICES)]
    assert len(TRANSCODED_SERVICES) == 7  # the five APIs, the status page, the documents
