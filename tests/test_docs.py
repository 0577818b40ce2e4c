"""The author documentation stays true: its complete example checks clean, and every code is in its table."""

from __future__ import annotations

import os
import re

from tyg.compile import pipeline
from tyg.compile.diagnostics import CODES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "scenario-format.md")


def example_files() -> dict[str, str]:
    """The files given as **`folder/name.yaml`** followed by a yaml block."""
    text = open(DOC, encoding="utf-8").read()
    return {
        m.group(1): m.group(2)
        for m in re.finditer(r"\*\*`[\w/]+/([\w.]+\.yaml)`\*\*\s*\n\s*```yaml\n(.*?)```", text, flags=re.S)
    }


def test_the_complete_example_checks_clean(tmp_path):
    files = example_files()
    assert "catalogue.yaml" in files and len(files) >= 2
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    result = pipeline.check(str(tmp_path))
    assert result.report.items == [], result.report.render_text()
    assert len(result.project.scenarios) == 1


def test_every_code_is_documented():
    text = open(DOC, encoding="utf-8").read()
    for code, spec in CODES.items():
        row = re.search(rf"^\| {code} \| ([^|]+) \| (error|warning) \|", text, flags=re.M)
        assert row, f"{code} is missing from the table in docs/scenario-format.md"
        assert row.group(1).strip() == spec.title and row.group(2) == spec.severity.value
