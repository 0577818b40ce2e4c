"""build.py screenshots: every screen players see, captured at 1280x720 in the real engine."""

from __future__ import annotations

import os
import struct

from tyg.engine.screenshots import SHOTS, take

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_screenshots_of_every_screen(tmp_path):
    run, files = take(os.path.join(ROOT, "scenarios"), str(tmp_path))
    assert run.returncode == 0, run.output[-3000:]
    assert [os.path.basename(f) for f in files] == [name for name, _ in SHOTS]
    for f in files:
        assert png_size(f) == (1280, 720), f
        assert os.path.getsize(f) > 10_000, f"{f} looks blank"
    seen = {e["event"] for e in run.events}
    # Each screen appeared, as the game itself reports it.
    assert {"begin", "line", "choice", "feedback", "journal", "help", "ending", "settings"} <= seen
