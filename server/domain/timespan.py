""".NET TimeSpan strings, as the documented `FailoverTimeout` field carries them.

Parsing follows `TimeSpan.Parse` with the invariant culture for the forms a duration can take:
`d`, `[d.]hh:mm[:ss[.fffffff]]` and `d:hh:mm:ss[.fffffff]`, with optional surrounding
whitespace. Formatting follows the constant ("c") format: `[d.]hh:mm:ss[.fffffff]`.
Internally both go through whole ticks of 100 ns, the unit of a .NET TimeSpan.
"""

from __future__ import annotations

import math
import re

from server.domain.errors import InvalidArgument

TICKS_PER_SECOND = 10_000_000
_TICKS_PER_DAY = 86_400 * TICKS_PER_SECOND
# TimeSpan.MaxValue.Days; anything longer overflows in .NET too.
MAX_DAYS = 10_675_199

# [ws][d.]hh:mm[:ss[.fffffff]][ws]  or  [ws]d:hh:mm:ss[.fffffff][ws]  or  [ws]d[ws]
_CLOCK_FORM = re.compile(
    r"(?:(?P<days>[0-9]{1,8})\.)?(?P<hours>[0-9]{1,2}):(?P<minutes>[0-9]{1,2})"
    r"(?::(?P<seconds>[0-9]{1,2})(?:\.(?P<fraction>[0-9]{1,7}))?)?"
)
_COLON_DAYS_FORM = re.compile(
    r"(?P<days>[0-9]{1,8}):(?P<hours>[0-9]{1,2}):(?P<minutes>[0-9]{1,2}):(?P<seconds>[0-9]{1,2})"
    r"(?:\.(?P<fraction>[0-9]{1,7}))?"
)
_DAYS_FORM = re.compile(r"(?P<days>[0-9]{1,8})")


def _invalid(text: str, why: str) -> InvalidArgument:
    return InvalidArgument(
        "INVALID_FAILOVER_TIMEOUT",
        f"The failover timeout {text!r} is not a valid time span: {why}.",
        'Give a positive time span such as "00:00:30" ([d.]hh:mm:ss[.fffffff]).',
    )


def parse_timespan(text: str) -> float:
    """The length of a .NET time-span string, in seconds; InvalidArgument if it is not one."""
    stripped = text.strip(" \t")
    match = (
        _CLOCK_FORM.fullmatch(stripped)
        or _COLON_DAYS_FORM.fullmatch(stripped)
        or _DAYS_FORM.fullmatch(stripped)
    )
    if match is None:
        if stripped.startswith("-"):
            raise _invalid(text, "it is negative")
        raise _invalid(text, "it is not in the form [d.]hh:mm[:ss[.fffffff]]")
    parts = match.groupdict()
    days = int(parts["days"] or 0)
    hours = int(parts.get("hours") or 0)
    minutes = int(parts.get("minutes") or 0)
    seconds = int(parts.get("seconds") or 0)
    fraction = parts.get("fraction") or ""
    if days > MAX_DAYS:
        raise _invalid(text, f"it is longer than {MAX_DAYS} days")
    if hours > 23:
        raise _invalid(text, "the hours are more than 23")
    if minutes > 59:
        raise _invalid(text, "the minutes are more than 59")
    if seconds > 59:
        raise _invalid(text, "the seconds are more than 59")
    whole_seconds = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
    ticks = whole_seconds * TICKS_PER_SECOND + int(fraction.ljust(7, "0") or 0)
    return ticks / TICKS_PER_SECOND


def format_timespan(seconds: float) -> str:
    """`seconds` in the .NET "c" format, to the nearest tick: "00:00:30", "1.00:00:00.2500000".

    Float seconds hold every tick exactly up to about 3,000 days, so up to there
    `format_timespan(parse_timespan(text))` gives `text` back in the "c" format.
    """
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"cannot format {seconds!r} as a time span")
    ticks = round(seconds * TICKS_PER_SECOND)
    days, ticks = divmod(ticks, _TICKS_PER_DAY)
    whole, fraction = divmod(ticks, TICKS_PER_SECOND)
    minutes_total, secs = divmod(whole, 60)
    hours, minutes = divmod(minutes_total, 60)
    text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    if days:
        text = f"{days}.{text}"
    if fraction:
        text = f"{text}.{fraction:07d}"
    return text
