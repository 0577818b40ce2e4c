"""Scene by scene (compile/chunks.py, compile/increment.py): a changed file read again only where it
changed gives exactly what reading it whole gives.

The main test edits real scenario files at random, the way authors and their editors
do (text changed, lines added and removed, scenes moved and copied, quotes and
indentation broken) and, after every edit, builds the file's unit twice: once from
the memo the previous edit left, once from nothing. Diagnostics, script, minutes and
teaching rows must be the same, and the memo must have been used.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import sys

import pytest

from tyg.compile import chunks, increment, pipeline
from tyg.compile.cache import Cache
from tyg.compile.diagnostics import Report
from tyg.compile.load import load_catalogue, load_scenario

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")
sys.path.insert(0, os.path.join(ROOT, "bench"))


def numbered(text: str) -> list[str]:
    return text.split("\n")


# ------------------------------------------------------------------ split


@pytest.mark.parametrize("text", [
    "format: 1\nscenes:\n  - id: a\n    x: 1\n\n  # between\n  - id: b\nendings:\n  - id: e\n",
    "format: 1\r\nscenes:\r\n  - id: a\r\n  - id: b\r\n",  # saved by Notepad
    "scenes:   # the story\n- id: a\n  x: 1\n- id: b",  # items at the margin; no final line break
    "characters: []\nscenes:\n\n  # first\n  - id: a\n  -\n    id: b\nendings: []\n",
])
def test_split_keeps_every_line_where_it_was(text):
    split = chunks.split(text)
    assert split is not None
    lines, head = numbered(text), numbered(split.head)
    assert len(head) == len(lines)
    assert lines[split.scenes_line].startswith("scenes:")
    covered = set()
    for chunk in split.chunks:
        mine = numbered(chunk.text)[:-1]
        assert lines[chunk.start:chunk.start + len(mine)] == mine
        assert mine[0].lstrip(" ").startswith("-")
        covered.update(range(chunk.start, chunk.start + len(mine)))
    assert covered == set(range(split.chunks[0].start, split.end))
    for i, line in enumerate(head):  # the head is the file with the chunks' lines blank
        assert line == ("" if i in covered else lines[i])


@pytest.mark.parametrize("text", [
    "scenes: []\n",
    "scenes:\n  - a\nscenes:\n  - b\n",  # two lists: YAML reports the duplicate key, not us
    "scenes:\nendings: []\n",
    "scenes:\n  - a\r  - b\n",  # a lone carriage return is a line break to YAML
    "scenes:\n  - a \u2028 b\n",  # so is U+2028
    "scenes:\n  x: 1\n",
    "{format: 1, scenes: [a, b]}\n",
])
def test_no_split_where_text_alone_cannot_be_sure(text):
    assert chunks.split(text) is None


def test_a_quoted_string_that_looks_like_a_scene_is_found_out():
    """A double-quoted string may run over lines, so a line inside it can look like a new scene.
    The whole read disagrees with such a split, and the memo is not used for it."""
    import yaml

    text = 'scenes:\n  - id: a\n    text: "one\n  - id: fake\n    two"\n  - id: b\n'
    split = chunks.split(text)
    assert [c.start for c in split.chunks] == [1, 3, 5]
    node = yaml.compose(text)
    assert not chunks.agrees(split, node.value[0][1])
    # ... and so does one that runs on past the list, into the lines after it.
    text = 'scenes:\n  - id: a\n    text: "one\nendings: two"\n'
    split = chunks.split(text)
    assert len(split.chunks) == 1 and split.end == 3
    assert not chunks.agrees(split, yaml.compose(text).value[0][1])
    text = 'scenes:\n  - id: a\n    text: "one\n  - id: fake\n    two"\n  - id: b\n'
    assert chunks.agrees(chunks.split(text.replace('"one\n  - id: fake\n    two"', '"one two"')),
                         yaml.compose(text.replace('"one\n  - id: fake\n    two"', '"one two"')).value[0][1])


# ------------------------------------------------------------------ random edits


def _edit(text: str, rnd: random.Random) -> tuple[str, str]:
    """One random edit, and what it was."""
    lines = text.split("\n")
    i = rnd.randrange(len(lines))
    kind = rnd.choice(["word", "word", "word", "insert", "dup_line", "del_line", "blank", "comment",
                       "move_scene", "copy_scene", "title", "scenario_id", "crlf", "dedent"])
    if kind == "word":
        words = [m for m in re.finditer(r"[A-Za-z]{3,}", lines[i])]
        if words:
            m = rnd.choice(words)
            lines[i] = lines[i][:m.start()] + rnd.choice(["hello", "s1", "safer", "choice", "quick", "Mateo", "fault"]) + lines[i][m.end():]
    elif kind == "insert":
        at = rnd.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + rnd.choice(['"', "'", ": ", "- ", "#", "{", "[", "*x", "&a ", "\t", " ", "x"]) + lines[i][at:]
    elif kind == "dup_line":
        lines.insert(i, lines[i])
    elif kind == "del_line":
        del lines[i]
    elif kind == "blank":
        lines.insert(i, "")
    elif kind == "comment":
        lines.insert(i, " " * rnd.choice([0, 2, 4, 6]) + "# a note")
    elif kind == "dedent":
        lines[i] = lines[i][2:]
    elif kind in ("move_scene", "copy_scene"):
        split = chunks.split(text)
        if split and len(split.chunks) > 2:
            a, b = rnd.sample(range(len(split.chunks)), 2)
            moving = split.chunks[a]
            n = moving.lines
            block = lines[moving.start:moving.start + n]
            if kind == "move_scene":
                del lines[moving.start:moving.start + n]
                target = split.chunks[b].start - (n if b > a else 0)
            else:
                target = split.chunks[b].start
            lines[target:target] = block
    elif kind == "title":
        return re.sub(r"(?m)^(  title: .*?)(\"?)$", lambda m: m.group(1) + " more" + m.group(2), text, count=1), kind
    elif kind == "scenario_id":
        return re.sub(r"(?m)^(scenario:\n  id: )(\w+)", lambda m: m.group(1) + m.group(2) + "x", text, count=1), kind
    elif kind == "crlf":
        return (text.replace("\n", "\r\n") if "\r\n" not in text else text.replace("\r\n", "\n")), kind
    return "\n".join(lines), kind


def _bench_file(folder: str) -> str:
    from build_scaling import generate_project

    generate_project(folder, 60, 60)
    return os.path.join(folder, "bench_000.yaml")


@pytest.mark.parametrize("name,edits", [("niko.yaml", 60), ("luis.yaml", 40), ("bench", 60)])
def test_random_edits_give_what_a_whole_read_gives(name, edits, tmp_path):
    if name == "bench":
        path = _bench_file(str(tmp_path / "src"))
    else:
        shutil.copytree(SCENARIOS, tmp_path / "src")
        path = str(tmp_path / "src" / name)
    root = os.path.dirname(path)
    catalogue = load_catalogue(os.path.join(root, "catalogue.yaml"), Report())
    rnd = random.Random(f"increment {name}")
    original = open(path, "rb").read()
    data = original
    unit, memo = pipeline._scenario_unit(path, data, catalogue, root, keep_tree=False, memo={})
    assert memo is not None and len(memo) > 5
    assert pipeline._scenario_unit(path, data, catalogue, root, keep_tree=False)[1] is None  # no cache: no memo
    reused = fell_back = 0
    for step in range(edits):
        text, kind = _edit(data.decode("utf-8"), rnd)
        if rnd.random() < 0.15:  # now and then, back to a clean file
            text, kind = original.decode("utf-8"), "restore"
        data = text.encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(data)
        tree, before = increment.load(path, Report(), data, memo)
        kept = sum(p.kept is not None for p in before or [])
        assert tree == load_scenario(path, Report(), data), f"edit {step}: {kind}"  # every place, to the column
        got, new_memo = pipeline._scenario_unit(path, data, catalogue, root, keep_tree=False, memo=memo)
        whole, _ = pipeline._scenario_unit(path, data, catalogue, root, keep_tree=False)
        assert got.__getstate__() == whole.__getstate__(), f"edit {step}: {kind}"
        if kept:
            reused += 1
        elif not whole.load:
            fell_back += 1
        memo = new_memo if new_memo is not None else memo
    assert reused >= edits // 4, (reused, fell_back)  # most other edits leave a file YAML cannot read


def _built(tmp_path):
    """A generated 60-scene file, built once: (unit maker, its bytes, the unit, the memo)."""
    path = _bench_file(str(tmp_path / "src"))
    root = os.path.dirname(path)
    catalogue = load_catalogue(os.path.join(root, "catalogue.yaml"), Report())

    def unit(data: bytes, memo=None):
        return pipeline._scenario_unit(path, data, catalogue, root, keep_tree=False, memo=memo)

    data = open(path, "rb").read()
    return (unit, path, data, *unit(data, {}))


def test_a_change_inside_one_scene_reads_only_that_scene(tmp_path):
    unit, path, data, _, memo = _built(tmp_path)
    text = data.decode("utf-8")
    at = text.index("  - id: s30\n")
    edited = (text[:at] + "  # a new line above scene 30\n" + text[at:]).replace("  - id: s30\n", "  - id: s30\n    # and one inside it\n", 1)
    parts = increment.load(path, Report(), edited.encode("utf-8"), memo)[1]
    assert len(parts) == 60
    assert [i for i, p in enumerate(parts) if p.kept is None] == [29, 30]  # the comment joins scene 29's chunk
    moved = parts[31:]
    assert all(p.kept is not None and p.start == p.kept[0] + 2 and not p.changed for p in moved)  # kept, two lines down
    assert unit(edited.encode("utf-8"), memo)[0].__getstate__() == unit(edited.encode("utf-8"))[0].__getstate__()


def test_a_damaged_memo_entry_is_read_afresh(tmp_path):
    unit, path, data, whole, memo = _built(tmp_path)
    digest, (start, blob) = next(iter(memo.items()))
    for bad in (blob[: len(blob) // 2], b"not a pickle", __import__("pickle").dumps("a string")):
        damaged = dict(memo, **{digest: (start, bad)})
        assert increment.load(path, Report(), data, damaged)[1][0].kept is None  # the whole file, read again
        assert unit(data, damaged)[0].__getstate__() == whole.__getstate__()


def test_the_script_made_in_parts_is_the_script_made_whole():
    from tyg.compile.emit import emit_module, scenario_script, scene_part
    from tyg.compile.load import load_project
    from tyg.compile.lower import lower_scenario

    project = load_project(SCENARIOS, Report())
    assert len(project.scenarios) >= 4
    for sc in project.scenarios:
        parts = [scene_part(sc.id, scene) for scene in sc.scenes]
        assert scenario_script(sc, parts) == emit_module(lower_scenario(sc))


def test_a_warm_build_uses_the_memo_and_writes_what_a_cold_build_writes(tmp_path):
    """End to end, through the build cache: lines added above a scene of a shipped story."""
    src = tmp_path / "src"
    shutil.copytree(SCENARIOS, src)
    cache = Cache(str(tmp_path / "cache"))
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    warm.mkdir()
    cold.mkdir()
    assert pipeline.build(str(src), str(warm), cache=cache).ok
    path = src / "mateo.yaml"
    text = path.read_text(encoding="utf-8")
    split = chunks.split(text)
    lines = text.split("\n")
    lines[split.scenes_line:split.scenes_line] = ["# added while writing", ""]  # every scene moves down two lines
    edited = "\n".join(lines)
    edited = re.sub(r"(?m)^(  title: .*?)(\"?)$", lambda m: m.group(1) + " (draft)" + m.group(2), edited, count=1)
    path.write_text(edited, encoding="utf-8")
    calls = []
    real = increment._reuse
    increment._reuse = lambda *a: calls.append(real(*a)) or calls[-1]
    try:
        result = pipeline.build(str(src), str(warm), cache=cache)
    finally:
        increment._reuse = real
    assert result.ok and [os.path.basename(f) for f in result.changed] == ["mateo.yaml"]
    assert calls and calls[0] is not None
    assert all(p.kept is not None for p in calls[0][1]) and len(calls[0][1]) == len(split.chunks)
    assert pipeline.build(str(src), str(cold)).ok
    written = {f.name: f.read_bytes() for f in (warm / "generated").iterdir()}
    assert written == {f.name: f.read_bytes() for f in (cold / "generated").iterdir()}
    assert b"(draft)" in written["scenario_mateo.rpy"]


def test_the_last_scene_is_kept_apart_from_the_same_scene_elsewhere(tmp_path):
    """YAML ends a scene's mapping at the next token: the next scene's ``-``, or what follows the
    list. So the last scene, moved up with its text unchanged, is read again, and still every
    place is the one a whole read gives."""
    path = _bench_file(str(tmp_path / "src"))
    data = open(path, "rb").read()
    memo = increment.memo_after(increment.load(path, Report(), data, None)[1])
    split = chunks.split(data.decode("utf-8"))
    lines = data.decode("utf-8").split("\n")
    a, b = split.chunks[-2], split.chunks[-1]
    assert a.text.endswith("\n") and b.start + b.lines == split.end
    swapped = "\n".join(lines[:a.start] + numbered(b.text)[:-1] + numbered(a.text)[:-1] + lines[split.end:]).encode("utf-8")
    tree, parts = increment.load(path, Report(), swapped, memo)
    assert [p.kept is None for p in parts[-2:]] == [True, True]
    assert all(p.kept is not None for p in parts[:-2])
    assert tree == load_scenario(path, Report(), swapped)


def test_when_most_scenes_changed_the_whole_file_is_read(tmp_path):
    """A word replaced in every scene: reading each changed scene on its own would cost more than
    reading the file, so the file is read whole, and the output is the same."""
    unit, path, data, _, memo = _built(tmp_path)
    edited = data.replace(b"What does Sam do?", b"What will Sam do?")
    tree, parts = increment.load(path, Report(), edited, memo)
    assert sum(p.kept is None for p in parts) == len(parts)
    assert tree == load_scenario(path, Report(), edited)
    assert unit(edited, memo)[0].__getstate__() == unit(edited)[0].__getstate__()
    few = data.replace(b"What does Sam do?", b"What will Sam do?", 3)
    assert sum(p.kept is None for p in increment.load(path, Report(), few, memo)[1]) <= 3


@pytest.mark.parametrize("extra", ["- id: stray\n", "scenes: again\n"])
def test_a_head_that_is_not_what_the_split_expects_is_read_whole(tmp_path, extra):
    """Text after the list that YAML reads into ``scenes`` (an item at the margin) or as a second
    key: the head no longer holds an empty ``scenes:``, so the memo is not used, and the file
    gives what a whole read gives (here, load errors)."""
    unit, path, data, _, memo = _built(tmp_path)
    text = data.decode("utf-8")
    edited = text.replace("\nendings:", "\n" + extra + "endings:", 1).encode("utf-8")
    report = Report()
    tree, parts = increment.load(path, report, edited, memo)
    whole = Report()
    assert (tree, report.items) == (load_scenario(path, whole, edited), whole.items)
    assert parts is None or not any(p.kept for p in parts)
