"""What one bench run is asked to do (`Plan`), and the shape of what a scenario measures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Figures = dict[str, Any]  # one run's figures, flat: key -> number, text or None
Log = Callable[[str], None]


@dataclass(frozen=True)
class Plan:
    """How long each scenario runs; `quick` shortens every window."""

    quick: bool
    loader: str
    runs: int = 3
    streams_per_connection: int = 100
    profile_dir: Path | None = None

    @property
    def pipe(self) -> dict[str, float]:
        return {"warmup": 0.5, "seconds": 2.0} if self.quick else {"warmup": 1.0, "seconds": 5.0}

    @property
    def streams_1k(self) -> dict[str, float]:
        if self.quick:
            return {"ramp": 1.0, "warmup": 1.0, "seconds": 4.0, "drain": 3.0}
        return {"ramp": 2.0, "warmup": 3.0, "seconds": 10.0, "drain": 5.0}

    @property
    def streams_10k(self) -> dict[str, float]:
        if self.quick:
            return {"ramp": 2.0, "warmup": 1.0, "seconds": 3.0, "drain": 3.0}
        return {"ramp": 5.0, "warmup": 5.0, "seconds": 15.0, "drain": 10.0}

    @property
    def rest_seconds(self) -> float:
        return 2.0 if self.quick else 10.0
