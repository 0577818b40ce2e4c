"""The build cache and the parallel load: same output as a plain build, and a stale or damaged cache is never used.

Real files and real builds: a copy of tests/sample, and a small project from
bench/build_scaling.py's generator (three files, so that two processes share them).
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from tyg.compile import cache as cache_mod
from tyg.compile import pipeline
from tyg.compile.cache import Cache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "sample")
sys.path.insert(0, os.path.join(ROOT, "bench"))


def generated(game: str) -> dict[str, bytes]:
    from tyg.compile.output import _generated_names

    gen = os.path.join(game, "generated")
    return {name: open(os.path.join(gen, name), "rb").read() for name in _generated_names(gen)}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> str:
    from build_scaling import generate_project

    dest = str(tmp_path_factory.mktemp("synthetic") / "src")
    generate_project(dest, 360, 120)
    return dest


def build(src: str, game: str, **kw) -> pipeline.Result:
    os.makedirs(game, exist_ok=True)
    result = pipeline.build(src, game, **kw)
    assert result.ok, result.report.render_text()
    return result


@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_output_is_the_same_with_and_without_the_cache_and_processes(tmp_path, synthetic, which):
    src = SAMPLE if which == "sample" else synthetic
    plain = build(src, str(tmp_path / "plain"), processes=1)
    expected = generated(str(tmp_path / "plain"))
    assert plain.files and plain.project is not None and plain.project.scenarios
    c = Cache(str(tmp_path / "cache"))
    cold = build(src, str(tmp_path / "cold"), cache=c, processes=2)
    warm = build(src, str(tmp_path / "warm"), cache=Cache(str(tmp_path / "cache")), processes=2)
    assert warm.changed == [] and cold.changed
    for game in ("cold", "warm"):
        assert generated(str(tmp_path / game)) == expected, game
    assert plain.report.render_text() == cold.report.render_text() == warm.report.render_text()
    # The project a cached build hands on is the same story, read back from the files.
    assert [s.id for s in warm.project.scenarios] == [s.id for s in plain.project.scenarios]
    minutes = lambda r: [getattr(s, "measured_minutes", None) for s in r.project.scenarios]  # noqa: E731
    assert minutes(warm) == minutes(plain)
    assert warm.scenario_count == len(plain.project.scenarios)


def test_a_changed_file_is_read_again_and_only_it(tmp_path, synthetic):
    src = str(tmp_path / "src")
    shutil.copytree(synthetic, src)
    folder = str(tmp_path / "cache")
    build(src, str(tmp_path / "g"), cache=Cache(folder), processes=1)
    victim = os.path.join(src, "bench_001.yaml")
    text = open(victim, encoding="utf-8").read()
    with open(victim, "w", encoding="utf-8") as fh:
        fh.write(text.replace("title: \"Benchmark: bench_001\"", "title: \"Benchmark: changed\"", 1))
    again = build(src, str(tmp_path / "g"), cache=Cache(folder), processes=1)
    assert [os.path.basename(p) for p in again.changed] == ["bench_001.yaml"]
    assert [os.path.basename(p) for p in again.written] == ["scenario_bench_001.rpy"]
    assert "Benchmark: changed" in open(os.path.join(str(tmp_path / "g"), "generated", "scenario_bench_001.rpy"), encoding="utf-8").read()
    # An error in the changed file is reported, from the file and not from the cache, and nothing is written.
    with open(victim, "w", encoding="utf-8") as fh:
        fh.write(text.replace("goto: s2\n", "goto: s2_missing\n", 1))
    before = generated(str(tmp_path / "g"))
    broken = pipeline.build(src, str(tmp_path / "g"), cache=Cache(folder), processes=1)
    assert not broken.ok and "TYG012" in broken.report.render_text() and "s2_missing" in broken.report.render_text()
    assert generated(str(tmp_path / "g")) == before


def test_a_changed_catalogue_invalidates_every_scenario(tmp_path):
    src = str(tmp_path / "src")
    shutil.copytree(SAMPLE, src)
    folder = str(tmp_path / "cache")
    build(src, str(tmp_path / "g"), cache=Cache(folder))
    cat = os.path.join(src, "catalogue.yaml")
    with open(cat, "a", encoding="utf-8") as fh:
        fh.write("\n# a comment changes the bytes, so every file that depends on them is read again\n")
    again = build(src, str(tmp_path / "g"), cache=Cache(folder))
    assert sorted(os.path.basename(p) for p in again.changed) == ["catalogue.yaml", "sample.yaml"]


def test_another_toolchain_never_uses_the_entries(tmp_path, monkeypatch):
    folder = str(tmp_path / "cache")
    build(SAMPLE, str(tmp_path / "g"), cache=Cache(folder))
    warm = Cache(folder)
    build(SAMPLE, str(tmp_path / "g"), cache=warm)
    assert warm.hits == 2 and warm.misses == 0
    monkeypatch.setattr(cache_mod, "_TOOLCHAIN", "a different version of the toolchain")
    other = Cache(folder)
    result = build(SAMPLE, str(tmp_path / "g"), cache=other)
    assert other.hits == 0 and len(result.changed) == 2


def test_the_toolchain_hash_covers_the_toolchain_source(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_mod, "_TOOLCHAIN", None)
    first = cache_mod.toolchain_hash()
    package = os.path.dirname(os.path.dirname(os.path.abspath(cache_mod.__file__)))
    extra = os.path.join(package, "compile", "zz_cache_probe.py")
    try:
        with open(extra, "w") as fh:
            fh.write("# a new file in the toolchain\n")
        monkeypatch.setattr(cache_mod, "_TOOLCHAIN", None)
        assert cache_mod.toolchain_hash() != first
    finally:
        os.unlink(extra)
        monkeypatch.setattr(cache_mod, "_TOOLCHAIN", None)
    assert cache_mod.toolchain_hash() == first


def test_syllable_counts_are_remembered(tmp_path, monkeypatch):
    """A fresh process need not load textstat's dictionary for words the cache has seen."""
    from tyg.teach import readability

    src = str(tmp_path / "src")
    shutil.copytree(SAMPLE, src)
    folder = str(tmp_path / "cache")
    monkeypatch.setattr(readability, "KNOWN", {})
    build(src, str(tmp_path / "g"), cache=Cache(folder))
    learnt = dict(readability.KNOWN)
    assert learnt.get("stranger") == 2
    monkeypatch.setattr(readability, "KNOWN", {})
    with open(os.path.join(src, "sample.yaml"), "a", encoding="utf-8") as fh:
        fh.write("# changed, so the file is read again\n")
    build(src, str(tmp_path / "g"), cache=Cache(folder))
    assert readability.KNOWN == learnt


