"""Finding and running a Ren'Py engine.

Order of search:
  1. ``--renpy PATH`` or the ``RENPY_SDK`` environment variable: an official
     Ren'Py SDK (its folder, or its ``renpy.sh``);
  2. Debian/Ubuntu's ``renpy`` package, run with Debian's own Python and our
     ``engine_shim/sitecustomize.py`` on PYTHONPATH. The shim repairs AST
     positions that make Ren'Py 8.0.3 crash under Python 3.11
     (renpy/renpy#5461); being a ``sitecustomize``, it also applies to every
     child process the engine starts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field

SHIM_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "engine_shim")
DEBIAN_LAUNCHER = "/usr/games/renpy"
DEBIAN_BASE = "/usr/share/games/renpy"
DEBIAN_PYTHON = "/usr/bin/python3"

HOW_TO_GET_ONE = """\
No Ren'Py engine found. Either:
  * on Debian or Ubuntu: sudo apt-get install renpy xvfb
    (Ren'Py 8.0.3; this project runs it through its own launcher, nothing else to do), or
  * download the official Ren'Py SDK (8.0 or later) from https://www.renpy.org/latest.html,
    unpack it, and point RENPY_SDK at its folder (or pass --renpy /path/to/renpy-sdk/renpy.sh).
    Only the SDK can make Windows, macOS and Linux builds."""


class EngineNotFound(Exception):
    pass


@dataclass
class Engine:
    kind: str  # "sdk" or "debian"
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    location: str = ""

    def command(self, basedir: str, *args: str, savedir: str | None = None) -> list[str]:
        cmd = list(self.argv)
        if savedir:
            cmd += ["--savedir", os.path.abspath(savedir)]
        return cmd + [os.path.abspath(basedir), *args]

    def environ(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = dict(os.environ)
        # Ren'Py copies every .rpy it compiles into ~/.renpy/backups unless told not to.
        # Our scripts live in git (or are generated), and a lab computer must keep nothing.
        env.setdefault("RENPY_DISABLE_BACKUPS", "I take responsibility for this.")
        for k, v in self.env.items():
            env[k] = v if k != "PYTHONPATH" or not env.get(k) else v + os.pathsep + env[k]
        env.update(extra or {})
        return env

    def describe(self) -> str:
        return f"{self.kind} engine at {self.location}"


def _sdk_launcher(path: str) -> str | None:
    if os.path.isdir(path):
        path = os.path.join(path, "renpy.sh")
    return path if os.path.isfile(path) else None


def find_engine(explicit: str | None = None) -> Engine:
    """The engine to use, or EngineNotFound with instructions."""
    for origin, value in (("--renpy", explicit), ("RENPY_SDK", os.environ.get("RENPY_SDK"))):
        if value:
            launcher = _sdk_launcher(value)
            if launcher is None:
                raise EngineNotFound(
                    f"{origin} points at {value}, which is not a Ren'Py SDK (no renpy.sh there).\n{HOW_TO_GET_ONE}"
                )
            return Engine("sdk", [launcher], location=launcher)
    if os.path.isfile(DEBIAN_LAUNCHER) and os.path.isdir(DEBIAN_BASE) and os.path.isfile(DEBIAN_PYTHON):
        return Engine(
            "debian",
            [DEBIAN_PYTHON, DEBIAN_LAUNCHER],
            env={"PYTHONPATH": SHIM_DIR},
            location=DEBIAN_LAUNCHER,
        )
    raise EngineNotFound(HOW_TO_GET_ONE)


def headless_prefix(size: str = "1920x1080x24") -> list[str]:
    """A prefix that runs a command on a private virtual screen (Xvfb).

    The screen is larger than the game, so that Ren'Py opens its window at the full
    1280x720 instead of shrinking it to fit.
    """
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        raise EngineNotFound("xvfb-run is missing: sudo apt-get install xvfb")
    return [xvfb, "-a", "-s", f"-screen 0 {size}"]


HEADLESS_ENV = {"SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy"}


@dataclass
class LintResult:
    returncode: int
    output: str
    findings: list[str]


def run_lint(engine: Engine, basedir: str, savedir: str, timeout: float = 300) -> LintResult:
    """Ren'Py's own lint. Findings are the report lines before its statistics."""
    env = engine.environ({"HOME": savedir, **HEADLESS_ENV, "SDL_VIDEODRIVER": "dummy"})
    proc = subprocess.run(
        ["timeout", "-k", "5", str(int(timeout)), *engine.command(basedir, "lint", "--error-code", savedir=savedir)],
        env=env,
        capture_output=True,
        text=True,
        errors="replace",
    )
    out = proc.stdout + proc.stderr
    findings = []
    lines = out.splitlines()
    body = lines
    for i, line in enumerate(lines):
        if "lint report" in line:
            body = lines[i + 1 :]
            break
    for line in body:
        if line.strip() == "Statistics:":
            break
        if line.strip():
            findings.append(line.strip())
    return LintResult(proc.returncode, out, findings)
