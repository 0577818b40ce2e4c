"""build.py web: one self-contained, deterministic file within its size budget, made from the lowered IR.

No browser here (tests/test_web_browser.py and test_web_differential.py run it): the
command, the bytes it writes, the policy in the page, the story JSON's shape, and
what the player's source may never do with author text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile

import pytest

from tyg.compile import ir
from tyg.compile.diagnostics import Loc
from tyg.web import page as web_page
from tyg.web.story import StoryShapeError, condition, story_json
from webkit import ROOT, SCENARIOS

SOURCE = SCENARIOS
SAMPLE = os.path.join(ROOT, "tests", "sample")


def web(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "build.py"), "web", *args], capture_output=True, text=True, cwd=ROOT)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> str:
    """A copy of the scenarios, so that both builds of the determinism test read the same bytes."""
    import shutil

    copy = tmp_path_factory.mktemp("src") / "scenarios"
    shutil.copytree(SOURCE, copy)
    return str(copy)


@pytest.fixture(scope="module")
def built(tmp_path_factory, frozen):
    out = tmp_path_factory.mktemp("web")
    proc = web(frozen, "--out", str(out), "--zip")
    assert proc.returncode == 0, proc.stderr
    return out


def _page(out) -> str:
    return (out / "index.html").read_text(encoding="utf-8")


def test_one_file_within_budget_and_byte_identical_on_every_build(built, frozen, tmp_path):
    size = (built / "index.html").stat().st_size
    assert 100_000 < size <= web_page.MAX_BYTES
    again = tmp_path / "again"
    assert web(frozen, "--out", str(again), "--zip").returncode == 0
    assert (again / "index.html").read_bytes() == (built / "index.html").read_bytes()
    zips = sorted(p.name for p in built.glob("*.zip"))
    assert zips == sorted(p.name for p in again.glob("*.zip")) and len(zips) == 1
    assert re.fullmatch(r"TrustYourGut-web-\d+\.\d+\.\d+\.zip", zips[0])
    assert (again / zips[0]).read_bytes() == (built / zips[0]).read_bytes()
    with zipfile.ZipFile(built / zips[0]) as z:
        names = z.namelist()
        assert [n.split("/", 1)[1] for n in names] == ["index.html", "OpenDyslexic-LICENSE.txt", "Symbola-LICENSE.txt"]
        assert z.read(names[0]) == (built / "index.html").read_bytes()


def test_the_page_allows_no_network_and_loads_nothing_from_outside(built):
    text = _page(built)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text).group(1)
    rules = dict((r.split(" ", 1) + [""])[:2] for r in csp.split("; "))
    assert rules["default-src"] == "'none'"
    assert rules["img-src"] == "data:" and rules["font-src"] == "data:"
    assert re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", rules["script-src"]) and re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", rules["style-src"])
    assert "connect-src" not in rules and "unsafe" not in csp
    # Everything is inline: no src= or href= that points anywhere, no url() but data: ones.
    assert not re.search(r'\s(?:src|href)="(?!data:|#)', text)
    assert all(u.startswith("data:") for u in re.findall(r"url\(([^)]*)\)", text))
    assert len(re.findall(r"^<script", text, re.M)) == 3 == text.count("</script>")  # story JSON, settings JSON, the player
    assert "@font-face{font-family:'OpenDyslexic'" in text and "Bitstream" in text  # the font and its licence
    assert "@font-face{font-family:'TygSymbols'" in text and "George Douros" in text  # the story's emoji, cut from Symbola


def test_the_story_is_the_lowered_ir_as_json(built, frozen):
    from tyg.compile import pipeline
    from tyg.compile.lower import lower_project

    text = _page(built)
    data = json.loads(re.search(r'<script type="application/json" id="tyg-story">(.*?)</script>', text, re.S).group(1))
    project = pipeline.check(frozen).project
    mods = lower_project(project, "catalogue.yaml")
    assert set(data["labels"]) == {label.name for m in mods for label in m.labels}
    assert set(data["defines"]) == {d.name for m in mods for d in m.defines}
    lines = sum(1 for m in mods for label in m.labels for op in _walk(label.ops) if isinstance(op, ir.Line))
    assert lines == sum(1 for ops in data["labels"].values() for op in _walk_json(ops) if op[0] == "line")
    assert all(re.fullmatch(r"[a-z]+", k) or k in data["defines"] for k in data["avatars"])


def _walk(ops):
    for op in ops:
        yield op
        if isinstance(op, ir.IfOp):
            yield from _walk(op.then)
            yield from _walk(op.otherwise)


def _walk_json(ops):
    for op in ops:
        yield op
        if op[0] == "if":
            yield from _walk_json(op[2])
            yield from _walk_json(op[3])


def test_conditions_become_trees_and_nothing_else_is_accepted():
    assert condition(None) is None
    assert condition('tyg_flag("a")') == ["flag", "a"]
    assert condition('(tyg_flag("a") and not (tyg_flag("b") or tyg_flag("c")))') == [
        "and", [["flag", "a"], ["not", ["or", [["flag", "b"], ["flag", "c"]]]]]
    ]
    for bad in ('__import__("os")', 'tyg_flag(a)', "1 + 1", 'tyg_flag("a") == True'):
        with pytest.raises(StoryShapeError):
            condition(bad)
    mod = ir.Module("x.rpy", "x", "x", labels=[ir.Label("l", "t", [ir.Line("tyg_narrator", "hi", Loc("x"))], Loc("x"))])
    assert story_json([mod], "1")["labels"] == {"l": [["line", "tyg_narrator", "hi"]]}


def test_the_player_never_turns_text_into_markup_or_code():
    for name in ("player.js",):
        with open(os.path.join(web_page.HERE, name), encoding="utf-8") as fh:
            src = fh.read()
        for bad in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setTimeout(\"",
                    "localStorage.setItem", "sessionStorage", "indexedDB", "document.cookie", "fetch(", "XMLHttpRequest", "pushState"):
            count = src.count(bad)
            allowed = 1 if bad == "localStorage.setItem" else 0  # only saveSettings, after a change and never in lab mode
            assert count == allowed, f"{name}: {bad} x{count}"


def test_lab_and_country_are_baked_in(tmp_path):
    assert web(SAMPLE, "--out", str(tmp_path), "--lab", "--country", "gb", "--exit-url", "https://example.org/").returncode == 0
    text = (tmp_path / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script type="application/json" id="tyg-config">(.*?)</script>', text).group(1))
    assert config == {"lab": True, "country": "GB", "exit_url": "https://example.org/"}


def test_bad_input_is_a_diagnostic_and_nothing_is_written(tmp_path):
    import shutil

    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    yaml = (src / "sample.yaml").read_text(encoding="utf-8").replace("goto: pressure", "goto: nowhere_at_all", 1)
    (src / "sample.yaml").write_text(yaml, encoding="utf-8")
    out = tmp_path / "out"
    proc = web(str(src), "--out", str(out))
    assert proc.returncode == 1
    assert re.search(r"sample\.yaml:\d+:\d+: error\[TYG\d{3}\]", proc.stderr), proc.stderr
    assert not out.exists()


def test_a_quick_exit_that_is_not_a_web_address_is_refused(tmp_path):
    proc = web(SAMPLE, "--out", str(tmp_path / "out"), "--exit-url", "javascript:alert(1)")
    assert proc.returncode == 2 and "--exit-url" in proc.stderr
    assert not (tmp_path / "out").exists()
