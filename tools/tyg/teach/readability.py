"""Reading level: teen-facing text must read at or below a US school grade.

Measured per scene with the Flesch-Kincaid grade, from ``textstat``'s own
counts of words, sentences and syllables, over the lines, prompt, choices and
feedback of the scene. Lines without closing punctuation (chat messages) are
counted as sentences of their own, as a reader takes them. Counts add up, so
each piece of text is counted once and each distinct word's syllables are
looked up once (tests/test_readability.py checks the result against
``textstat.flesch_kincaid_grade``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from tyg.compile.diagnostics import Report
from tyg.compile.nodes import Project, Scene
from tyg.teach.texts import scene_texts

MAX_GRADE = 6.0
#: Below this many words a grade formula is noise ("Nothing happens." scores 8.8),
#: so a short scene is judged only as part of its whole scenario.
MIN_WORDS = 30
_FRAGMENT = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_END = re.compile(r"[.!?…]['\")\]]*\s*$")


@dataclass
class Counts:
    """Words, sentences and syllables, as textstat counts them; they add up across texts."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.words + other.words, self.sentences + other.sentences, self.syllables + other.syllables)

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade, by textstat's formula (which counts at least one sentence)."""
        if not self.words or not self.syllables:
            return 0.0
        return 0.39 * self.words / max(1, self.sentences) + 11.8 * self.syllables / self.words - 15.59


#: Syllable counts already looked up. The build cache keeps them between runs
#: (compile/pipeline.py), so textstat's pronouncing dictionary, which takes most
#: of a second to load, is loaded only when a story has a word not seen before.
KNOWN: dict[str, int] = {}


def looked_up_since(before: set[str]) -> dict[str, int]:
    """The syllable counts added to ``KNOWN`` since it held the words ``before`` (for the cache)."""
    return {w: n for w, n in KNOWN.items() if w not in before}


#: Where a word missing from ``KNOWN`` is looked up: None, textstat itself; or a function that
#: gives ``lexicon()``, which the build cache keeps (compile/pipeline.py): loading that table takes
#: a few hundredths of a second, where textstat's own dictionary takes most of a second, so a
#: build after an author types a new word stays quick.
LEXICON: Callable[[], dict[str, int]] | None = None
_LANG = "en_US"  # textstat's language, which nothing here changes


def lexicon() -> dict[str, int]:
    """Syllables of every word in textstat's pronouncing dictionary, as textstat counts them."""
    from textstat.backend.utils import get_cmudict

    return {w: sum(1 for p in prons[0] if p[-1].isdigit()) for w, prons in get_cmudict(_LANG).items() if prons}


def _word_syllables(word: str) -> int:
    n = KNOWN.get(word)
    if n is None:
        n = KNOWN[word] = _syllables(word)
    return n


def _syllables(word: str) -> int:
    """``textstat.syllable_count(word)``: the dictionary's count, else the hyphenation's (tests/test_readability.py)."""
    if LEXICON is None:
        import textstat

        return textstat.syllable_count(word)
    from textstat.backend.selections import list_words
    from textstat.backend.utils import get_pyphen

    table = LEXICON()
    total = 0
    for w in list_words(word, lowercase=True):
        n = table.get(w)
        total += len(get_pyphen(_LANG).positions(w)) + 1 if n is None else n
    return total


def counts(text: str) -> Counts:
    """textstat's counts for one piece of text; syllables are looked up once per distinct word."""
    from textstat.backend.selections import list_words

    from textstat.backend.counts import count_words

    sentence = text.strip() if _END.search(text) else text.strip() + "."
    # textstat's sentence rule: fragments ending in . ! or ?, not counting those of two words or fewer.
    words = list_words(sentence, lowercase=True)  # what textstat.lexicon_count counts
    fragments = _FRAGMENT.findall(sentence)
    if len(fragments) == 1:
        sentences = int(len(words) > 2)
    else:
        sentences = sum(1 for f in fragments if count_words(f) > 2)
    return Counts(len(words), sentences, sum(_word_syllables(w) for w in words))


def scene_grade(texts: list[str]) -> float:
    """The grade of texts read together, each line a sentence of its own."""
    return sum((counts(t) for t in texts if t.strip()), Counts()).grade


def scene_counts(scene: Scene) -> Counts:
    """The counts of everything a player reads in one scene."""
    return sum((counts(t.value) for t in scene_texts(scene) if t.value.strip()), Counts())


def check_reading_level(project: Project, report: Report, limit: float = MAX_GRADE,
                        counts_of: Callable[[Scene], Counts] = scene_counts) -> None:
    """TYG042 for each teen scene, and teen scenario as a whole, above ``limit``. ``counts_of``:
    where a scene's counts come from (the build keeps those of scenes that did not change)."""
    for sc in project.scenarios:
        if sc.audience != "teen":
            continue
        total = Counts()
        for scene in sc.scenes:
            scene_counts = counts_of(scene)
            total = total + scene_counts
            if scene_counts.words >= MIN_WORDS and scene_counts.grade > limit:
                report.add(
                    "TYG042",
                    scene.loc,
                    f"scene '{scene.id}' reads at US grade {scene_counts.grade:.1f}; teen text must be at most {limit:g}. "
                    "Use shorter sentences and shorter words",
                )
        if total.grade > limit:
            report.add(
                "TYG042",
                sc.loc,
                f"scenario '{sc.id}' as a whole reads at US grade {total.grade:.1f}; teen text must be at most {limit:g}",
            )
