#!/usr/bin/env python3
"""How our build scales with story size, and how it compares with Ren'Py's own compile.

    python3 bench/build_scaling.py                  # 100, 1,000 and 10,000 scenes
    python3 bench/build_scaling.py --sizes 100,1000
    python3 bench/build_scaling.py --quick          # fast smoke run
    python3 bench/build_scaling.py --no-renpy       # our build only

For each size it generates a synthetic, valid project (catalogue.yaml plus
scenario files; asserted to check with no diagnostics at all), then:

* times our full build, ``pipeline.build(source, game_dir)`` (load, check,
  lower, emit, write), into a fresh game folder holding a copy of the
  hand-written runtime (game/*.rpy), best of several runs; and the same work
  split into stages with the pipeline's own functions;
* times Ren'Py's ``compile`` command on the built game (its .rpyc files and
  cache removed first, private HOME and save folder, dummy SDL drivers,
  ``timeout -k 5 600``), and once more on an empty project (runtime plus the
  catalogue, 0 scenarios) to estimate the engine's fixed startup cost.

Targets: 10,000 scenes build in at most 1 s; our build at most 5 % of
Ren'Py's compile. Misses are reported, not failed: the exit status is 0 unless
something crashed (a generated project that does not check clean, or an
engine run that fails, counts as a crash).

Scenario files are capped at ``load.MAX_FILE_BYTES`` (2 MiB), so a size is
split into scenario files of at most --scenes-per-file scenes (default 1,000,
about 1 MiB of YAML): 100 and 1,000 scenes are one scenario file, 10,000
scenes are ten. Each scenario is one connected story.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))

from tyg.compile import pipeline  # noqa: E402
from tyg.compile.diagnostics import Report  # noqa: E402
from tyg.engine.locate import EngineNotFound, find_engine  # noqa: E402
from tyg.compile.load import CATALOGUE_NAME, MAX_FILE_BYTES  # noqa: E402
from tyg.compile.lower import GENERATED_DIR  # noqa: E402
from tyg.compile.output import plan_conflicts, write_files  # noqa: E402
from tyg.engine.stage import copy_runtime  # noqa: E402


TARGET_10K_SECONDS = 1.0
TARGET_RATIO = 0.05

# ------------------------------------------------------------------ generating projects

RED_FLAGS = ["stranger_first", "fast_flattery", "pressure", "secrecy", "gifts", "move_app", "personal_info", "threats"]
SAFE_ACTIONS = ["pause_and_think", "talk_to_adult", "report_block", "save_evidence", "privacy_settings", "say_no"]
RESOURCES = [("help_int", "INT", "url"), ("help_us", "US", "phone"), ("help_gb", "GB", "url"), ("help_text", "US", "sms")]
FLAGS = ["replied", "asked_friend", "reported", "shared_photo", "told_adult", "blocked", "saved_chat", "moved_app"]

NARRATION = [
    "It is Saturday morning. The phone buzzes again.",
    "School is out, and the group chat is busy.",
    "A notification lights up the screen: a new follower.",
    "Later that evening, the house is quiet.",
    "The message sits there, unread, for a while.",
]
PLAYER_LINES = ["who is this?", "I don't know any \"Jess\".", "idk, maybe later", "why do you want to know?", "brb"]
FRIEND_LINES = [
    "Never heard of them. The account is one day old.",
    "That's weird. Did you tell anyone?",
    "You should show your mum, honestly.",
    "Block them, it's 100% fake.",
]
OFFENDER_LINES = [
    "hey!! saw ur post, ur cute 😊",
    "don't tell anyone about us ok? [just between us] {secret}",
    "send me a pic? just for me 😉",
    "let's move to another app, this one is boring",
    "i got you a gift card, 50% off everything",
]
ADULT_LINES = ["You did the right thing telling me.", "Let's report the account together.", "Thank you for showing me."]
CHOICE_TEXTS = {
    "safer": ["Block and report the account", "Tell a trusted adult", "Say no and stop replying", "Ask a friend first"],
    "risky": ["Reply with a compliment back", "Send the picture", "Keep it a secret", "Move to the other app"],
    "neutral": ["Ignore it for now", "Put the phone down", "Say \"maybe later\"", "Think about it overnight"],
}


def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def catalogue_yaml() -> str:
    out = ["format: 1", "red_flags:"]
    for rf in RED_FLAGS:
        out += [f"  - id: {rf}", f"    name: {q(rf.replace('_', ' ').capitalize())}",
                f"    explain: {q('A warning sign: ' + rf.replace('_', ' ') + '. Trust your gut.')}"]
    out.append("safe_actions:")
    for sa in SAFE_ACTIONS:
        out += [f"  - id: {sa}", f"    name: {q(sa.replace('_', ' ').capitalize())}",
                f"    explain: {q('Something you can always do: ' + sa.replace('_', ' ') + '.')}"]
    out += ["key_messages:", "  - id: never_too_late", "    name: It is never too late",
            "    explain: Even after a risky move, you can still tell someone and get help.", "    way_back: true"]
    out.append("resources:")
    for rid, country, how in RESOURCES:
        value = {"url": "https://example.org/help", "phone": "555-0100", "sms": "85258"}[how]
        out += [f"  - id: {rid}", f"    name: {q(rid.replace('_', ' ').title())}", f"    country: {country}",
                f"    explain: {q('A placeholder help resource for benchmarks.')}", f"    {how}: {q(value)}"]
    return "\n".join(out) + "\n"


def scenario_yaml(sid: str, n: int, rng: random.Random) -> str:
    """One connected story of ``n`` scenes (n >= 20) ending at three endings.

    Scene i always has an unconditional choice to scene i+1, so every scene is
    reachable; other choices skip ahead or, now and then, loop back a few
    scenes (a loop with a way out, which the checker allows). The last scene
    branches on flags to the three endings. Flags are set by choices and by
    set steps; conditions read only flags that some choice sets.
    """
    out = [
        "format: 1",
        "scenario:",
        f"  id: {sid}",
        f"  title: {q('Benchmark: ' + sid)}",
        "  player: {name: Sam, age: 14}",
        "  summary: Sam gets messages from an account he does not know.",
        "  content_note: A stranger online asks personal questions. Nothing explicit is shown.",
        "  start: s0",
        "characters:",
        "  - {id: sam, name: Sam, age: 14, role: player, colour: \"#3a7bd5\"}",
        "  - {id: ava, name: Ava, age: 14, role: friend, colour: \"#2e8b57\"}",
        "  - {id: stranger, name: \"jess_xo ✨\", role: offender, colour: \"#c2185b\"}",
        "  - {id: mum, name: Mum, role: adult, colour: \"#8e44ad\"}",
        "scenes:",
    ]
    kinds = ("safer", "risky", "neutral")
    sets_made = 0
    for i in range(n):
        out.append(f"  - id: s{i}")
        if i % 3 == 0:
            out.append(f"    location: {rng.choice(['bedroom', 'school', 'bus', 'kitchen'])}")
        out.append("    steps:")
        out.append(f"      - narrate: {q(rng.choice(NARRATION))}")
        out.append("      - chat: stranger")
        out.append(f"        text: {q(rng.choice(OFFENDER_LINES))}")
        out.append("      - chat: sam")
        out.append(f"        text: {q(rng.choice(PLAYER_LINES))}")
        if i % 2 == 0:
            out.append("      - say: ava")
            out.append(f"        text: {q(rng.choice(FRIEND_LINES))}")
        if i % 7 == 3:
            out.append("      - say: mum")
            out.append(f"        text: {q(rng.choice(ADULT_LINES))}")
        if i % 5 == 1:
            out.append(f"      - set: {{{rng.choice(FLAGS)}: true}}")
        if i % 6 == 2:
            out += [
                f"      - if: {rng.choice(FLAGS)} and not {rng.choice(FLAGS)}",
                "        then:",
                "          - say: sam",
                "            text: Good thing I asked.",
                "        else:",
                "          - narrate: Sam mentions the message to Ava later.",
            ]
        if i % 50 == 25:
            out += [
                "      - discuss:",
                f"          id: {sid}_q{i}",
                "          question: How might Sam feel right now?",
                "          notes: |",
                "            Likely answers: pleased, curious, a bit unsure.",
                "            Stress that these feelings are normal.",
            ]
        if i == n - 1:
            out += [
                "    goto:",
                "      - if: reported and not shared_photo",
                "        goto: safe_end",
                "      - if: told_adult or blocked",
                "        goto: helped_end",
                "      - goto: learning_end",
            ]
            continue
        out.append("    prompt: What does Sam do?")
        out.append("    choices:")
        targets = [f"s{i + 1}"]
        if i + 3 < n:
            targets.append(f"s{i + rng.randint(2, 3)}")
        if i % 2 == 0:  # a third choice on every other scene
            if i % 40 == 20 and i >= 5:
                targets.append(f"s{i - 5}")  # think again: a loop with a way out
            elif i > n - 10:
                targets.append(rng.choice(["safe_end", "helped_end", "learning_end"]))
            else:
                targets.append(f"s{min(n - 1, i + rng.randint(1, 4))}")
        first_kind = kinds[i % 3]
        for j, target in enumerate(targets):
            kind = first_kind if j == 0 else rng.choice(kinds)
            out += [
                f"      - id: c{i}_{j}",
                f"        text: {q(rng.choice(CHOICE_TEXTS[kind]))}",
                f"        kind: {kind}",
                f"        goto: {target}",
            ]
            if j > 0 and i % 4 == 1:
                # A condition to parse and search that never hides the choice (build.py check
                # reports a choice never on screen, TYG052, and "not FLAG" would often be one).
                flag = rng.choice(FLAGS)
                out.append(f"        if: not {flag} or {flag}")
            if (i + j) % 3 == 0:  # cycling through FLAGS, so every flag read is set somewhere
                out.append(f"        set: {{{FLAGS[sets_made % len(FLAGS)]}: true}}")
                sets_made += 1
            out += [
                "        feedback:",
                f"          title: {q('Flattery can pull you in' if kind == 'risky' else 'Checking with a real friend')}",
                f"          happened: {q('Sam kept chatting, and felt good about it.' if kind == 'risky' else 'Sam asked someone he knows offline.')}",
                "          why: Compliments from a stranger are a common first move; friends you know in person can tell you if an account is real.",
            ]
            if kind != "safer":
                out.append("          safer: Pause and ask a friend you know offline who this is.")
            out.append(f"          red_flags: [{', '.join(rng.sample(RED_FLAGS, rng.randint(0, 2)))}]")
            out.append(f"          safe_actions: [{', '.join(rng.sample(SAFE_ACTIONS, rng.randint(1, 2)))}]")
            if kind == "risky":  # a way back after every risky choice (TYG045)
                out.append("          key_messages: [never_too_late]")
    out += [
        "endings:",
        "  - id: safe_end",
        "    kind: safe",
        "    title: Trusting your gut",
        "    summary: Sam checked, reported and stayed safe.",
        "    resources: [help_int, help_us]",
        "  - id: helped_end",
        "    kind: supported",
        "    title: Getting help",
        "    summary: Sam got drawn in, then asked for help. It is not his fault.",
        "    resources: [help_int, help_gb]",
        "  - id: learning_end",
        "    kind: learning",
        "    title: Still time to act",
        "    summary: The account is still out there. Sam can still report it and talk to an adult.",
        "    resources: [help_text]",
    ]
    return "\n".join(out) + "\n"


def generate_project(dest: str, scenes: int, per_file: int, seed: int = 1) -> dict:
    """Write catalogue.yaml and scenario files with ``scenes`` scenes in all."""
    os.makedirs(dest, exist_ok=True)
    with open(os.path.join(dest, CATALOGUE_NAME), "w", encoding="utf-8") as fh:
        fh.write(catalogue_yaml())
    rng = random.Random(seed)
    parts = -(-scenes // per_file)
    total_bytes = 0
    for part in range(parts):
        n = scenes // parts + (1 if part < scenes % parts else 0)
        data = scenario_yaml(f"bench_{part:03d}", n, rng).encode("utf-8")
        if len(data) > MAX_FILE_BYTES:
            raise SystemExit(
                f"a {n}-scene scenario file is {len(data):,} bytes, over the loader's limit of "
                f"{MAX_FILE_BYTES:,}; use a smaller --scenes-per-file"
            )
        with open(os.path.join(dest, f"bench_{part:03d}.yaml"), "wb") as fh:
            fh.write(data)
        total_bytes += len(data)
    files = parts
    return {"files": files, "bytes": total_bytes}


def assert_clean(source: str) -> pipeline.Result:
    result = pipeline.check(source)
    if result.report.items:
        text = result.report.render_text()
        raise AssertionError(f"generated project does not check clean:\n{text[:4000]}")
    return result


# ------------------------------------------------------------------ our build


class GcClock:
    """Time spent in Python's cyclic garbage collector while active (via gc.callbacks)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = 0
        self._start = 0.0
        self.active = False

    def __call__(self, phase: str, info: dict) -> None:
        if not self.active:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start
            self.collections += 1


