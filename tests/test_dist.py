"""build.py dist: the message without an SDK, the SDK command line, the whole flow
against a stand-in SDK, and the build.classify rules as Ren'Py evaluates them."""

from __future__ import annotations

import ast
import json
import os
import re
import stat
import subprocess
import sys
import textwrap
import zipfile

import pytest

import enginekit
from tyg.engine import dist

ROOT = enginekit.ROOT
SAMPLE = os.path.join(ROOT, "tests", "sample")
BUILD_PY = os.path.join(ROOT, "build.py")
VERSION = dist.game_version(os.path.join(ROOT, "game"))


def build_py(*args: str, sdk_env: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RENPY_SDK"}
    if sdk_env is not None:
        env["RENPY_SDK"] = sdk_env
    return subprocess.run([sys.executable, BUILD_PY, *args], env=env, capture_output=True, text=True, timeout=600)


# ---------------------------------------------------------------- no SDK


def assert_instructions(stderr: str) -> None:
    assert "https://www.renpy.org/latest.html" in stderr
    assert "8.x" in stderr
    assert "export RENPY_SDK=" in stderr and "--renpy" in stderr and "renpy.sh" in stderr
    assert "Debian's renpy package cannot build distributions" in stderr


def test_dist_without_an_sdk_exits_2_and_says_what_to_download():
    # Only Debian's renpy is installed here: that is not enough.
    run = build_py("dist")
    assert run.returncode == 2, run.stderr
    assert "Only Debian's renpy package was found" in run.stderr
    assert_instructions(run.stderr)


def test_dist_with_a_folder_that_is_not_an_sdk_exits_2(tmp_path):
    run = build_py("--renpy", str(tmp_path), "dist")
    assert run.returncode == 2
    assert f"{tmp_path} is not a Ren'Py SDK folder" in run.stderr
    assert_instructions(run.stderr)
    # renpy.sh alone (no launcher/, no lib/) is not an SDK either.
    (tmp_path / "renpy.sh").write_text("#!/bin/sh\n")
    run = build_py("dist", sdk_env=str(tmp_path))
    assert run.returncode == 2
    assert "no launcher/ or lib/" in run.stderr
    assert_instructions(run.stderr)


def test_dist_pointed_at_debians_renpy_says_it_cannot_build():
    run = build_py("--renpy", "/usr/share/games/renpy", "dist")
    assert run.returncode == 2
    assert "is Debian's renpy package, not a Ren'Py SDK" in run.stderr
    assert_instructions(run.stderr)


# ---------------------------------------------------------------- the SDK command line


def test_distribute_command_line():
    cmd = dist.distribute_command("/opt/renpy-8.1.3-sdk", "/tmp/stage/TrustYourGut", "/tmp/stage/dists", ["pc", "mac"])
    assert cmd == [
        "/opt/renpy-8.1.3-sdk/renpy.sh",
        "/opt/renpy-8.1.3-sdk/launcher",
        "distribute",
        "/tmp/stage/TrustYourGut",
        "--destination",
        "/tmp/stage/dists",
        "--package",
        "pc",
        "--package",
        "mac",
    ]
    assert dist.archive_name("0.1.0", "pc") == "TrustYourGut-0.1.0-pc.zip"
    assert dist.archive_name("0.1.0", "mac", lab=True) == "TrustYourGut-0.1.0-lab-mac.zip"
    assert dist.archive_name("0.1.0", "linux") == "TrustYourGut-0.1.0-linux.tar.bz2"


# A stand-in for the Ren'Py SDK. This tests our side of a process boundary: the
# real build.py (real staging, real scenario build) runs a real executable
# renpy.sh, which records the command line it was given and, like the SDK's
# distribute command, writes one archive per package, named after
# build.directory_name, holding the project folder it was handed. Our code is
# not mocked; only the program on the other side of exec is a stand-in.
STAND_IN_SDK = r'''#!{python}
import json, os, re, sys, zipfile

sdk = os.path.dirname(os.path.abspath(__file__))
launcher, command, project, *rest = sys.argv[1:]
options = dict(zip(rest[::2], rest[1::2]))
packages = [v for k, v in zip(rest[::2], rest[1::2]) if k == "--package"]
with open(os.path.join(sdk, "calls.jsonl"), "a") as fh:
    top = sorted(os.listdir(project))
    generated = sorted(os.listdir(os.path.join(project, "game", "generated")))
    fh.write(json.dumps({{"argv": sys.argv[1:], "cwd": os.getcwd(), "top": top, "generated": generated}}) + "\n")
with open(os.path.join(project, "game", "options.rpy")) as fh:
    version = re.search(r'config.version = "([^"]+)"', fh.read()).group(1)
os.makedirs(options["--destination"], exist_ok=True)
for package in packages:
    name = "TrustYourGut-" + version + "-" + package
    with zipfile.ZipFile(os.path.join(options["--destination"], name + ".zip"), "w") as z:
        for folder, _, files in os.walk(project):
            for f in files:
                path = os.path.join(folder, f)
                z.write(path, os.path.join(name, os.path.relpath(path, project)))
'''


def stand_in_sdk(path) -> str:
    os.makedirs(os.path.join(path, "launcher", "game"))
    os.makedirs(os.path.join(path, "lib"))
    script = os.path.join(path, "renpy.sh")
    with open(script, "w") as fh:
        fh.write(STAND_IN_SDK.format(python=sys.executable))
    os.chmod(script, os.stat(script).st_mode | stat.S_IXUSR)
    return str(path)


LAB_CHECK = """
testcase lab_check:
    $ tyg_trace("settings", lab_mode=tyg_lab_mode, country=tyg_country)
    $ renpy.quit()
"""


@pytest.mark.parametrize("lab", [False, True], ids=["normal", "lab"])
def test_dist_end_to_end_with_a_stand_in_sdk(tmp_path, lab):
    sdk = stand_in_sdk(tmp_path / "sdk")
    out = tmp_path / "out"
    run = build_py("--renpy", sdk, "dist", "--out", str(out), *(["--lab"] if lab else []))
    assert run.returncode == 0, run.stdout + run.stderr

    with open(os.path.join(sdk, "calls.jsonl")) as fh:
        calls = [json.loads(line) for line in fh]
    assert len(calls) == 1, "the SDK is run once for all packages"
    argv = calls[0]["argv"]
    project, destination = argv[2], argv[4]
    assert argv == dist.distribute_command(sdk, project, destination, ["pc", "mac"])[1:]
    assert calls[0]["cwd"] == sdk
    # The project handed over is a staged copy, built from scenarios/, and it is cleaned up.
    assert not project.startswith(ROOT) and not os.path.exists(project)
    assert {"scenario_niko.rpy", "scenario_mateo.rpy", "catalogue.rpy"} <= set(calls[0]["generated"])
    assert calls[0]["top"] == (["game", "trust-your-gut.ini"] if lab else ["game"])

    names = [dist.archive_name(VERSION, p, lab) for p in ("pc", "mac")]
    assert sorted(os.listdir(out)) == sorted(names)
    for name in names:
        assert name in run.stdout, "every archive made is listed"

    pc = zipfile.ZipFile(out / names[0])
    ini = f"TrustYourGut-{VERSION}-pc/trust-your-gut.ini"
    if not lab:
        assert ini not in pc.namelist()
        return
    text = pc.read(ini).decode("utf-8")
    assert re.search(r"^lab_mode = yes$", text, re.M)
    # The unpacked lab build starts in lab mode, in the real engine.
    unpacked = tmp_path / "unpacked"
    pc.extractall(unpacked)
    base = str(unpacked / f"TrustYourGut-{VERSION}-pc")
    enginekit.add_script(base, "zz_lab_check.rpy", LAB_CHECK)
    engine = enginekit.run_engine(base, "test", "lab_check", timeout=180)
    assert engine.returncode == 0, engine.output[-3000:]
    assert engine.of("settings") == [{"event": "settings", "lab_mode": True, "country": "US"}]


# ---------------------------------------------------------------- build.classify


def renpy_match():
    """Ren'Py's own pattern matcher, taken from the launcher's distribute.rpy as installed.

    The two functions are read out of the file's ``init python`` block (each runs from its
    ``def`` line to the next statement of the block) and run as they are; nothing of them
    is copied into this repository.
    """
    path = "/usr/share/games/renpy/launcher/game/distribute.rpy"
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    namespace = {"re": re, "match_cache": {}}
    for name in ("compile_match", "match"):
        start = next(i for i, line in enumerate(lines) if line.startswith(f"    def {name}("))
        end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() and not lines[i].startswith("     "))
        tree = ast.parse(textwrap.dedent("\n".join(lines[start:end])))
        assert [type(n) for n in tree.body] == [ast.FunctionDef]
        exec(compile(tree, path, "exec"), namespace)
    return namespace["match"]


