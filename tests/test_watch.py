"""build.py watch, driven as an author drives it: a real process, real saves, the real game/generated/."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

pytest.importorskip("watchfiles")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "sample")


class Watcher:
    def __init__(self, src: str, game: str, cache: str) -> None:
        env = dict(os.environ, TYG_CACHE_DIR=cache, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, "build.py"), "watch", src, "--game", game],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, start: str, timeout: float = 60) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.05)
            except queue.Empty:
                assert self.proc.poll() is None, f"watch exited: {self.seen}"
                continue
            self.seen.append(line)
            if line.startswith(start):
                return line
        raise AssertionError(f"no line starting {start!r} in {timeout} s; got {self.seen}")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=20)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


def snapshot(gen: str) -> dict[str, tuple[bytes, int]]:
    out = {}
    for dirpath, _, files in os.walk(gen):
        for f in files:
            p = os.path.join(dirpath, f)
            out[os.path.relpath(p, gen)] = (open(p, "rb").read(), os.stat(p).st_mtime_ns)
    return out


def save(path: str, old: str, new: str) -> None:
    text = open(path, encoding="utf-8").read()
    assert old in text
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text.replace(old, new))


@pytest.fixture
def watching(tmp_path):
    src = str(tmp_path / "src")
    shutil.copytree(SAMPLE, src)
    game = str(tmp_path / "game")
    os.makedirs(game)
    w = Watcher(src, game, str(tmp_path / "cache"))
    try:
        first = w.wait_for("ok in ")
        assert "first build" in first and "scenario_sample.rpy" in first
        w.wait_for("watching ")
        yield w, src, os.path.join(game, "generated")
    finally:
        w.stop()


def test_a_save_rebuilds_the_game(watching):
    w, src, gen = watching
    script = os.path.join(gen, "scenario_sample.rpy")
    assert "What will Sam do?" not in open(script, encoding="utf-8").read()
    t0 = time.monotonic()
    save(os.path.join(src, "sample.yaml"), "What does Sam do?", "What will Sam do?")
    while "What will Sam do?" not in open(script, encoding="utf-8").read():
        assert time.monotonic() - t0 < 30, w.seen
        time.sleep(0.01)
    line = w.wait_for("ok in ")
    assert "sample.yaml" in line and "scenario_sample.rpy" in line and "catalogue.rpy" not in line
    assert w.stop() == 0 and w.seen[-1] != ""


def test_a_save_with_errors_writes_nothing(watching):
    w, src, gen = watching
    before = snapshot(gen)
    save(os.path.join(src, "sample.yaml"), "goto: wrap_up", "goto: wrap_upp")
    w.wait_for("not built ")
    assert any("error[TYG012]" in line and "wrap_upp" in line for line in w.seen), w.seen
    time.sleep(0.3)
    assert snapshot(gen) == before, "a broken save must leave game/generated/ as it was, to the byte and the mtime"
    # A YAML syntax error too.
    with open(os.path.join(src, "sample.yaml"), "a", encoding="utf-8") as fh:
        fh.write("\n  - id: [unclosed\n")
    w.wait_for("not built ")
    assert snapshot(gen) == before
    # Fixing the file builds again.
    shutil.copy(os.path.join(SAMPLE, "sample.yaml"), os.path.join(src, "sample.yaml"))
    line = w.wait_for("ok in ")
    assert "the game is unchanged" in line
    assert {k: v[0] for k, v in snapshot(gen).items()} == {k: v[0] for k, v in before.items()}