def time_build(source: str, work: str, runs: int) -> dict:
    """Best-of-``runs`` timings of the full build and of its stages, each into a fresh game folder."""
    best = {"total": float("inf"), "load_check": float("inf"), "lower_emit": float("inf"), "write": float("inf")}
    clock = GcClock()
    gc.callbacks.append(clock)
    for r in range(runs):
        game = copy_runtime(os.path.join(work, f"ours-{r}"))
        gc.collect()
        clock.seconds, clock.collections, clock.active = 0.0, 0, True
        t0 = time.perf_counter()
        result = pipeline.build(source, game)
        t1 = time.perf_counter()
        clock.active = False
        assert result.ok and result.written, result.report.render_text()
        if t1 - t0 < best["total"]:
            best["total"], best["gc"], best["gc_runs"] = t1 - t0, clock.seconds, clock.collections
        del result
        shutil.rmtree(os.path.dirname(game))

        # The same work, stage by stage, with the pipeline's own functions.
        game = copy_runtime(os.path.join(work, f"stages-{r}"))
        gc.collect()
        t0 = time.perf_counter()
        checked = pipeline.check(source)
        t1 = time.perf_counter()
        files = pipeline.compile_files(checked.project)
        t2 = time.perf_counter()
        gen_dir = os.path.join(game, GENERATED_DIR)
        report = Report()
        plan_conflicts(gen_dir, files, report)
        write_files(gen_dir, files)
        t3 = time.perf_counter()
        assert not report.items
        del checked, files
        best["load_check"] = min(best["load_check"], t1 - t0)
        best["lower_emit"] = min(best["lower_emit"], t2 - t1)
        best["write"] = min(best["write"], t3 - t2)
        shutil.rmtree(os.path.dirname(game))
    gc.callbacks.remove(clock)
    return best


