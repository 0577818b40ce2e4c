"""The sample compiles cleanly, deterministically, and only ever into game/generated/."""

from __future__ import annotations

import os
import re
import shutil

from tyg.compile import pipeline
from tyg.compile.emit import MARKER, SOURCE_PREFIX

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "sample")


def build_into(tmp, source=SAMPLE):
    game = os.path.join(tmp, "game")
    result = pipeline.build(source, game)
    return result, os.path.join(game, "generated")


def read_all(folder):
    """Every file under folder (translations are in tl/<language>/), by '/'-separated relative path."""
    out = {}
    for dirpath, _dirs, names in os.walk(folder):
        for n in names:
            path = os.path.join(dirpath, n)
            out[os.path.relpath(path, folder).replace(os.sep, "/")] = open(path, "rb").read()
    return dict(sorted(out.items()))


def test_sample_checks_clean():
    result = pipeline.check(SAMPLE)
    assert result.report.items == []
    assert [s.id for s in result.project.scenarios] == ["sample"]


def test_build_is_byte_identical_every_time(tmp_path):
    first, gen = build_into(str(tmp_path / "a"))
    assert first.ok
    a = read_all(gen)
    again, _ = build_into(str(tmp_path / "a"))
    assert again.written == [] and read_all(gen) == a  # nothing rewritten
    shutil.rmtree(gen)
    _, gen2 = build_into(str(tmp_path / "a"))
    assert read_all(gen2) == a  # rebuilt from nothing: same bytes
    _, gen3 = build_into(str(tmp_path / "b"))
    assert read_all(gen3) == a  # another folder: same bytes
    assert sorted(a) == [
        "catalogue.rpy", "index.rpy", "scenario_sample.rpy", "tl/spanish/scenario_sample.rpy", "tl/spanish/strings.rpy",
    ]


def test_every_generated_file_is_marked_and_names_its_source(tmp_path):
    _, gen = build_into(str(tmp_path))
    for name, data in read_all(gen).items():
        lines = data.decode().splitlines()
        assert lines[0] == MARKER
        assert lines[1].startswith(SOURCE_PREFIX)
    text = open(os.path.join(gen, "scenario_sample.rpy"), encoding="utf-8").read()
    assert f"{SOURCE_PREFIX}" in text and "sample.yaml" in text.splitlines()[1]


def test_blocks_map_back_to_their_yaml_lines(tmp_path):
    _, gen = build_into(str(tmp_path))
    rpy = open(os.path.join(gen, "scenario_sample.rpy"), encoding="utf-8").read().splitlines()
    yaml_lines = open(os.path.join(SAMPLE, "sample.yaml"), encoding="utf-8").read().splitlines()

    def source_of(pattern):
        for i, line in enumerate(rpy):
            if re.search(pattern, line):
                m = re.search(r"## src:(\d+)", rpy[i - 1])
                assert m, f"no source comment above {line!r}"
                return yaml_lines[int(m.group(1)) - 1]
        raise AssertionError(pattern)

    assert "id: ask_ava" in source_of(r'"Ask Ava if she knows this account":')
    assert "id: ava_chat" in source_of(r"^label tyg_s__sample__ava_chat:")
    assert "- say: ava" in source_of(r"Never heard of her")  # the step starts at its key
    assert "set: {reported: true}" in source_of(r'tyg_set\(\{"reported": True\}\)')
    assert "title: Saying no is always OK" in source_of(r"^define tyg_fb__sample__say_no =")


def test_backgrounds_and_flags_are_resolved_at_build_time(tmp_path):
    from tyg.compile import lower

    _, gen = build_into(str(tmp_path))
    text = open(os.path.join(gen, "scenario_sample.rpy"), encoding="utf-8").read()
    # A scene statement that lint and image prediction see, not a call that picks one when it runs.
    assert "    scene bg bedroom\n" in text and "tyg_location" not in text
    assert lower.background("Mateo's bedroom") == "bg bedroom"
    assert lower.background("the school cafeteria") == "bg hallway"
    assert lower.background("the moon") == lower.PLAIN_BACKGROUND == "tyg_background"
    # A run of flags is set by one statement.
    assert text.count("tyg_set(") == 5
    assert '$ tyg_set({"replied": False, "asked_friend": False, "reported": False})' in text


