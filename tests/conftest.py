from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import grpc
import pytest

from server.app import Rolecall, ServeConfig, start
from tests.etcd_cluster import EtcdCluster
from tests.harness import RolecallProcess, aio_channel, app_token


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[Rolecall]:
    """A real rolecall gRPC server in this test's event loop, on a free loopback port."""
    running = await start(ServeConfig(grpc_port=0, data_dir=tmp_path / "data"))
    yield running
    await running.stop(grace=0.5)


@pytest.fixture
def token(app: Rolecall) -> str:
    """The cluster admin token the `app` server wrote on its first start."""
    return app_token(app)


@pytest.fixture
async def channel(app: Rolecall, token: str) -> AsyncIterator[grpc.aio.Channel]:
    """A channel to `app` that sends the cluster admin token."""
    async with aio_channel(f"127.0.0.1:{app.port}", token) as ch:
        yield ch


@pytest.fixture(scope="module")
def rolecall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RolecallProcess]:
    """A real `rolecall serve` process (gRPC + Envoy) shared by one test module."""
    proc = RolecallProcess(tmp_path_factory.mktemp("rolecall") / "data").start()
    yield proc
    proc.stop()


@pytest.fixture(scope="session")
def etcd_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EtcdCluster]:
    """A real 3-member etcd cluster on loopback, shared by the session: tests that use it write
    under a key prefix of their own. Tests that kill members start their own EtcdCluster."""
    cluster = EtcdCluster(tmp_path_factory.mktemp("etcd")).start()
    yield cluster
    cluster.stop()