# ------------------------------------------------------------------ Ren'Py's compile


def clean_compiled(basedir: str) -> None:
    """Remove everything Ren'Py compiled or cached, so that the next run compiles from .rpy."""
    for dirpath, dirnames, filenames in os.walk(basedir):
        for f in filenames:
            if f.endswith((".rpyc", ".rpymc", ".rpyb")):
                os.unlink(os.path.join(dirpath, f))
    for extra in ("game/cache", "game/saves", "home", "old-game"):
        shutil.rmtree(os.path.join(basedir, extra), ignore_errors=True)
    for extra in ("log.txt", "traceback.txt", "errors.txt"):
        p = os.path.join(basedir, extra)
        if os.path.exists(p):
            os.unlink(p)


def log_seconds(basedir: str, what: str) -> float | None:
    """A 'WHAT took N.NNs' figure from Ren'Py's log.txt."""
    try:
        with open(os.path.join(basedir, "log.txt"), encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith(what + " took "):
                    return float(line.rsplit(" ", 1)[1].rstrip("s\n"))
    except (OSError, ValueError):
        pass
    return None


def time_renpy(engine, basedir: str, runs: int) -> dict:
    """Best-of-``runs`` wall time of Ren'Py's compile command on a built game."""
    best = {"wall": float("inf"), "load_script": None}
    for _ in range(runs):
        clean_compiled(basedir)
        home = os.path.join(basedir, "home")
        os.makedirs(home)
        env = engine.environ({"HOME": home, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
        cmd = ["timeout", "-k", "5", "600", *engine.command(basedir, "compile", savedir=os.path.join(home, "saves"))]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, errors="replace")
        wall = time.perf_counter() - t0
        problems = [f for f in ("traceback.txt", "errors.txt") if os.path.exists(os.path.join(basedir, f))]
        if proc.returncode != 0 or problems:
            detail = proc.stdout + proc.stderr
            for f in problems:
                with open(os.path.join(basedir, f), encoding="utf-8", errors="replace") as fh:
                    detail += f"\n--- {f}\n" + fh.read()
            raise RuntimeError(f"Ren'Py compile failed (exit {proc.returncode}) in {basedir}:\n{detail[-4000:]}")
        if wall < best["wall"]:
            best = {"wall": wall, "load_script": log_seconds(basedir, "Loading script")}
    return best


# ------------------------------------------------------------------ report


def fmt_ratio(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}x"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default=None, help="comma-separated scene counts (default: 100,1000,10000)")
    p.add_argument("--runs", type=int, default=None, help="runs per size for our build, best taken (default 5; 3 at 10,000+)")
    p.add_argument("--renpy-runs", type=int, default=None, help="runs per size for Ren'Py's compile, best taken (default 2)")
    p.add_argument("--scenes-per-file", type=int, default=1000, help="largest scenario file, in scenes (default 1000)")
    p.add_argument("--quick", action="store_true", help="smoke run: sizes 100,1000, one run of each")
    p.add_argument("--no-renpy", action="store_true", help="skip Ren'Py's compile")
    p.add_argument("--renpy", metavar="PATH", help="an official Ren'Py SDK (default: RENPY_SDK, then Debian's renpy)")
    p.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (default: a temporary folder)")
    args = p.parse_args(argv)

    sizes = [int(s.replace("_", "")) for s in (args.sizes or ("100,1000" if args.quick else "100,1000,10000")).split(",")]
    if any(s < 20 for s in sizes):
        p.error("every size must be at least 20 scenes")
    if args.scenes_per_file < 20:
        p.error("--scenes-per-file must be at least 20")
    our_runs = args.runs or (1 if args.quick else None)
    renpy_runs = args.renpy_runs or (1 if args.quick else 2)

    engine = None
    if not args.no_renpy:
        try:
            engine = find_engine(args.renpy)
        except EngineNotFound as exc:
            print(f"Ren'Py's compile will not be timed: {exc}\n")

    work = args.keep or tempfile.mkdtemp(prefix="tyg-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; work folder {work}")
        if engine is not None:
            print(f"Ren'Py: {engine.describe()} (compile command, SDL dummy drivers)")
        print(f"Scenario files hold at most {args.scenes_per_file:,} scenes (loader limit {MAX_FILE_BYTES:,} bytes a file)\n")

        rows = []
        for n in sizes:
            source = os.path.join(work, f"src-{n}")
            shutil.rmtree(source, ignore_errors=True)
            info = generate_project(source, n, args.scenes_per_file)
            checked = assert_clean(source)
            scenes = sum(len(sc.scenes) for sc in checked.project.scenarios)
            choices = sum(len(s.choices) for sc in checked.project.scenarios for s in sc.scenes)
            assert scenes == n, (scenes, n)
            del checked  # so that timed runs do not carry (and garbage-collect) this tree too
            runs = our_runs or (3 if n >= 10000 else 5)
            t = time_build(source, work, runs)
            row = {"n": n, "files": info["files"], "bytes": info["bytes"], "choices": choices, "ours": t, "runs": runs}
            print(
                f"  {n:>7,} scenes: {info['files']} scenario file(s), {info['bytes'] / 1e6:.2f} MB YAML, {choices:,} choices; "
                f"our build {t['total']:.3f} s (best of {runs})",
                flush=True,
            )
            if engine is not None:
                basedir = os.path.join(work, f"renpy-{n}")
                shutil.rmtree(basedir, ignore_errors=True)
                game = copy_runtime(basedir)
                assert pipeline.build(source, game).ok
                row["gen_bytes"] = sum(
                    os.path.getsize(os.path.join(game, GENERATED_DIR, f)) for f in os.listdir(os.path.join(game, GENERATED_DIR))
                )
                row["renpy"] = time_renpy(engine, basedir, renpy_runs)
                print(
                    f"  {'':>7}         Ren'Py compile {row['renpy']['wall']:.2f} s (best of {renpy_runs}; "
                    f"{row['gen_bytes'] / 1e6:.2f} MB of generated .rpy)",
                    flush=True,
                )
                shutil.rmtree(basedir)
            rows.append(row)

        empty = None
        if engine is not None:
            src = os.path.join(work, "src-empty")
            os.makedirs(src, exist_ok=True)
            with open(os.path.join(src, CATALOGUE_NAME), "w", encoding="utf-8") as fh:
                fh.write(catalogue_yaml())
            assert_clean(src)
            basedir = os.path.join(work, "renpy-empty")
            shutil.rmtree(basedir, ignore_errors=True)
            assert pipeline.build(src, copy_runtime(basedir)).ok
            empty = time_renpy(engine, basedir, max(renpy_runs, 3))
            print(f"  empty project (runtime + catalogue, 0 scenarios): Ren'Py compile {empty['wall']:.2f} s (best of {max(renpy_runs, 3)})")

        # ---- tables
        print("\nOur build: pipeline.build(source, game_dir) = load, check, lower, emit, write (best of N, in-process)")
        print(
            f"{'scenes':>8} {'seconds':>9} {'us/scene':>9} {'growth':>8} {'scenes x':>9} "
            f"{'load+check':>11} {'lower+emit':>11} {'write':>8} {'in GC':>16}"
        )
        prev = None
        for r in rows:
            t = r["ours"]
            growth = t["total"] / prev["ours"]["total"] if prev else None
            sx = r["n"] / prev["n"] if prev else None
            print(
                f"{r['n']:>8,} {t['total']:>9.4f} {t['total'] / r['n'] * 1e6:>9.1f} {fmt_ratio(growth):>8} {fmt_ratio(sx):>9} "
                f"{t['load_check']:>10.4f}s {t['lower_emit']:>10.4f}s {t['write']:>7.4f}s "
                f"{t['gc']:>6.3f}s ({t['gc'] / t['total'] * 100:>3.0f}%)"
            )
            prev = r
        print("growth = time at this size / time at the previous size; linear growth makes it equal to 'scenes x'.")
        print("Stage columns are a separate best-of-N run of pipeline.check, pipeline.compile_files, and plan_conflicts+write_files.")
        print("'in GC' is the part of the best full build spent in Python's cyclic garbage collector (gc.callbacks).")

        if engine is not None:
            print("\nRen'Py's compile (`renpy <basedir> compile`, .rpyc and game/cache removed first; wall time incl. engine startup)")
            print(f"empty project: {empty['wall']:.3f} s = engine startup + runtime + Ren'Py's common scripts (subtracted below)")
            print(
                f"{'scenes':>8} {'renpy s':>9} {'growth':>8} {'minus empty':>12} {'parse (log)':>12} {'ours s':>8} "
                f"{'ours/renpy RAW':>15} {'ours/renpy NET':>15}"
            )
            ls = empty["load_script"]
            print(f"{0:>8} {empty['wall']:>9.3f} {'-':>8} {0:>11.3f}s {('-' if ls is None else f'{ls:.2f}s'):>12}")
            prev = None
            for r in rows:
                w = r["renpy"]["wall"]
                net = w - empty["wall"]
                raw_ratio = r["ours"]["total"] / w
                net_ratio = r["ours"]["total"] / net if net > 0 else None
                r["raw_ratio"], r["net_ratio"] = raw_ratio, net_ratio
                growth = w / prev["renpy"]["wall"] if prev else None
                ls = r["renpy"]["load_script"]
                print(
                    f"{r['n']:>8,} {w:>9.3f} {fmt_ratio(growth):>8} {net:>11.3f}s "
                    f"{('-' if ls is None else f'{ls:.2f}s'):>12} {r['ours']['total']:>8.4f} "
                    f"{raw_ratio * 100:>14.1f}% {('-' if net_ratio is None else f'{net_ratio * 100:.1f}%'):>15}"
                )
                prev = r
            print("RAW = ours / Ren'Py wall time.  NET = ours / (Ren'Py wall time - empty-project wall time),")
            print("i.e. compared with only the part of Ren'Py's compile that grows with the generated scripts.")
            print("parse (log) = the 'Loading script took' line of Ren'Py's log.txt (parsing every .rpy, common ones included).")

        # ---- targets
        print("\nTargets")
        big = [r for r in rows if r["n"] >= 10000]
        if big:
            r = max(big, key=lambda r: r["n"])
            t = r["ours"]["total"] * 10000 / r["n"]
            print(f"  10,000 scenes in <= {TARGET_10K_SECONDS:.0f} s: {r['ours']['total']:.3f} s at {r['n']:,} scenes "
                  f"({t:.3f} s per 10,000)  {verdict(t <= TARGET_10K_SECONDS)}")
        elif rows:
            r = max(rows, key=lambda r: r["n"])
            t = r["ours"]["total"] * 10000 / r["n"]
            print(f"  10,000 scenes in <= {TARGET_10K_SECONDS:.0f} s: not measured (largest size {r['n']:,}); "
                  f"linear extrapolation {t:.3f} s  {verdict(t <= TARGET_10K_SECONDS)} (extrapolated)")
        if engine is not None:
            for r in rows:
                net = "-" if r["net_ratio"] is None else f"{r['net_ratio'] * 100:.1f}% {verdict(r['net_ratio'] <= TARGET_RATIO)}"
                print(f"  our build <= {TARGET_RATIO * 100:.0f}% of Ren'Py's compile, {r['n']:>6,} scenes: "
                      f"RAW {r['raw_ratio'] * 100:.1f}% {verdict(r['raw_ratio'] <= TARGET_RATIO)}   "
                      f"NET (startup subtracted) {net}")
        else:
            print("  our build <= 5% of Ren'Py's compile: not measured (no engine)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