def test_labels_are_namespaced(tmp_path):
    _, gen = build_into(str(tmp_path))
    labels = []
    for data in read_all(gen).values():
        labels += re.findall(r"^label (\w+)", data.decode(), flags=re.M)
    assert labels and all(label.startswith("tyg_s__sample") for label in labels)
    special = {"start", "quit", "main_menu", "after_load", "splashscreen", "before_main_menu", "after_warp"}
    assert not special & set(labels)


def test_scenario_named_like_a_special_label_cannot_collide(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    path = src / "sample.yaml"
    path.write_text(path.read_text().replace("id: sample\n", "id: start\n", 1).replace("start: morning", "start: morning"))
    result, gen = build_into(str(tmp_path / "out"), str(src))
    assert result.ok, result.report.render_text()
    text = open(os.path.join(gen, "scenario_start.rpy"), encoding="utf-8").read()
    assert "label start:" not in text and "label tyg_s__start:" in text


def test_build_never_overwrites_a_hand_written_file(tmp_path):
    game = tmp_path / "game"
    mine = game / "generated" / "scenario_sample.rpy"
    mine.parent.mkdir(parents=True)
    mine.write_text("## my notes\nlabel mine:\n    return\n")
    result = pipeline.build(SAMPLE, str(game))
    assert not result.ok and [d.code for d in result.report.errors] == ["TYG030"]
    assert mine.read_text() == "## my notes\nlabel mine:\n    return\n"
    assert sorted(os.listdir(game / "generated")) == ["scenario_sample.rpy"]  # nothing else written either


def test_stale_generated_files_are_removed_but_foreign_files_kept(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    second = src / "second.yaml"
    second.write_text((src / "sample.yaml").read_text().replace("id: sample\n", "id: second\n", 1).replace("id: sample_q1", "id: second_q1"))
    game = tmp_path / "game"
    assert pipeline.build(str(src), str(game)).ok
    gen = game / "generated"
    assert (gen / "scenario_second.rpy").exists()
    (gen / "scenario_second.rpyc").write_bytes(b"compiled")
    (gen / "notes.rpy").write_text("## hand-written\n")
    second.unlink()
    result = pipeline.build(str(src), str(game))
    assert result.ok
    assert [os.path.basename(p) for p in result.removed] == ["scenario_second.rpy"]
    assert not (gen / "scenario_second.rpy").exists() and not (gen / "scenario_second.rpyc").exists()
    assert (gen / "notes.rpy").read_text() == "## hand-written\n"


def test_errors_stop_the_build_before_anything_is_written(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    game = tmp_path / "game"
    assert pipeline.build(str(src), str(game)).ok
    before = read_all(game / "generated")
    text = (src / "sample.yaml").read_text()
    (src / "sample.yaml").write_text(text.replace("Block and report the account", "Block and report [changed]").replace("goto: wrap_up", "goto: nowhere", 1))
    result = pipeline.build(str(src), str(game))
    assert not result.ok and result.written == []
    assert read_all(game / "generated") == before


def test_warnings_do_not_stop_the_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    path = src / "sample.yaml"
    path.write_text(path.read_text().replace("characters:\n", 'characters:\n  - id: extra\n    name: Extra\n    role: friend\n    colour: "#777777"\n', 1))
    result, gen = build_into(str(tmp_path / "out"), str(src))
    assert result.ok and [d.code for d in result.report.warnings] == ["TYG025"]
    assert os.path.exists(os.path.join(gen, "scenario_sample.rpy"))
