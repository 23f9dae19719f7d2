"""One constant per limit: the API, the failover core and a restore agree on each."""

from __future__ import annotations

import pytest

from server.api.failover import MAX_FAILOVER_TIMEOUT
from server.domain.clock import FakeClock
from server.domain.errors import InvalidArgument
from server.domain.failover import FailoverCore, GroupKey
from server.domain.limits import MAX_FAILOVER_TIMEOUT_SECONDS

KEY = GroupKey("t", "ns", "g")


def test_the_api_checks_the_same_failover_timeout_cap() -> None:
    assert MAX_FAILOVER_TIMEOUT == MAX_FAILOVER_TIMEOUT_SECONDS


def test_the_core_refuses_a_timeout_the_api_refuses() -> None:
    core = FailoverCore(FakeClock())
    with pytest.raises(InvalidArgument) as caught:
        core.create_group(KEY, "", "", MAX_FAILOVER_TIMEOUT_SECONDS + 1)
    assert caught.value.reason == "INVALID_FAILOVER_TIMEOUT"
    core.create_group(KEY, "", "", MAX_FAILOVER_TIMEOUT_SECONDS)
