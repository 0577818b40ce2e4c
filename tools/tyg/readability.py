"""Reading level: teen-facing text must read at or below a US school grade.

Measured per scene with the Flesch-Kincaid grade from ``textstat``, over the
lines, prompt, choices and feedback of the scene. Lines without closing
punctuation (chat messages) are counted as sentences of their own, as a
reader takes them.
"""

from __future__ import annotations

import re

from .diagnostics import Report
from .nodes import Project
from .texts import scene_texts

MAX_GRADE = 6.0
#: Below this many words a grade formula is noise ("Nothing happens." scores 8.8),
#: so a short scene is judged only as part of its whole scenario.
MIN_WORDS = 30
_END = re.compile(r"[.!?…]['\")\]]*\s*$")


def scene_grade(texts: list[str]) -> float:
    import textstat  # imported here: only this check needs it

    sentences = [t.strip() if _END.search(t) else t.strip() + "." for t in texts if t.strip()]
    return float(textstat.flesch_kincaid_grade(" ".join(sentences)))


def check_reading_level(project: Project, report: Report, limit: float = MAX_GRADE) -> None:
    for sc in project.scenarios:
        if sc.audience != "teen":
            continue
        everything = [t.value for scene in sc.scenes for t in scene_texts(scene)]
        if everything and scene_grade(everything) > limit:
            report.add(
                "TYG042",
                sc.loc,
                f"scenario '{sc.id}' as a whole reads at US grade {scene_grade(everything):.1f}; "
                f"teen text must be at most {limit:g}",
            )
        for scene in sc.scenes:
            texts = [t.value for t in scene_texts(scene)]
            if sum(len(t.split()) for t in texts) < MIN_WORDS:
                continue
            grade = scene_grade(texts)
            if grade > limit:
                report.add(
                    "TYG042",
                    scene.loc,
                    f"scene '{scene.id}' reads at US grade {grade:.1f}; teen text must be at most {limit:g}. "
                    "Use shorter sentences and shorter words",
                )
