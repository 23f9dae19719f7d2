import math
import random

import pytest

from server.domain.errors import InvalidArgument
from server.domain.timespan import TICKS_PER_SECOND, format_timespan, parse_timespan


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("00:00:30", 30.0),
        ("1.00:00:00", 86_400.0),
        ("00:00:00.250", 0.25),
        ("00:01", 60.0),
        ("0.00:00:05.5", 5.5),
        ("00:00:00.0000001", 1e-7),
        ("1:02:03", 3_723.0),
        ("2.03:04", 2 * 86_400 + 3 * 3_600 + 4 * 60),
        ("1:02:03:04", 86_400 + 2 * 3_600 + 3 * 60 + 4),
        ("5", 5 * 86_400.0),
        ("  00:00:30\t", 30.0),
        ("23:59:59.9999999", 86_399.9999999),
        ("00:00:00", 0.0),
    ],
)
def test_parse_accepts_dotnet_forms(text: str, seconds: float) -> None:
    assert parse_timespan(text) == pytest.approx(seconds, abs=1e-9)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "-00:00:30",
        "-1.00:00:00",
        "+00:00:30",
        "abc",
        "30s",
        "24:00:00",
        "00:60:00",
        "00:00:60",
        "00:00:00.12345678",
        "1.5",
        "1.",
        "00:00:",
        ":00:00",
        "00:00:30.",
        "1..00:00:00",
        "00:00:30Z",
        "000:00:30",
        "\u0663:00",  # an Arabic-Indic digit: only ASCII digits count
        "10675200.00:00:00",
        "00:00:30:00:00",
    ],
)
def test_parse_rejects_malformed_negative_and_out_of_range(text: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        parse_timespan(text)
    assert caught.value.reason == "INVALID_FAILOVER_TIMEOUT"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (30.0, "00:00:30"),
        (86_400.0, "1.00:00:00"),
        (0.25, "00:00:00.2500000"),
        (0.0, "00:00:00"),
        (1e-7, "00:00:00.0000001"),
        (86_400 + 2 * 3_600 + 3 * 60 + 4.5, "1.02:03:04.5000000"),
        (3_600.0 * 48, "2.00:00:00"),
    ],
)
def test_format_uses_the_constant_format(seconds: float, text: str) -> None:
    assert format_timespan(seconds) == text


@pytest.mark.parametrize("seconds", [-1.0, math.nan, math.inf])
def test_format_refuses_what_is_not_a_duration(seconds: float) -> None:
    with pytest.raises(ValueError):
        format_timespan(seconds)


def test_round_trip_from_ticks() -> None:
    rng = random.Random(20240101)
    for _ in range(5_000):
        ticks = rng.choice([rng.randrange(10**9), rng.randrange(2**50)])
        seconds = ticks / TICKS_PER_SECOND
        text = format_timespan(seconds)
        assert parse_timespan(text) == seconds
        assert format_timespan(parse_timespan(text)) == text


def test_round_trip_from_text() -> None:
    rng = random.Random(7)
    for _ in range(5_000):
        # Float seconds hold every tick exactly up to about 3,000 days.
        days = rng.choice([0, 0, rng.randrange(1, 3_000)])
        hours, minutes, secs = rng.randrange(24), rng.randrange(60), rng.randrange(60)
        fraction = rng.choice(["", "", str(rng.randrange(10**7)).zfill(rng.randrange(1, 8))])
        fraction = fraction[:7]
        text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
        if days:
            text = f"{days}.{text}"
        if fraction:
            text = f"{text}.{fraction}"
        canonical = f"{days}." if days else ""
        canonical += f"{hours:02d}:{minutes:02d}:{secs:02d}"
        ticks = int(fraction.ljust(7, "0")) if fraction else 0
        if ticks:
            canonical += f".{ticks:07d}"
        assert format_timespan(parse_timespan(text)) == canonical