def build_info(tmp_path) -> dict:
    """build.dump() as the engine computes it from game/options.rpy: what the launcher reads."""
    base = enginekit.stage_game(str(tmp_path / "project"), SAMPLE)
    dump = str(tmp_path / "dump.json")
    run = enginekit.run_engine(base, "quit", "--json-dump", dump, timeout=180)
    assert run.returncode == 0, run.output[-3000:]
    with open(dump, encoding="utf-8") as fh:
        return json.load(fh)["build"]


def shipped(base: str, patterns, match) -> set[str]:
    """The files a distribution takes from ``base``, walked as the launcher's scan_and_classify does:
    top down, folders matched with a trailing '/', the first matching pattern wins, a folder
    classified None is not entered (unless it matched a 'folder/**' pattern, which only
    excludes what is inside it)."""
    found: set[str] = set()

    def walk(name: str, path: str) -> None:
        is_dir = os.path.isdir(path)
        key = name + "/" if is_dir else name
        file_lists = None
        for pattern, lists in patterns:
            if match(key, pattern):
                if not lists and is_dir and pattern.rstrip("*") != pattern and match(key, pattern.rstrip("*")):
                    continue
                file_lists = lists
                break
        if not file_lists:
            return
        if is_dir:
            for child in sorted(os.listdir(path)):
                walk(f"{name}/{child}", os.path.join(path, child))
        else:
            found.add(name)

    for child in sorted(os.listdir(base)):
        walk(child, os.path.join(base, child))
    return found


