"""Optional py-spy profiles of the server while a load runs (`python -m bench --profile`).

py-spy is not a dependency: install it into the venv to use this (`pip install py-spy`). Each
profile is saved as collapsed stacks (flamegraph.pl / speedscope input) next to latest.json,
and summarised as the functions with the most samples on top of the stack (self) and anywhere
on it (total), as a share of the samples that hold the GIL (Python work, any thread). grpc's
C-core threads (event_engine) work without the GIL and are not in it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_LINE = re.compile(r"^(.*) (\d+)$")
# "function (file.py:123)" -> "function (file.py)": one entry per function, not per line.
_FRAME_LINE = re.compile(r":\d+\)$")


def py_spy() -> str | None:
    found = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    return found if Path(found).exists() else None


@dataclass
class Profile:
    path: Path
    samples: int
    top_self: list[tuple[str, float]]
    top_total: list[tuple[str, float]]

    def summary(self, count: int = 12) -> list[str]:
        lines = [
            f"{self.samples} samples, collapsed stacks in {self.path.name}",
            "  self%  function",
        ]
        lines += [f"  {share:5.1f}  {name}" for name, share in self.top_self[:count]]
        lines += ["  total% function"]
        lines += [f"  {share:5.1f}  {name}" for name, share in self.top_total[:count]]
        return lines


class Recorder:
    """`py-spy record` on a pid for a fixed time, in the background."""

    def __init__(self, pid: int, seconds: float, path: Path) -> None:
        self.path = path
        binary = py_spy()
        if binary is None:
            raise RuntimeError("py-spy is not installed (pip install py-spy)")
        self._proc = subprocess.Popen(
            [
                binary,
                "record",
                "--pid",
                str(pid),
                "--duration",
                str(max(1, round(seconds))),
                "--rate",
                "200",
                # Only samples holding the GIL: idle threads (grpc's poller, the SQLite worker
                # waiting for work) otherwise show up as busy in this VM.
                "--gil",
                "--format",
                "raw",
                "--output",
                str(path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def finish(self, timeout: float = 60.0) -> Profile | None:
        try:
            self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(10)
        if self._proc.stderr is not None:
            self._proc.stderr.close()
        if not self.path.exists():
            return None
        return summarise(self.path)


def summarise(path: Path) -> Profile:
    own: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    samples = 0
    for line in path.read_text().splitlines():
        match = _LINE.match(line)
        if match is None:
            continue
        stack, count = match.group(1), int(match.group(2))
        frames = [_FRAME_LINE.sub(")", frame) for frame in stack.split(";")]
        frames = [f for f in frames if not f.startswith("process ") and not f.startswith("thread ")]
        if not frames:
            continue
        samples += count
        own[frames[-1]] += count
        for frame in set(frames):
            anywhere[frame] += count
    share = 100.0 / samples if samples else 0.0
    return Profile(
        path,
        samples,
        [(name, n * share) for name, n in own.most_common(40)],
        [(name, n * share) for name, n in anywhere.most_common(40)],
    )
