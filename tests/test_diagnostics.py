"""Every diagnostic code has a failing fixture, and each fixture gives exactly its expected diagnostics.

Expectations are written mypy-style, next to the line that causes them:

    goto: park  # error: TYG012

and, where the wording matters, with a piece of the message the author must see:

    - id: sam  # error: TYG011 "duplicate character id 'sam'"

Diagnostics that cannot carry a comment (binary, empty or generated files)
are listed in the fixture's ``expect.txt`` as ``file:line:col: CODE``. A
fixture with ``make_fixture.py`` builds its input at test time (a 10 MB file
is not worth committing).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tyg.compile import pipeline
from tyg.compile.diagnostics import CODES, Severity

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "diagnostics")
MARK = re.compile(r"#\s*(error|warning):\s*(TYG\d{3}(?:\s*,\s*TYG\d{3})*)(?:\s+\"(?P<says>[^\"]+)\")?\s*$")
EXPECT_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>TYG\d{3})$")


def fixture_dirs() -> list[str]:
    return sorted(d for d in os.listdir(FIXTURES) if os.path.isdir(os.path.join(FIXTURES, d)))


def marks(root: str):
    """(file, line, match of MARK) for each expectation comment in the fixture's YAML files."""
    for dirpath, _, names in os.walk(root):
        for name in sorted(n for n in names if n.endswith((".yaml", ".yml"))):
            path = os.path.join(dirpath, name)
            try:
                text = open(path, encoding="utf-8").read()
            except (UnicodeDecodeError, ValueError):
                continue
            for no, line in enumerate(text.splitlines(), 1):
                m = MARK.search(line)
                if m:
                    yield os.path.relpath(path, root), no, m


def codes_of(m: re.Match) -> list[str]:
    return re.split(r"\s*,\s*", m[2])


def expected(root: str) -> set[tuple]:
    """(file, line, col or None, code, severity) from comments and expect.txt."""
    out = {(rel, no, None, code, m[1]) for rel, no, m in marks(root) for code in codes_of(m)}
    for dirpath, _, names in os.walk(root):
        if "expect.txt" in names:
            for line in open(os.path.join(dirpath, "expect.txt"), encoding="utf-8"):
                m = EXPECT_LINE.match(line.strip())
                if m:
                    code = m["code"]
                    out.add((m["file"], int(m["line"]), int(m["col"]), code, CODES[code].severity.value))
    return out


def wordings(root: str) -> list[tuple[str, int, str, str]]:
    """(file, line, code, words) for each expectation that quotes its message."""
    return [(rel, no, code, m["says"]) for rel, no, m in marks(root) if m["says"] for code in codes_of(m)]


def run_fixture(name: str, tmp_path) -> tuple[set[tuple], set[tuple]]:
    root = tmp_path / name
    shutil.copytree(os.path.join(FIXTURES, name), root)
    maker = root / "make_fixture.py"
    if maker.exists():
        subprocess.run([sys.executable, str(maker), str(root)], check=True)
    cwd = os.getcwd()
    os.chdir(root)  # diagnostics show paths relative to the working directory
    try:
        result = pipeline.build(".", "game")
    finally:
        os.chdir(cwd)
    want = expected(str(root))
    got = set()
    for d in result.report.items:
        # Every message is words an author can act on, and it renders.
        assert isinstance(d.message, str) and d.message.strip() and d.message in d.render(), d
        said = [w for f, line, code, w in wordings(str(root)) if (f, line, code) == (d.file, d.line, d.code)]
        for words in said:
            assert words in d.message, f"{d.render()}\n  should say: {words}"
        col = d.col if any(w[0] == d.file and w[1] == d.line and w[2] is not None for w in want) else None
        got.add((d.file, d.line, col, d.code, d.severity.value))
    return want, got


@pytest.mark.parametrize("name", fixture_dirs())
def test_fixture_gives_expected_diagnostics(name, tmp_path):
    want, got = run_fixture(name, tmp_path)
    assert want, f"fixture {name} declares no expected diagnostic"
    assert got == want


def test_every_code_has_a_fixture():
    covered = {d.split("_", 1)[0] for d in fixture_dirs()}
    missing = sorted(set(CODES) - covered)
    assert not missing, f"codes without a failing fixture: {missing}"


def test_every_fixture_names_a_registered_code_and_expects_it(tmp_path):
    for name in fixture_dirs():
        code = name.split("_", 1)[0]
        assert code in CODES, f"fixture {name} names no registered code"
        codes = {w[3] for w in expected(os.path.join(FIXTURES, name))}
        assert code in codes, f"fixture {name} does not expect its own code {code}"


def test_registry_is_stable_and_well_formed():
    for code, spec in CODES.items():
        assert re.fullmatch(r"TYG\d{3}", code)
        assert spec.code == code and spec.title
        assert spec.severity in (Severity.ERROR, Severity.WARNING)