# Files a working checkout has that git does not track: compiled scripts and
# caches, saves, logs, outputs, a developer's own settings file.
WORKING_FILES = [
    "game/cache/bytecode-311.rpyb",
    "game/cache/screens.rpyb",
    "game/saves/persistent",
    "game/saves/1-1-LT1.save",
    "game/.DS_Store",
    "game/scene.yaml",
    "game/gui.rpy~",
    "log.txt",
    "traceback.txt",
    "errors.txt",
    "trust-your-gut.ini",
    "dist/TrustYourGut-0.1.0-pc.zip",
    "out/guide/index.html",
    "out/screenshots/01.png",
    "tools/tyg/__pycache__/dist.cpython-311.pyc",
    ".ci/run",
    ".git/HEAD",
    ".pytest_cache/README.md",
]


def checkout_like(dest: str) -> list[str]:
    """Empty files at the paths of the repository's tracked files, every .rpy's .rpyc, and WORKING_FILES."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    tracked = [p for p in tracked if p]
    generated = [f"game/generated/{n}" for n in ("catalogue.rpy", "index.rpy", "scenario_niko.rpy")]
    paths = tracked + generated + WORKING_FILES
    paths += [p + "c" for p in paths if p.startswith("game/") and p.endswith(".rpy")]
    for p in paths:
        full = os.path.join(dest, p)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        open(full, "w").close()
    return paths


def test_build_metadata_and_classify_rules(tmp_path):
    build = build_info(tmp_path)
    assert build["directory_name"] == dist.directory_name(VERSION) == f"TrustYourGut-{VERSION}"
    assert build["executable_name"] == "TrustYourGut"
    assert build["include_update"] is False
    assert "trust-your-gut.ini" in build["documentation_patterns"]

    match = renpy_match()
    patterns = build["base_patterns"]
    # The same rules over the real repository folder, as the launcher would walk it...
    real = shipped(ROOT, patterns, match)
    # ... and over a checkout-like tree that has every kind of file a checkout can hold.
    tree = str(tmp_path / "checkout")
    paths = checkout_like(tree)
    ships = shipped(tree, patterns, match)

    for files in (real, ships):
        assert files, "nothing would ship"
        outside = {p for p in files if not p.startswith("game/") and p != "trust-your-gut.ini"}
        assert not outside, f"shipped from outside game/: {sorted(outside)[:10]}"
        assert not {p for p in files if p.endswith((".rpy", ".yaml", ".rpyb", "~"))}
        assert not {p for p in files if p.startswith(("game/cache/", "game/saves/", "game/generated/.")) or "/." in "/" + p}

    # What must ship: compiled scripts, fonts with their licences, images, the settings file.
    tracked_game = [p for p in paths if p.startswith("game/") and not p.startswith(("game/cache/", "game/saves/"))]
    must = {p for p in tracked_game if p.endswith((".rpyc", ".ttf", ".otf", ".png"))} | {"trust-your-gut.ini"}
    must |= {p for p in tracked_game if p.startswith("game/fonts/") and "LICENSE" in p.upper()}
    assert {"game/fonts/OpenDyslexic-LICENSE.txt", "game/fonts/Symbola-LICENSE.txt", "game/options.rpyc",
            "game/generated/scenario_niko.rpyc"} <= must
    assert must <= ships, f"missing from the build: {sorted(must - ships)}"
    # Nothing from the repository's own folders and files.
    for top in ("scenarios", "tests", "tools", "docs", "bench", "assets", "out", "dist", ".ci", ".git",
                "build.py", "pyproject.toml", "README.md", "log.txt", "traceback.txt", "errors.txt"):
        assert not {p for p in ships if p == top or p.startswith(top + "/")}, top
    # And every file of game/ that is not a source, cache or save does ship.
    rest = {p for p in tracked_game if not p.endswith((".rpy", ".yaml", "~")) and "/." not in "/" + p}
    assert rest == ships - {"trust-your-gut.ini"}
