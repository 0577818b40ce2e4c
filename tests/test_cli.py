"""build.py as an author meets it: exit codes, output formats, and bad input that never tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "sample")


def build_py(*args, env=None, cwd=ROOT):
    proc = subprocess.run(
        [sys.executable, os.path.join(ROOT, "build.py"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def test_check_sample_exits_0():
    proc = build_py("check", SAMPLE)
    assert proc.returncode == 0, proc.stderr
    assert "no errors" in proc.stdout


@pytest.fixture
def project(tmp_path):
    """A folder with the sample's catalogue, ready for one bad scenario file."""
    shutil.copy(os.path.join(SAMPLE, "catalogue.yaml"), tmp_path)
    return tmp_path


BAD_INPUTS = {
    "missing": None,
    "syntax": b"format: 1\nscenario:\n  id: x\n  title: [unclosed\n",
    "binary": bytes(range(256)) * 4,
    "empty": b"",
    "huge": b"format: 1\n" + b"# padding line for a very large file\n" * (10 * 1024 * 1024 // 37),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_gives_a_diagnostic_and_exit_1(project, kind):
    path = project / f"{kind}.yaml"
    if BAD_INPUTS[kind] is not None:
        path.write_bytes(BAD_INPUTS[kind])
    proc = build_py("check", str(path), cwd=str(project))
    assert proc.returncode == 1
    first = proc.stderr.splitlines()[0]
    assert first.startswith(f"{kind}.yaml:"), proc.stderr
    expected = {"missing": "TYG001", "syntax": "TYG002", "binary": "TYG001", "empty": "TYG003", "huge": "TYG010"}[kind]
    assert f"error[{expected}]" in first


def test_bad_input_writes_nothing(project):
    (project / "syntax.yaml").write_bytes(BAD_INPUTS["syntax"])
    game = project / "game"
    proc = build_py("build", str(project), "--game", str(game), cwd=str(project))
    assert proc.returncode == 1
    assert not game.exists()


def test_json_format_carries_the_same_data(project):
    (project / "syntax.yaml").write_bytes(BAD_INPUTS["syntax"])
    text = build_py("check", str(project), cwd=str(project)).stderr.splitlines()[0]
    proc = build_py("check", str(project), "--format", "json", cwd=str(project))
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["errors"] == 1 and data["warnings"] == 0
    d = data["diagnostics"][0]
    assert f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}[{d['code']}]: {d['message']}" == text


def test_text_format_is_file_line_col_severity_code_message(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    p = src / "sample.yaml"
    p.write_text(p.read_text().replace("goto: ava_chat\n", "goto: park\n", 1))
    proc = build_py("check", "src", cwd=str(tmp_path))
    assert proc.returncode == 1
    line_no = next(i for i, l in enumerate(p.read_text().splitlines(), 1) if "goto: park" in l)
    assert proc.stderr.splitlines()[0] == (
        f"src/sample.yaml:{line_no}:15: error[TYG012]: choice 'ask_ava' goes to unknown scene 'park'"
    )


def test_usage_errors_exit_2():
    assert build_py("frobnicate").returncode == 2
    assert build_py("check", "--format", "xml").returncode == 2


def test_missing_engine_exits_2_with_instructions(tmp_path):
    proc = build_py("--renpy", str(tmp_path / "no-sdk-here"), "lint", SAMPLE, "--game", str(tmp_path / "game"))
    assert proc.returncode == 2
    assert "RENPY_SDK" in proc.stderr and "apt-get install renpy" in proc.stderr
    proc = build_py("lint", SAMPLE, "--game", str(tmp_path / "game"), env={"RENPY_SDK": str(tmp_path)})
    assert proc.returncode == 2 and "not a Ren'Py SDK" in proc.stderr


def test_empty_source_folder_is_fine(tmp_path):
    proc = build_py("check", str(tmp_path))
    assert proc.returncode == 0 and "checked 0 scenarios" in proc.stdout