def entries(folder: str) -> list[str]:
    return sorted(os.path.join(d, f) for d, _, files in os.walk(folder) for f in files if f.endswith(".entry"))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "flipped", "swapped", "empty"])
def test_a_damaged_cache_is_never_used(tmp_path, damage):
    src = str(tmp_path / "src")
    shutil.copytree(SAMPLE, src)
    folder = str(tmp_path / "cache")
    build(src, str(tmp_path / "plain"), processes=1)
    expected = generated(str(tmp_path / "plain"))
    build(src, str(tmp_path / "g1"), cache=Cache(folder))
    files = entries(folder)
    assert len(files) >= 2  # the two files' units (and readability's syllable counts, when it learnt new words)
    blobs = [open(p, "rb").read() for p in files]
    for path, blob in zip(files, blobs):
        if damage == "truncated":
            data = blob[: len(blob) // 2]
        elif damage == "garbage":
            data = os.urandom(len(blob))
        elif damage == "flipped":  # one bit of the payload: the checksum no longer matches
            data = bytearray(blob)
            data[-10] ^= 0x01
            data = bytes(data)
        elif damage == "swapped":  # a sound entry, but another file's
            data = blobs[(files.index(path) + 1) % len(blobs)]
        else:
            data = b""
        with open(path, "wb") as fh:
            fh.write(data)
    c = Cache(folder)
    result = build(src, str(tmp_path / "g2"), cache=c)
    assert c.hits == 0 and len(result.changed) == 2
    assert generated(str(tmp_path / "g2")) == expected
    # The damaged entries were replaced by sound ones.
    again = Cache(folder)
    build(src, str(tmp_path / "g3"), cache=again)
    assert again.hits == 2


def test_the_cache_folder_is_safe_to_delete_and_ignored_by_git(tmp_path):
    folder = str(tmp_path / "cache")
    build(SAMPLE, str(tmp_path / "g"), cache=Cache(folder))
    shutil.rmtree(folder)
    c = Cache(folder)
    build(SAMPLE, str(tmp_path / "g"), cache=c)
    assert c.hits == 0 and entries(folder)
    assert ".tyg-cache/" in open(os.path.join(ROOT, ".gitignore"), encoding="utf-8").read().split()


def test_translation_findings_are_cached_and_never_stale(tmp_path, monkeypatch):
    """`check` on an unchanged project takes the translations' findings from the cache (no Babel, no
    story tree); any change to a PO file, or another --strict, is checked afresh."""
    from tyg.i18n import languages

    src = str(tmp_path / "src")
    shutil.copytree(SAMPLE, src)
    po = os.path.join(src, "translations", "es.po")
    good = open(po, encoding="utf-8").read()
    assert 'msgstr "Llama al {phone}"' in good
    with open(po, "w", encoding="utf-8") as fh:
        fh.write(good.replace('msgstr "Llama al {phone}"', 'msgstr "Llama al número"'))
    folder = str(tmp_path / "cache")
    first = pipeline.check(src, ["es"], cache=Cache(folder)).report.render_text()
    assert "TYG047" in first and "{phone}" in first

    real = languages.check
    calls = []
    monkeypatch.setattr(languages, "check", lambda *a, **k: calls.append(a) or real(*a, **k))
    again = pipeline.check(src, ["es"], cache=Cache(folder))
    assert again.report.render_text() == first and calls == []
    assert again._project is None  # the story's tree was not needed

    strict = pipeline.check(src, ["es"], strict=True, cache=Cache(folder)).report.render_text()
    assert len(calls) == 1 and "TYG047" in strict  # checked again: --strict is part of the key

    with open(po, "w", encoding="utf-8") as fh:
        fh.write(good)
    fixed = pipeline.check(src, ["es"], cache=Cache(folder)).report.render_text()
    assert len(calls) == 2 and "TYG047" not in fixed
    assert fixed == pipeline.check(src, ["es"]).report.render_text()  # the same as without a cache


FIXTURES = os.path.join(ROOT, "tests", "fixtures", "diagnostics")


@pytest.mark.parametrize("path", [
    os.path.join(SAMPLE, "sample.yaml"),
    os.path.join(ROOT, "scenarios", "niko.yaml"),
    os.path.join(FIXTURES, "TYG042_reading_level", "fixture.yaml"),  # a text error: no script
    os.path.join(FIXTURES, "TYG051_minutes_far_off", "fixture.yaml"),  # the child's own warning
    os.path.join(FIXTURES, "TYG012_scene_goto", "fixture.yaml"),  # a story error: nothing measured
    os.path.join(FIXTURES, "TYG052_never_on_screen", "fixture.yaml"),
], ids=lambda p: os.path.basename(os.path.dirname(p)) + "/" + os.path.basename(p))
def test_a_file_split_across_two_processes_gives_the_same_unit(path, monkeypatch):
    """A big file is measured in a forked process while the parent checks its story, and its text
    is checked in another while the parent lowers and emits it: the unit (its diagnostics in their
    order, minutes, script, teaching rows) and the syllable counts learnt for the cache are the
    ones a single process makes, a measuring child whose story has errors is stopped and waited
    for, and a child that dies is made up for in the parent."""
    from tyg.compile.load import load_catalogue
    from tyg.compile.diagnostics import Report
    from tyg.teach import readability

    root = os.path.dirname(path)
    data = open(path, "rb").read()
    catalogue = load_catalogue(os.path.join(root, "catalogue.yaml"), Report())
    monkeypatch.setattr(readability, "KNOWN", {})
    one, _ = pipeline._scenario_unit(path, data, catalogue, root, keep_tree=False)
    learnt = dict(readability.KNOWN)
    readability.KNOWN.clear()
    two, _ = pipeline._scenario_unit(path, data, catalogue, root, keep_tree=False, split_min=0)
    assert two.__getstate__() == one.__getstate__()
    assert readability.KNOWN == learnt
    assert one.text or one.check or one.files  # every case says or makes something
    with pytest.raises(ChildProcessError):  # every process it started has been waited for
        os.waitpid(-1, os.WNOHANG)
    # A child that dies half-way is made up for in the parent: the same unit again.
    parent = os.getpid()
    for name in ("_text_findings", "_minutes"):
        real = getattr(pipeline, name)
        monkeypatch.setattr(pipeline, name, lambda *a, real=real: os._exit(3) if os.getpid() != parent else real(*a))
        again, _ = pipeline._scenario_unit(path, data, catalogue, root, keep_tree=False, split_min=0)
        assert again.__getstate__() == one.__getstate__()


def test_prune_keeps_the_most_recently_used_within_both_limits(tmp_path):
    """Entries beyond the count or the bytes are removed, least recently used first; reading an
    entry makes it recent; the newest is kept even when it alone is over the bytes."""
    cache = Cache(str(tmp_path))
    keys = [cache.key("prune", str(i)) for i in range(6)]
    for i, key in enumerate(keys):
        cache.put(key, b"x" * 1000)
        os.utime(cache._path(key), ns=(i * 10**9, i * 10**9))  # written one second apart, long ago
    assert cache.get(keys[0]) == b"x" * 1000  # read now: the most recently used
    size = os.path.getsize(cache._path(keys[0]))
    cache.prune(keep=4, max_bytes=10**9)
    assert [k for k in keys if os.path.exists(cache._path(k))] == [keys[0], keys[3], keys[4], keys[5]]
    cache.prune(keep=10, max_bytes=2 * size + size // 2)
    assert [k for k in keys if os.path.exists(cache._path(k))] == [keys[0], keys[5]]
    cache.prune(keep=10, max_bytes=1)
    assert [k for k in keys if os.path.exists(cache._path(k))] == [keys[0]]
