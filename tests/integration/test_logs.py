"""Structured log lines carry the request's id and the tenant/group/session it names."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from server.app import ServeConfig, start
from server.observability.logs import JsonFormatter, RequestFields, TextFormatter
from tests.harness import aio_channel, app_token


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """The root logger also writes JSON lines here, through the serve set-up's filter."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestFields())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield out
    root.removeHandler(handler)
    root.setLevel(level)


def parsed(out: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.getvalue().splitlines() if line]


@pytest.mark.parametrize("metrics_port", [None, 0])
async def test_an_error_line_carries_request_id_and_path_fields(
    tmp_path: Path, json_lines: io.StringIO, metrics_port: int | None
) -> None:
    app = await start(
        ServeConfig(grpc_port=0, data_dir=tmp_path / "data", metrics_port=metrics_port)
    )
    try:
        async with aio_channel(f"127.0.0.1:{app.port}", app_token(app)) as channel:
            stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError):
                await stub.GetGroup(
                    pb.GetGroupRequest(tenant_id="acme", namespace_id="plant1", group_id="nope"),
                    metadata=(("x-request-id", "req-42"),),
                )
    finally:
        await app.stop(grace=0.5)
    errors = [line for line in parsed(json_lines) if line.get("request_id") == "req-42"]
    assert len(errors) == 1, parsed(json_lines)
    line = errors[0]
    assert line["level"] == "INFO" and line["logger"] == "rolecall.api"
    assert "GROUP_NOT_FOUND" in line["message"]
    assert line["tenant"] == "acme" and line["namespace"] == "plant1"
    assert line["group"] == "nope"
    assert line["grpc_method"].endswith("/GetGroup")


def test_text_lines_end_with_the_fields() -> None:
    record = logging.LogRecord("rolecall.x", logging.INFO, __file__, 1, "role change", (), None)
    record.__dict__.update(tenant="acme", group="g", session="a", epoch=3, cause="primary")
    text = TextFormatter().format(record)
    assert text.endswith("role change tenant=acme group=g session=a epoch=3 cause=primary")
    line = json.loads(JsonFormatter().format(record))
    assert line["epoch"] == 3 and line["cause"] == "primary" and line["message"] == "role change"
