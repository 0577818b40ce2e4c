"""The compiler never throws for an author's mistake: fuzzed input only ever gives diagnostics."""

from __future__ import annotations

import os
import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tyg.compile import pipeline
from tyg.compile.diagnostics import CODES

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample")
SAMPLE_DATA = yaml.safe_load(open(os.path.join(SAMPLE, "sample.yaml"), encoding="utf-8"))

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.text(max_size=12), st.sampled_from(["morning", "wrap_up", "not replied", "and", "1:30", "010", "#fff", "yes"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_text(tmp_path, text: bytes | str):
    folder = tmp_path / "p"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copy(os.path.join(SAMPLE, "catalogue.yaml"), folder)
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    (folder / "s.yaml").write_bytes(data)
    result = pipeline.check(str(folder))  # must not raise
    assert all(d.code in CODES for d in result.report.items)
    return result


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, prefix + (i,))


ALL_PATHS = list(paths(SAMPLE_DATA))


def replaced(data, path, new):
    if not path:
        return new
    if isinstance(data, dict):
        return {k: (replaced(v, path[1:], new) if k == path[0] else v) for k, v in data.items()}
    return [replaced(v, path[1:], new) if i == path[0] else v for i, v in enumerate(data)]


@SETTINGS
@given(st.sampled_from(ALL_PATHS), VALUES)
def test_mutated_sample_gives_diagnostics_not_exceptions(tmp_path, path, value):
    check_text(tmp_path, yaml.safe_dump(replaced(SAMPLE_DATA, path, value), allow_unicode=True))


@SETTINGS
@given(st.sampled_from(ALL_PATHS))
def test_removing_any_key_gives_diagnostics_not_exceptions(tmp_path, path):
    if not path:
        return
    parent = SAMPLE_DATA
    for p in path[:-1]:
        parent = parent[p]
    if isinstance(parent, dict):
        smaller = {k: v for k, v in parent.items() if k != path[-1]}
    else:
        smaller = [v for i, v in enumerate(parent) if i != path[-1]]
    check_text(tmp_path, yaml.safe_dump(replaced(SAMPLE_DATA, path[:-1], smaller), allow_unicode=True))


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_diagnostics_not_exceptions(tmp_path, data):
    result = check_text(tmp_path, data)
    assert not result.ok or data.strip()  # an empty file is an error


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#%@`, \n\t?")), max_size=120))
def test_yaml_punctuation_soup_gives_diagnostics_not_exceptions(tmp_path, text):
    check_text(tmp_path, text)


def test_numbers_yaml_reads_oddly_are_diagnostics(tmp_path):
    for bad in ("1:30", "010"):
        text = open(os.path.join(SAMPLE, "sample.yaml"), encoding="utf-8").read().replace("minutes: 3", f"minutes: {bad}")
        result = check_text(tmp_path, text)
        assert [d.code for d in result.report.items] == ["TYG006"], result.report.render_text()


def test_required_keys_removed_are_reported(tmp_path):
    for key in ("title", "summary", "content_note"):
        data = replaced(SAMPLE_DATA, ("scenario",), {k: v for k, v in SAMPLE_DATA["scenario"].items() if k != key})
        result = check_text(tmp_path, yaml.safe_dump(data, allow_unicode=True))
        assert [(d.code, key in d.message) for d in result.report.items] == [("TYG007", True)]
