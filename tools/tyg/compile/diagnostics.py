"""One diagnostic type, and the registry of every code the toolchain can report.

An author's mistake never raises: each stage appends ``Diagnostic`` values to a
``Report`` and carries on, so the author sees every problem at once.
Every code in ``CODES`` has a failing fixture under ``tests/fixtures/diagnostics/``;
``tests/test_diagnostics.py`` fails if one is missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str


def _registry(*codes: Code) -> dict[str, Code]:
    table: dict[str, Code] = {}
    for c in codes:
        assert c.code not in table, c.code
        table[c.code] = c
    return table


E, W = Severity.ERROR, Severity.WARNING

#: Every diagnostic code. Codes are stable: never renumber one, only add.
CODES = _registry(
    # -- reading files (load.py)
    Code("TYG001", E, "file cannot be read"),
    Code("TYG002", E, "YAML syntax error"),
    Code("TYG003", E, "file is empty"),
    Code("TYG004", E, "duplicate key"),
    Code("TYG005", E, "unknown key"),
    Code("TYG006", E, "wrong type"),
    Code("TYG007", E, "missing required key"),
    Code("TYG008", E, "invalid value"),
    Code("TYG009", E, "unsupported YAML feature"),
    Code("TYG010", E, "file too large"),
    Code("TYG011", E, "duplicate id"),
    # -- references and the story graph (check.py)
    Code("TYG012", E, "unknown target"),
    Code("TYG013", E, "unknown character"),
    Code("TYG014", E, "unreachable scene"),
    Code("TYG015", E, "dead end"),
    Code("TYG016", E, "choice without feedback"),
    Code("TYG017", E, "unknown red flag"),
    Code("TYG018", E, "unknown safe action"),
    Code("TYG019", E, "unknown help resource"),
    Code("TYG020", E, "ending without help resources"),
    Code("TYG021", E, "flag read but never set"),
    Code("TYG022", E, "cycle with no way out"),
    Code("TYG023", E, "no catalogue"),
    Code("TYG024", E, "invalid condition"),
    Code("TYG025", W, "character never used"),
    Code("TYG026", W, "ending never reached"),
    Code("TYG027", E, "resource without a way to reach it"),
    Code("TYG028", E, "goto branch that hides the ones after it"),
    Code("TYG031", E, "unknown upstander step"),
    Code("TYG032", E, "unknown key message"),
    Code("TYG033", E, "unknown adult action"),
    Code("TYG034", E, "unknown discussion question"),
    # -- what the story teaches (teaching.py, readability.py, safeguarding.py)
    Code("TYG040", E, "catalogue item taught nowhere"),
    Code("TYG041", E, "discussion question never asked"),
    Code("TYG042", W, "reading level above the limit"),
    Code("TYG043", W, "wording to avoid"),
    Code("TYG045", E, "risky choice with no way back"),
    Code("TYG051", W, "minutes far from the measured time"),
    # -- playing the story with its conditions (coverage.py)
    Code("TYG044", E, "choice leads where no ending can be reached"),
    Code("TYG052", W, "choice never on screen"),
    # -- translations, per language (i18n/checks.py, i18n/po.py)
    Code("TYG046", W, "untranslated or fuzzy entry"),
    Code("TYG047", E, "markup or placeholder differs from the English"),
    Code("TYG048", W, "stale translation entry"),
    Code("TYG049", E, "one English text translated two ways"),
    Code("TYG050", E, "PO syntax error"),
    # -- writing output (output.py)
    Code("TYG030", E, "would overwrite a hand-written file"),
)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in an author's file.

    Lines and columns are 1-based. ``end_line``/``end_col`` close the range
    (exclusive end column); they equal the start when only a point is known.
    """

    file: str
    line: int
    col: int
    code: str
    message: str
    end_line: int = 0
    end_col: int = 0
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def render(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity.value}[{self.code}]: {self.message}"

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "end_line": self.end_line or self.line,
            "end_column": self.end_col or self.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


class Loc(NamedTuple):
    """Where a node came from: file, 1-based line and column, and range end.

    A tuple rather than a dataclass: the loader makes one for every YAML
    node, and tuples are several times cheaper to create.
    """

    file: str
    line: int = 1
    col: int = 1
    end_line: int = 0
    end_col: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class Report:
    """Collects diagnostics from every stage, in the order they are found."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, code: str, loc: Loc, message: str) -> None:
        spec = CODES[code]
        self.items.append(
            Diagnostic(
                file=loc.file,
                line=loc.line,
                col=loc.col,
                code=code,
                message=message,
                end_line=loc.end_line or loc.line,
                end_col=loc.end_col or loc.col,
                severity=spec.severity,
            )
        )

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        # Stable, readable order: by file, then position, then code.
        return sorted(self.items, key=lambda d: (d.file, d.line, d.col, d.code, d.message))

    def render_text(self) -> str:
        lines = [d.render() for d in self.sorted()]
        e, w = len(self.errors), len(self.warnings)
        if e or w:
            lines.append(f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}")
        return "\n".join(lines)

    def render_json(self) -> str:
        return json.dumps(
            {
                "diagnostics": [d.to_json() for d in self.sorted()],
                "errors": len(self.errors),
                "warnings": len(self.warnings),
            },
            indent=2,
            ensure_ascii=False,
        )
