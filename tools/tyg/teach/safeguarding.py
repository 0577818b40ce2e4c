"""Wording to avoid in a safeguarding game: a warning-level lint over all visible text.

The rules follow the project's tone guide: no victim-blaming, no fatalism,
"sharing nudes" rather than "sexting", and nothing explicit.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from tyg.compile.diagnostics import Loc, Report
from tyg.compile.nodes import Project, Scene, Text
from tyg.teach.texts import catalogue_texts, ending_texts, head_texts, scene_all_texts

#: A negation shortly before a match within the same sentence ("none of this was his fault").
_NEGATED = re.compile(r"(?:\b(?:not|never|none|no|nobody|no one)\b|n't)[^.!?]{0,30}$", re.I)

RULES: list[tuple[str, re.Pattern[str], str]] = [
    (
        "victim-blaming",
        re.compile(r"\b(?:your|his|her|their|my)\s+(?:own\s+)?fault\b", re.I),
        "say it is not their fault: the blame lies with the offender",
    ),
    ("victim-blaming", re.compile(r"\bshould\s+have\s+known\b", re.I), "this blames the person who was targeted"),
    ("victim-blaming", re.compile(r"\bwhy\s+(?:did|would)\s+you\b", re.I), "this sounds like blame; ask what happened instead"),
    ("victim-blaming", re.compile(r"\bwhat\s+were\s+you\s+thinking\b", re.I), "this blames the person who was targeted"),
    ("victim-blaming", re.compile(r"\basked\s+for\s+it\b", re.I), "this blames the person who was targeted"),
    (
        "fatalism",
        re.compile(r"\bwhat\s+goes\s+online\s+stays\s+online\b", re.I),
        "this removes hope: images can be taken down and help exists",
    ),
    ("fatalism", re.compile(r"\b(?:can|will)\s+never\s+(?:get|take)\s+it\s+back\b", re.I), "this removes hope: removal tools exist"),
    ("fatalism", re.compile(r"\b(?:online|out\s+there)\s+forever\b", re.I), "this removes hope: removal tools exist"),
    ("fatalism", re.compile(r"\b(?:life|everything)\s+is\s+(?:over|ruined)\b", re.I), "this removes hope"),
    ("fatalism", re.compile(r"\bnothing\s+(?:you\s+)?can\s+(?:be\s+)?do(?:ne)?\b", re.I), "this removes hope: there is always something to do"),
    ("wording", re.compile(r"\bsext(?:s|ed|ing)?\b", re.I), 'say "sharing nudes" instead'),
    (
        "overpromise",
        re.compile(
            r"\b(?:can|will|could)\s+(?:often|usually|always)\s+(?:still\s+)?(?:be\s+)?(?:find|trace|catch|track|found|traced|caught|tracked)\b"
            r"|\bwill\s+follow\s+up\b|\b(?:will|always)\s+(?:find|catch)\s+(?:them|the\s+(?:person|people))\b",
            re.I,
        ),
        'promise only what is true: say "in many cases, they can be found and stopped"',
    ),
]

#: Explicit words: the story hints, it never describes.
EXPLICIT = (
    "porn", "porno", "pornography", "masturbate", "masturbating", "masturbation", "genitals", "genital",
    "penis", "vagina", "boobs", "tits", "dick", "pussy", "horny", "orgasm", "cybersex", "cyber sex",
    "blowjob", "cum", "xxx", "nsfw",
)
RULES.append(
    (
        "explicit",
        re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in EXPLICIT) + r")\b", re.I),
        "nothing explicit: hint at what is wanted, never describe it",
    )
)


#: A word every rule's match contains. Most text holds none of them, and
#: substring tests are much cheaper than a dozen regular expressions.
_CLUES = ("fault", "known", "why", "thinking", "asked", "online", "never", "forever", "out there", "over",
          "ruined", "nothing", "sext", "often", "usually", "always", "follow", "find", "catch",
          *(w.split()[0] for w in EXPLICIT))


def findings(text: str) -> list[tuple[str, str, str]]:
    """(kind, matched words, advice) for each rule the text breaks."""
    lower = text.lower()
    if not any(clue in lower for clue in _CLUES):
        return []
    return _rule_findings(text)


def _rule_findings(text: str) -> list[tuple[str, str, str]]:
    out = []
    for kind, rx, advice in RULES:
        for m in rx.finditer(text):
            if kind == "victim-blaming" and "fault" in m.group(0).lower() and _NEGATED.search(text[: m.start()]):
                continue  # "It is not your fault" is the message we want
            out.append((kind, m.group(0), advice))
            break
    return out


def wording(texts: Iterable[Text]) -> list[tuple[Loc, str]]:
    """Where and why each text breaks a rule (TYG043's places and messages)."""
    return [(t.loc, f"{kind}: '{words}': {advice}") for t in texts for kind, words, advice in findings(t.value)]


def scene_wording(scene: Scene) -> list[tuple[Loc, str]]:
    return wording(scene_all_texts(scene))


def check_wording(project: Project, report: Report,
                  wording_of: Callable[[Scene], list[tuple[Loc, str]]] = scene_wording) -> None:
    """TYG043 for every scenario's text and the catalogue's. ``wording_of``: where a scene's
    findings come from (the build keeps those of scenes that did not change)."""
    found: list[tuple[Loc, str]] = []
    for sc in project.scenarios:
        found += wording(head_texts(sc))
        for scene in sc.scenes:
            found += wording_of(scene)
        found += wording(ending_texts(sc))
    if project.catalogue is not None:
        found += wording(catalogue_texts(project.catalogue))
    for loc, message in found:
        report.add("TYG043", loc, message)
