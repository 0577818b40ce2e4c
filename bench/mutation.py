#!/usr/bin/env python3
"""Mutation score of the pure-Python toolchain modules (mutmut), per module.

    python3 bench/mutation.py                         # every module below (about 15 minutes on 2 cores)
    python3 bench/mutation.py --modules teach/readability.py,compile/rpytext.py
    python3 bench/mutation.py --report                # print the last run's figures again, run nothing
    python3 bench/mutation.py --show                  # ... with the diff of every surviving mutant

Not part of CI: it is slow, and its figure is a goal to keep (at least 90 % of
mutants killed in each module), not a pass/fail gate.

How it runs. The modules are copied, with the tests, ``scenarios/`` and
``docs/``, into a scratch folder (``out/mutation/``, or ``--workdir``) laid
out as mutmut expects (``src/tyg/...``), so nothing in the checkout is ever
changed. mutmut (3.x, ``pip install mutmut``) writes every mutant of the
chosen modules, runs the chosen tests once to learn which tests reach which
function, then for each mutant runs only those tests, fastest first, stopping
at the first failure. It runs single-process (``--max-children 1``) under
``nice``: the machine is shared.

The tests are the fast, in-process ones that exercise these modules (no
engine, no browser, no ``build.py`` subprocesses, which cannot see a mutant):
``FAST_TESTS`` below.

The score of a module is killed / (all mutants - listed equivalents). A mutant
killed by a timeout counts as killed (the tests noticed). "no tests" (no fast
test reaches that function) counts as surviving. Mutants that no test can
kill, because the program behaves the same, are listed in ``EQUIVALENT``
with the reason, keyed by module, function and the mutated line, so that a
renumbering of mutants does not lose them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MODULES = [
    "compile/rpytext.py",
    "compile/conditions.py",
    "compile/graph.py",
    "compile/check.py",
    "compile/diagnostics.py",
    "teach/readability.py",
    "teach/safeguarding.py",
    "teach/teaching.py",
    "play/interpret.py",
]

#: Fast in-process tests that exercise the modules (test files or node ids). Engine tests and
#: tests that run build.py in a subprocess are left out: a subprocess never sees the mutant.
#: So are tests over the whole shipped story (test_story.py, test_build.py): they reach the
#: same code as these, many times slower, and every surviving mutant would run them all.
FAST_TESTS = [
    "tests/test_toolchain_units.py",
    "tests/test_rpytext.py",
    "tests/test_resolver.py",
    "tests/test_graph.py",
    "tests/test_diagnostics.py",
    "tests/test_readability.py",
    "tests/test_safeguarding.py",
    "tests/test_catalogue.py",
    "tests/test_randomplay.py::test_a_dropped_feedback_is_caught_with_the_choice_line",
    "tests/test_randomplay.py::test_an_ending_without_usable_help_is_caught_with_its_line",
    "tests/test_randomplay.py::test_compiled_conditions_mean_what_evaluate_says",
    "tests/test_coverage.py::test_plans_take_every_choice_and_reach_every_ending[sample]",
    "tests/test_coverage.py::test_never_on_screen_choice_and_its_ending_are_reported_with_file_and_line",
    "tests/test_coverage.py::test_trap_is_reported_at_the_choice_that_leads_into_it",
]

#: Mutants that behave exactly like the original, so no test can kill them:
#: (module, function, the mutated line as mutmut writes it) -> why.
EQUIVALENT: dict[tuple[str, str, str], str] = {
    ("compile/check.py", "_did_you_mean", "close = difflib.get_close_matches(word, sorted(options), n=2, cutoff=0.6)"):
        "only the best match (close[0]) is used, and it comes first whatever n is",
    ("compile/check.py", "_did_you_mean", "close = difflib.get_close_matches(word, sorted(options), n=1, )"):
        "0.6 is get_close_matches' default cutoff",
    ("compile/rpytext.py", "renpy_literal", "prev_space = None"):
        "None is falsy, as False is: the next space is treated the same",
    ("compile/rpytext.py", "renpy_literal", "elif (ch.isspace() or not ch.isprintable()) and ord(ch) <= 65536:"):
        "differs only for U+10000, which is printable and never reaches this test",
    ("compile/rpytext.py", "_py_literal_slow", "elif ord(ch) <= 65536:"):
        "differs only for U+10000, which is printable and never reaches this branch",
    ("compile/check.py", "_did_you_mean", "close = difflib.get_close_matches(word, sorted(options), cutoff=0.6)"):
        "only the best match (close[0]) is used, and it comes first whatever n is",
    ("compile/conditions.py", "tokenize", 'kind = m.lastgroup or "XXbadXX"'):
        "every alternative of _TOKEN is a named group, so lastgroup is never empty",
    ("compile/conditions.py", "tokenize", 'kind = m.lastgroup or "BAD"'):
        "every alternative of _TOKEN is a named group, so lastgroup is never empty",
    ("compile/conditions.py", "evaluate", "return bool(flags.get(cond.name, None))"):
        "bool(None) is False, as the default False is",
    ("compile/conditions.py", "evaluate", "return bool(flags.get(cond.name, ))"):
        "bool(None) is False, as the default False is",
    ("teach/readability.py", "check_reading_level", "if scene_counts.words >= MIN_WORDS and scene_counts.grade >= limit:"):
        "differs only for a grade of exactly 6.0 (a float from three counts); no text of a fixture can be tuned to it",
    ("teach/readability.py", "check_reading_level", "if total.grade >= limit:"):
        "differs only for a whole-story grade of exactly 6.0",
    ("teach/readability.py", "counts", 'sentence = text.strip() if (_END.search(text)) and False else text.strip() + "."'):
        "textstat's fragment rule counts an unterminated last fragment as one: the added full stop changes no count",
    ("teach/readability.py", "counts", 'sentence = text.strip() if (_END.search(text)) or True else text.strip() + "."'):
        "textstat's fragment rule counts an unterminated last fragment as one: the added full stop changes no count",
    ("teach/readability.py", "_word_syllables", "n = None"):
        "KNOWN is a cache: looking every word up again gives the same counts",
    ("teach/readability.py", "_word_syllables", "n = KNOWN.get(None)"):
        "KNOWN is a cache: looking every word up again gives the same counts",
    ("teach/readability.py", "counts", "words = list_words(sentence, lowercase=None)  # what textstat.lexicon_count counts"):
        "textstat counts syllables case-blind, and the words' number does not depend on case",
    ("teach/readability.py", "counts", "words = list_words(sentence, )  # what textstat.lexicon_count counts"):
        "textstat counts syllables case-blind, and the words' number does not depend on case",
    ("teach/readability.py", "counts", "words = list_words(sentence, lowercase=False)  # what textstat.lexicon_count counts"):
        "textstat counts syllables case-blind, and the words' number does not depend on case",
    ("teach/safeguarding.py", "findings", "if not any(clue not in lower for clue in _CLUES):"):
        "the clue test is only a shortcut: _rule_findings gives the same answer on any text",
    ("compile/diagnostics.py", "Report.render_json", "ensure_ascii=None,"):
        "None is falsy, as False is: json.dumps behaves the same",
    ("play/interpret.py", "play", "run = Run(sc, None)"):
        "the tables are a cache: Run builds the same ones itself when given none",
    ("play/interpret.py", "play", "run = Run(sc, )"):
        "the tables are a cache: Run builds the same ones itself when given none",
    ("compile/graph.py", "StoryGraph.cycles", "counter = 1"):
        "Tarjan's indices are only compared with each other: numbering from 1 keeps their order",
    ("compile/graph.py", "StoryGraph.cycles", "counter += 2"):
        "Tarjan's indices are only compared with each other: steps of 2 keep their order",
    ("play/interpret.py", "card_items", "return tuple((sec.key, r.id) for sec in LEARNING_SECTIONS for r in fb.teaches.get(sec.key, None))"):
        "the loader gives every feedback every section (load.py), so the default is never used",
    ("play/interpret.py", "card_items", "return tuple((sec.key, r.id) for sec in LEARNING_SECTIONS for r in fb.teaches.get(sec.key, ))"):
        "the loader gives every feedback every section (load.py), so the default is never used",
    ("teach/teaching.py", "check_way_back", 'if not any(r.id in marked for r in fb.teaches.get("key_messages", None)):'):
        "the loader gives every feedback every section (load.py), so the default is never used",
    ("teach/teaching.py", "check_way_back", 'if not any(r.id in marked for r in fb.teaches.get("key_messages", )):'):
        "the loader gives every feedback every section (load.py), so the default is never used",
    ("play/interpret.py", "Tables.__init__", 'self.start = sc.start.id if sc.start else (sc.scenes[0].id if sc.scenes else "XXXX")'):
        "with no scenes, any start that is not a scene stops play the same way (and TYG015 stops the story first)",
    ("play/interpret.py", "Run.advance", "recent = list(dict.fromkeys(reversed(t.scenes[-51:])))"):
        "differs only when the 51st scene back is new and the last 50 hold fewer than 6 scenes: "
        "a loop of under 6 scenes entered exactly 50 scenes before the limit",
    ("play/interpret.py", "play", 'ending = run.t.ending or "XXXX"'):
        "advance() returns None only once an ending is reached, so run.t.ending is never empty here",
}

#: mutmut's exit codes of a mutant's test run. A run stopped by a limit (time, or the memory
#: limit below: a mutant that makes a loop grow without end) is a mutant the tests noticed.
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
          36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", -9: "timeout",
          None: "not checked"}
#: Address space for mutmut and every test run under it: a runaway mutant meets MemoryError
#: instead of taking the machine's memory (a Tarjan counter mutant grew to 11 GB in a minute).
MEMORY_LIMIT = 6 * 1024**3


def baseline_failures(workdir: str, tests: list[str]) -> list[str]:
    """Tests that fail on the unmutated copy (someone's half-done change): mutmut needs a green
    start, so these are left out of this run, and said so."""
    xml = os.path.join(workdir, "baseline.xml")
    env = dict(os.environ, PYTHONPATH=os.path.join(workdir, "src"), PYTHONDONTWRITEBYTECODE="1")
    subprocess.run(["nice", "-n", "15", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    f"--junitxml={xml}", *tests], cwd=workdir, env=env, stdout=subprocess.DEVNULL)
    import xml.etree.ElementTree as ET

    failed = []
    for case in ET.parse(xml).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            path = case.get("classname", "").replace(".", "/") + ".py"
            failed.append(f"{path}::{case.get('name')}")
    return failed


def _outputs(folder: str, names: list[str]) -> set[str]:
    """What is not copied: caches, and the build's and the engine's outputs in game/ (a
    test fixture's own game/generated/, such as TYG030's, is copied)."""
    skip = {n for n in names if n in ("__pycache__", ".hypothesis") or n.endswith(".pyc")}
    if os.path.abspath(folder) == os.path.join(ROOT, "game"):
        skip |= {n for n in names if n in ("generated", "cache", "saves")}
    return skip


def prepare(workdir: str, modules: list[str], tests: list[str]) -> None:
    if os.path.exists(workdir):
        shutil.rmtree(workdir)
    os.makedirs(workdir)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    shutil.copytree(os.path.join(ROOT, "tools", "tyg"), os.path.join(workdir, "src", "tyg"), ignore=ignore)
    # Everything the tests read, as in the checkout (not the build outputs and caches).
    extra = []
    for name in sorted(os.listdir(ROOT)):
        src = os.path.join(ROOT, name)
        if name.startswith(".") or name in ("tools", "out", "dist", "build", "bench", "pyproject.toml"):
            continue
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(workdir, name), ignore=_outputs)
        else:
            shutil.copy(src, workdir)
        if name != "tests":
            extra.append(name)
    # Property tests: no deadline (the mutants run slower, on a busy machine), the same examples
    # every run (a mutant is killed by the code, not by luck), no example database.
    with open(os.path.join(workdir, "tests", "conftest.py"), "a", encoding="utf-8") as fh:
        fh.write("\n\nfrom hypothesis import settings as _s\n"
                 "_s.register_profile('mutation', deadline=None, derandomize=True, database=None)\n"
                 "_s.load_profile('mutation')\n")
    present = [t for t in tests if os.path.exists(os.path.join(ROOT, t.split("::")[0]))]
    for failing in baseline_failures(workdir, present):
        print(f"left out (fails before any mutation): {failing}", file=sys.stderr)
        present += ["--deselect", failing]
    write_config(workdir, modules, extra, present)


def write_config(workdir: str, modules: list[str], extra: list[str], present: list[str]) -> None:
    toml = [
        "[tool.mutmut]",
        'source_paths = ["src"]',
        "only_mutate = [" + ", ".join(json.dumps("src/tyg/" + m) for m in modules) + "]",
        "also_copy = [" + ", ".join(json.dumps(n) for n in extra) + "]",
        "pytest_add_cli_args_test_selection = [" + ", ".join(json.dumps(t) for t in present) + "]",
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]',
        "",
        "[tool.pytest.ini_options]",
        'testpaths = ["tests"]',
        "",
    ]
    with open(os.path.join(workdir, "pyproject.toml"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(toml))


def run_with_retries(workdir: str, modules: list[str], tries: int = 3) -> int:
    """mutmut needs every chosen test to pass on the unmutated code; a test that fails only in
    its run (another helper's change landing, a timing) is left out and the run started again."""
    for _ in range(tries):
        code = run_mutmut(workdir)
        log = os.path.join(workdir, "mutmut.log")
        text = open(log, encoding="utf-8", errors="replace").read() if os.path.exists(log) else ""
        if "failed to collect stats" not in text:
            return code
        failing = re.findall(r"^FAILED (\S+)", text, flags=re.M)
        if not failing:
            return code
        cfg = open(os.path.join(workdir, "pyproject.toml"), encoding="utf-8").read()
        sel = json.loads(re.search(r"^pytest_add_cli_args_test_selection = (.*)$", cfg, re.M).group(1))
        extra = json.loads(re.search(r"^also_copy = (.*)$", cfg, re.M).group(1))
        for f in failing:
            print(f"left out (fails in mutmut's own first run): {f}", file=sys.stderr)
            sel += ["--deselect", f]
        write_config(workdir, modules, extra, sel)
        shutil.rmtree(os.path.join(workdir, "mutants"), ignore_errors=True)
    return code


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_mutmut(workdir: str) -> int:
    cmd = ["nice", "-n", "15", sys.executable, "-m", "mutmut", "run", "--max-children", "1"]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    # The checkout's editable install puts tools/ on sys.path; mutmut puts mutants/src first.
    if sys.stderr.isatty():
        return subprocess.call(cmd, cwd=workdir, env=env, preexec_fn=_limit_memory)
    # Not a terminal: mutmut's progress spinner goes to a log instead.
    with open(os.path.join(workdir, "mutmut.log"), "w", encoding="utf-8") as log:
        return subprocess.call(cmd, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                               preexec_fn=_limit_memory)


def mutant_diff(workdir: str, name: str) -> str:
    out = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=workdir,
                         capture_output=True, text=True)
    return out.stdout


def changed_line(diff: str) -> str:
    plus = [ln[1:].strip() for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    return plus[0] if plus else ""


def function_of(name: str) -> str:
    # tyg.compile.rpytext.x_escape__mutmut_3 -> escape; xǁClassǁmethod__mutmut_1 -> Class.method
    tail = name.rsplit(".", 1)[-1]
    tail = re.sub(r"__mutmut_\d+$", "", tail)
    return tail.removeprefix("x_").removeprefix("xǁ").replace("ǁ", ".")


def collect(workdir: str, modules: list[str], show: bool) -> dict:
    results = {}
    for mod in modules:
        meta = os.path.join(workdir, "mutants", "src", "tyg", mod + ".meta")
        if not os.path.exists(meta):
            results[mod] = None
            continue
        data = json.load(open(meta, encoding="utf-8"))
        codes = data["exit_code_by_key"]
        counts = Counter(STATUS.get(v, "suspicious") for v in codes.values())
        survivors, equivalent = [], []
        for name, code in sorted(codes.items(), key=lambda kv: int(kv[0].rsplit("_", 1)[-1])):
            if STATUS.get(code, "suspicious") in ("killed", "timeout", "not checked"):
                continue
            diff = mutant_diff(workdir, name)
            key = (mod, function_of(name), changed_line(diff))
            if key in EQUIVALENT:
                equivalent.append((name, EQUIVALENT[key]))
            else:
                survivors.append((name, STATUS.get(code, "suspicious"), diff))
        total = len(codes)
        unchecked = counts["not checked"]  # an interrupted run: scored on what was checked
        killed = counts["killed"] + counts["timeout"]
        judged = total - unchecked - len(equivalent)
        results[mod] = {"total": total, "unchecked": unchecked, "killed": killed, "equivalent": len(equivalent),
                        "score": 100.0 * killed / judged if judged else 100.0,
                        "counts": dict(counts), "survivors": survivors, "equivalents": equivalent}
    return results


def report(results: dict, show: bool) -> None:
    print()
    print(f"{'module':28} {'mutants':>8} {'killed':>7} {'equiv':>6} {'left':>5} {'score':>7}  goal 90%")
    for mod, r in results.items():
        if r is None:
            print(f"{mod:28} (no results: run without --report first)")
            continue
        left = len(r["survivors"])
        verdict = "PASS" if r["score"] >= 90.0 else "MISS"
        note = f"  ({r['unchecked']} not checked: the run was stopped)" if r["unchecked"] else ""
        print(f"{mod:28} {r['total']:8d} {r['killed']:7d} {r['equivalent']:6d} {left:5d} {r['score']:6.1f}%  {verdict}{note}")
    for mod, r in results.items():
        if not r or not (r["survivors"] or r["equivalents"]):
            continue
        print(f"\n{mod}:")
        for name, why in r["equivalents"]:
            print(f"  equivalent  {name}: {why}")
        for name, status, diff in r["survivors"]:
            print(f"  {status:10}  {name}: {changed_line(diff)}")
            if show:
                print("\n".join("      " + ln for ln in diff.splitlines()[2:]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--modules", help="comma-separated, relative to tools/tyg/ (default: all nine)")
    ap.add_argument("--workdir", default=os.path.join(ROOT, "out", "mutation"))
    ap.add_argument("--report", action="store_true", help="print the figures of the last run only")
    ap.add_argument("--show", action="store_true", help="print each surviving mutant's diff")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    modules = args.modules.split(",") if args.modules else MODULES
    for m in modules:
        if m not in MODULES and not os.path.exists(os.path.join(ROOT, "tools", "tyg", m)):
            ap.error(f"no module tools/tyg/{m}")
    if not args.report:
        try:
            import mutmut  # noqa: F401
        except ImportError:
            print("mutmut is not installed: python3 -m pip install mutmut", file=sys.stderr)
            return 2
        start = time.monotonic()
        prepare(args.workdir, modules, FAST_TESTS)
        code = run_with_retries(args.workdir, modules)
        print(f"mutmut exited {code} after {time.monotonic() - start:.0f} s", file=sys.stderr)
    results = collect(args.workdir, modules, args.show)
    report(results, args.show)
    if args.json:
        slim = {m: (r and {k: v for k, v in r.items() if k not in ("survivors", "equivalents")}
                    | {"survivors": [n for n, _, _ in r["survivors"]]}) for m, r in results.items()}
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(slim, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
