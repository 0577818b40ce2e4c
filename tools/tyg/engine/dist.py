"""``build.py dist``: Windows, macOS and Linux builds through an official Ren'Py SDK.

The SDK's launcher has a ``distribute`` command (the command-line form of its
"Build Distributions" button)::

    <sdk>/renpy.sh <sdk>/launcher distribute <project> --destination DIR --package pc --package mac

It compiles the project's scripts to ``.rpyc``, classifies the project's files
with the ``build.classify`` rules in game/options.rpy, and writes one archive per
package, named ``<build.directory_name>-<package>``: ``TrustYourGut-0.1.0-pc.zip``
(Windows and Linux), ``TrustYourGut-0.1.0-mac.zip`` (a macOS app).

We never distribute the repository folder itself: the game is staged in a
temporary folder (the hand-written runtime plus freshly compiled scenarios),
so nothing lying around in the checkout (a developer's own settings file,
saves, caches) can reach a build. A lab build (``--lab``) adds a
``trust-your-gut.ini`` that switches lab mode on; schools can still edit it.
The archives are then moved to ``dist/`` (lab builds are named ``...-lab-pc.zip``).

Saves across releases: when Ren'Py compiles a script it keeps the names of
unchanged statements from the ``.rpyc`` files in ``<project>/old-game/``
(the SDK's own "old-game" convention). Each build copies ``old-game/`` from
the repository into the staged project, and afterwards puts the new
``.rpyc`` files back there; commit it with each release. The generated
scenarios do not need it (their places have stable labels, lower.StepNames),
but the hand-written runtime's statements do, for a save made inside them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from tyg.engine.locate import DEBIAN_BASE, DEBIAN_LAUNCHER, EngineNotFound, find_engine

OK, FAILED, ENV_ERROR = 0, 1, 2

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BUILD_NAME = "TrustYourGut"  # build.name in game/options.rpy
SETTINGS_FILE = "trust-your-gut.ini"

#: Ren'Py package name -> the extension of the file the SDK writes for it.
PACKAGES = {
    "pc": ".zip",  # Windows and Linux
    "mac": ".zip",  # a macOS app
    "win": ".zip",  # Windows only
    "linux": ".tar.bz2",  # Linux only
}
DEFAULT_PACKAGES = ("pc", "mac")

HOW_TO_GET_THE_SDK = """\
build.py dist needs the official Ren'Py SDK, version 8.x (the game is tested with 8.0.3).
  1. Download the Ren'Py 8 SDK (renpy-8.x.y-sdk.tar.bz2) from https://www.renpy.org/latest.html
  2. Unpack it outside this project, for example:
       mkdir -p ~/renpy && tar -xjf renpy-8.*-sdk.tar.bz2 -C ~/renpy
  3. Point build.py at the unpacked folder (the one that holds renpy.sh), either with
       export RENPY_SDK=~/renpy/renpy-8.x.y-sdk
     or with
       python3 build.py --renpy ~/renpy/renpy-8.x.y-sdk dist
Debian's renpy package cannot build distributions: it has no Windows, macOS or Linux
runtimes (the SDK's lib/ folder) for the distribute command to package."""

LAB_SETTINGS = """\
; Trust Your Gut settings for this computer. Lab build: lab mode is on.
; lab_mode = yes keeps nothing between students: no saves, no settings.
; country chooses which help services are listed first (US, GB, ...).
; facilitator = yes starts in facilitator mode, for a group on a projector.
[school]
lab_mode = yes
; country = GB
; facilitator = yes
"""


class SdkMissing(Exception):
    pass


def find_sdk(explicit: str | None) -> str:
    """The folder of an official Ren'Py SDK (--renpy, then RENPY_SDK), or SdkMissing saying why not."""
    given = explicit or os.environ.get("RENPY_SDK")
    if given and os.path.realpath(given) in {os.path.realpath(p) for p in (DEBIAN_BASE, DEBIAN_LAUNCHER)}:
        raise SdkMissing(f"{given} is Debian's renpy package, not a Ren'Py SDK.")
    try:
        engine = find_engine(explicit)
    except EngineNotFound:
        if given:
            raise SdkMissing(f"{given} is not a Ren'Py SDK folder (there is no renpy.sh in it).") from None
        raise SdkMissing("No Ren'Py SDK found: neither --renpy nor RENPY_SDK is set.") from None
    if engine.kind != "sdk":
        raise SdkMissing(f"Only Debian's renpy package was found ({engine.location}), and no Ren'Py SDK.")
    folder = os.path.dirname(os.path.abspath(engine.location))
    missing = [d + "/" for d in ("launcher", "lib") if not os.path.isdir(os.path.join(folder, d))]
    if missing:
        raise SdkMissing(f"{folder} has renpy.sh but no {' or '.join(missing)}, so it is not a complete Ren'Py SDK.")
    return folder


def game_version(game_dir: str) -> str:
    """config.version, as defined in game/options.rpy."""
    with open(os.path.join(game_dir, "options.rpy"), encoding="utf-8") as fh:
        found = re.search(r'^define\s+config\.version\s*=\s*"([^"]+)"', fh.read(), re.M)
    if not found:
        raise ValueError("game/options.rpy defines no config.version")
    return found.group(1)


def directory_name(version: str) -> str:
    """build.directory_name: the SDK names each archive '<this>-<package><ext>'."""
    return f"{BUILD_NAME}-{version}"


def distribute_command(sdk: str, project: str, destination: str, packages: list[str] | tuple[str, ...]) -> list[str]:
    """The SDK command line that builds ``packages`` of ``project`` into ``destination``."""
    cmd = [
        os.path.join(sdk, "renpy.sh"),
        os.path.join(sdk, "launcher"),  # the launcher is the Ren'Py project that owns 'distribute'
        "distribute",
        os.path.abspath(project),
        "--destination",
        os.path.abspath(destination),
    ]
    for package in packages:
        cmd += ["--package", package]
    return cmd


def archive_name(version: str, package: str, lab: bool = False) -> str:
    """The file name we give a package's archive in dist/: the SDK's own, with '-lab' for lab builds."""
    return f"{directory_name(version)}{'-lab' if lab else ''}-{package}{PACKAGES[package]}"


def stage_project(dest: str, source: str, lab: bool) -> None:
    """The project to distribute: the runtime plus compiled scenarios (and the lab settings file)."""
    from tyg.engine.stage import stage_game

    stage_game(dest, source)  # raises RuntimeError with the diagnostics if the scenarios have errors
    if lab:
        with open(os.path.join(dest, SETTINGS_FILE), "w", encoding="utf-8") as fh:
            fh.write(LAB_SETTINGS)


OLD_GAME = "old-game"


def carry_old_game(root: str, project: str) -> int:
    """Copy ``root``'s old-game/ (the last release's .rpyc files) into the staged project; returns how many."""
    src = os.path.join(root, OLD_GAME)
    if not os.path.isdir(src):
        return 0
    shutil.copytree(src, os.path.join(project, OLD_GAME), dirs_exist_ok=True)
    return sum(len(names) for _, _, names in os.walk(src))


def keep_old_game(project: str, root: str) -> int:
    """Replace ``root``'s old-game/ with the .rpyc files just compiled in the project's game/; returns how many."""
    game = os.path.join(project, "game")
    found = []
    for dirpath, _dirs, names in os.walk(game):
        found += [os.path.relpath(os.path.join(dirpath, n), game) for n in names if n.endswith((".rpyc", ".rpymc"))]
    if not found:
        return 0  # the SDK compiled nothing we can see: keep the old ones rather than lose them
    dest = os.path.join(root, OLD_GAME)
    fresh = dest + ".new"
    shutil.rmtree(fresh, ignore_errors=True)
    for rel in sorted(found):
        os.makedirs(os.path.dirname(os.path.join(fresh, rel)), exist_ok=True)
        shutil.copy2(os.path.join(game, rel), os.path.join(fresh, rel))
    shutil.rmtree(dest, ignore_errors=True)
    os.replace(fresh, dest)
    return len(found)


def _size(path: str) -> str:
    return f"{os.path.getsize(path) / 1e6:.1f} MB"


def cmd_dist(args: argparse.Namespace) -> int:
    try:
        sdk = find_sdk(args.renpy)
    except SdkMissing as exc:
        print(f"{exc}\n{HOW_TO_GET_THE_SDK}", file=sys.stderr)
        return ENV_ERROR
    packages = list(dict.fromkeys(getattr(args, "package", None) or DEFAULT_PACKAGES))
    out = os.path.abspath(args.out or os.path.join(ROOT, "dist"))
    source = os.path.join(ROOT, "scenarios")
    version = game_version(os.path.join(ROOT, "game"))

    with tempfile.TemporaryDirectory(prefix="tyg-dist-") as tmp:
        project = os.path.join(tmp, BUILD_NAME)
        try:
            stage_project(project, source, args.lab)
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return FAILED
        carry_old_game(ROOT, project)
        made = os.path.join(tmp, "dists")
        cmd = distribute_command(sdk, project, made, packages)
        print(f"{'lab build' if args.lab else 'build'} {version} with the Ren'Py SDK at {sdk}: {' '.join(packages)}")
        env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
        # Ren'Py would otherwise back up every script it compiles into ~/.renpy/backups.
        env.setdefault("RENPY_DISABLE_BACKUPS", "I take responsibility for this.")
        try:
            code = subprocess.call(cmd, cwd=sdk, env=env)
        except OSError as exc:
            print(f"Could not run the Ren'Py SDK ({exc}).\n{HOW_TO_GET_THE_SDK}", file=sys.stderr)
            return ENV_ERROR
        if code != 0:
            print(f"The Ren'Py SDK failed (exit {code}): {' '.join(cmd)}", file=sys.stderr)
            return FAILED
        kept = keep_old_game(project, ROOT)
        if kept:
            print(f"  {OLD_GAME}/: {kept} compiled scripts kept for the next build (commit them with the release)")
        os.makedirs(out, exist_ok=True)
        results, missing = [], []
        for package in packages:
            built = os.path.join(made, f"{directory_name(version)}-{package}{PACKAGES[package]}")
            if not os.path.isfile(built):
                missing.append(os.path.basename(built))
                continue
            final = os.path.join(out, archive_name(version, package, args.lab))
            if os.path.exists(final):
                os.unlink(final)
            shutil.move(built, final)
            results.append(final)

    for path in results:
        print(f"  {os.path.relpath(path)}  ({_size(path)})")
    if missing:
        print(f"The Ren'Py SDK did not make: {', '.join(missing)}", file=sys.stderr)
        return FAILED
    return OK
