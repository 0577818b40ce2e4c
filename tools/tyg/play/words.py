"""Words on screen per play-through, and the minutes a story takes (``build.py words``).

A story is played many times at random, from a fixed seed (the same random play as
``randomtest``), and every run's words on screen are counted: what the player reads.

* **story**: every line shown (narration, speech, messages, a decision's prompt); the
  text only, not the speaker's name;
* **choices**: the text of every choice on screen at each decision (all of them are read);
* **feedback**: each card's title, what happened, why it matters, the safer move, and the
  name of every catalogue item it lists;
* **explanations**: a catalogue item's explanation, on the first card of the run that lists
  it (later cards show its name only: ``interpret``);
* **ending**: the kind of ending, title, summary, "it is not your fault", the play-through's
  summary (red flags spotted and missed, safe actions taken, three things to remember with
  their explanations) and every help resource (name, explanation, how to reach it).

Fixed headings ("Why it matters", "Red flags") and buttons are not counted. A word is a
run of characters between spaces with at least one letter or digit in it: "don't" and a web
address are one word each, an emoji or a dash is none.

Minutes: a run takes its words at ``WORDS_PER_MINUTE`` plus ``SECONDS_PER_DECISION`` for
each decision; a story's minutes are the median run's, rounded. ``measure_scenario`` does
this for each scenario of every build and check (a few hundred runs, a fraction of a second
per story), so the main menu shows measured minutes (``Scenario.measured_minutes``), and an
author's own ``minutes:`` more than 25% away from the measurement gets TYG051.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import NamedTuple

from tyg.compile import pipeline
from tyg.compile.diagnostics import Report
from tyg.compile.nodes import LEARNING_SECTIONS, Catalogue, Choice, Scenario
from tyg.play.interpret import Tables, Transcript
from tyg.play.randomplay import scene_limit
from tyg.play.textplay import ENDING_KINDS, NOT_YOUR_FAULT, journal

WORDS_PER_MINUTE = 150  # an unhurried reader on a screen
SECONDS_PER_DECISION = 20  # reading the options and thinking
RUNS = 300  # ``build.py words``: the build's own measurement, unless asked for more
CHECK_RUNS = 300  # every build: enough for a stable median, cheap enough for every check
CHECK_BUDGET = 5000  # ... and at most this many decisions in all (a story of hundreds of scenes),
MIN_RUNS = 9  # but never fewer runs than this
SEED = 0
TOLERANCE = 0.25  # TYG051: a written ``minutes:`` further than this from the measurement
PARTS = ("story", "choices", "feedback", "explanations", "ending")


_WORD = re.compile(r"\S*[^\W_]\S*")


@functools.lru_cache(maxsize=65536)
def count(text: str) -> int:
    """Words in ``text``: runs between spaces with a letter or digit in them."""
    return len(_WORD.findall(text))


class Counter:
    """The reference count: the words a transcript of the interpreter showed (``Walker`` must agree)."""

    def __init__(self, sc: Scenario, catalogue: Catalogue | None, tables: Tables | None = None) -> None:
        self.tables = tables or Tables(sc)
        self.catalogue = catalogue
        self.lines: dict[str, int] = {}
        self.choice = {cid: count(c.text.value) for cid, c in self.tables.choices.items()}
        self.card: dict[str, int] = {}
        for cid, c in self.tables.choices.items():
            fb = c.feedback
            if fb is not None:
                self.card[cid] = sum(count(x.value) for x in (fb.title, fb.happened, fb.why, fb.safer) if x)
        self.name: dict[tuple[str, str], int] = {}
        self.explain: dict[tuple[str, str], int] = {}
        if catalogue is not None:
            for sec in LEARNING_SECTIONS:
                for item in catalogue.section(sec.key):
                    self.name[(sec.key, item.id)] = count(item.name.value)
                    self.explain[(sec.key, item.id)] = count(item.explain.value)
        resources = {r.id: r for r in catalogue.resources} if catalogue else {}
        self.ending: dict[str, int] = {}
        for e in sc.endings:
            n = count(ENDING_KINDS.get(e.kind, e.kind)) + count(e.title.value) + count(e.summary.value) + count(NOT_YOUR_FAULT)
            for ref in e.resources:
                r = resources.get(ref.id)
                if r is not None:
                    n += count(r.name.value) + count(r.explain.value)
                    n += (1 + count(r.phone) if r.phone else 0) + count(r.sms or "") + count(r.url or "")  # "Call" + number
            self.ending[e.id] = n

    def _line(self, text: str) -> int:
        n = self.lines.get(text)
        if n is None:
            n = self.lines[text] = count(text)
        return n

    def parts(self, t: Transcript) -> dict[str, int]:
        """The words one play-through showed, by part (``PARTS``)."""
        out = dict.fromkeys(PARTS, 0)
        out["story"] = sum(self._line(text) for _, text in t.lines)
        out["choices"] = sum(self.choice[c] for shown in t.shown for c in shown)
        for cid, card in zip(t.feedback, t.cards):
            out["feedback"] += self.card[cid] + sum(self.name.get((k, i), 0) for k, i, _ in card)
            out["explanations"] += sum(self.explain.get((k, i), 0) for k, i, explained in card if explained)
        if t.ending is not None:
            out["ending"] = self.ending[t.ending]
            if self.catalogue is not None:
                j = journal(t, self.tables, self.catalogue)
                out["ending"] += sum(count(i.name.value) for i in (*j.spotted, *j.missed, *j.taken))
                out["ending"] += sum(count(i.name.value) + count(i.explain.value) for i in j.takeaways)
        return out


_LINES, _SET, _IF = range(3)


class _Choice(NamedTuple):
    choice: Choice
    test: object  # a compiled condition, or None
    words: int  # its text, on screen at the decision
    sets: tuple  # (flag, value) pairs
    card: int  # feedback title, happened, why, safer, and every item's name; -1: no feedback
    items: tuple  # ((section, id), explanation's words) in screen order
    flags: tuple  # red flag ids
    actions: tuple  # safe action ids
    messages: tuple  # key message ids
    goto: str


class Walker:
    """Random play-throughs that only count: the interpreter's rules (steps, conditions, choices,
    goto branches, explanations the first time, the ending's summary) on precomputed word counts,
    with no transcript. Many times faster than ``Run`` plus ``Counter``, and equal to them
    (tests/test_words.py plays both from the same seeds)."""

    def __init__(self, sc: Scenario, catalogue: Catalogue | None, tables: Tables | None = None) -> None:
        ref = Counter(sc, catalogue, tables)
        self.tables = tables = ref.tables
        self.limit = scene_limit(sc)
        self.endings = ref.ending
        self.scenes: dict[str, tuple] = {}
        for sid, st in tables.scenes.items():
            prompt = count(st.prompt[0]) if st.prompt else 0
            choices = tuple(self._choice(c, test, ref, tables.card_items[c.id]) for c, test, _ in st.choices)
            branches = tuple((test, target) for test, _, target in st.branches)
            self.scenes[sid] = (self._ops(st.ops), prompt, choices, branches)
        cat = catalogue
        self.flag_names = {i.id: count(i.name.value) for i in cat.red_flags} if cat else {}
        self.action_names = {i.id: count(i.name.value) for i in cat.safe_actions} if cat else {}
        self.takeaways = [(i.id, count(i.name.value) + count(i.explain.value)) for i in cat.key_messages] if cat else []
        self.journal = cat is not None

    def _ops(self, ops: tuple) -> tuple:
        from tyg.play import interpret

        out = []
        for op in ops:
            if op[0] == interpret._LINES:
                out.append((_LINES, sum(count(text) for _, text in op[1])))
            elif op[0] == interpret._SET:
                out.append((_SET, op[1]))
            elif op[0] == interpret._IF:
                out.append((_IF, op[1], self._ops(op[3]), self._ops(op[4])))
        return tuple(out)

    @staticmethod
    def _choice(c: Choice, test, ref: Counter, keys: tuple) -> _Choice:
        items = card = ()
        words = -1
        if c.feedback is not None:
            items = tuple((k, ref.explain.get(k, 0)) for k in keys)
            words = ref.card[c.id] + sum(ref.name.get(k, 0) for k in keys)
            card = c.feedback.teaches
        ids = lambda key: tuple(r.id for r in card.get(key, ())) if card else ()  # noqa: E731
        sets = tuple((name, value) for name, value, _ in c.sets.values) if c.sets else ()
        return _Choice(c, test, ref.choice[c.id], sets, words, items, ids("red_flags"), ids("safe_actions"),
                       ids("key_messages"), c.goto.id)

    def _steps(self, ops: tuple, flags: dict) -> int:
        n = 0
        for op in ops:
            if op[0] == _LINES:
                n += op[1]
            elif op[0] == _SET:
                flags.update(op[1])
            else:
                n += self._steps(op[2] if op[1](flags) else op[3], flags)
        return n

    def play(self, rnd) -> tuple[dict[str, int], int] | None:
        """One random run: its words by part and its decisions; None if it loops (no ending in time)."""
        out = dict.fromkeys(PARTS, 0)
        flags: dict = {}
        seen: set = set()
        state: dict[str, bool] = {}  # red flag -> spotted, in the order first met
        taken: list[str] = []
        messages: list[str] = []
        decisions = visits = 0
        here = self.tables.start
        while here not in self.endings:
            if visits >= self.limit:  # as the interpreter: a loop
                return None
            visits += 1
            ops, prompt, choices, branches = self.scenes[here]
            out["story"] += self._steps(ops, flags)
            if not choices:
                here = next(target for test, target in branches if test is None or test(flags))
                continue
            out["story"] += prompt
            shown = [c for c in choices if c.test is None or c.test(flags)]
            out["choices"] += sum(c.words for c in shown)
            pick = shown[int(rnd() * len(shown))]
            decisions += 1
            flags.update(pick.sets)
            if pick.card >= 0:
                out["feedback"] += pick.card
                items = pick.items
                out["explanations"] += sum([w for k, w in items if k not in seen])
                seen.update([k for k, _ in items])
                if pick.choice.kind == "safer":
                    for f in pick.flags:
                        state[f] = True
                    for a in pick.actions:
                        if a not in taken:
                            taken.append(a)
                else:
                    for f in pick.flags:
                        state.setdefault(f, False)
                for m in pick.messages:
                    if m not in messages:
                        messages.append(m)
            here = pick.goto
        out["ending"] = self.endings[here]
        if self.journal:
            out["ending"] += sum(self.flag_names.get(f, 0) for f in state)  # spotted and missed: each named once
            out["ending"] += sum(self.action_names.get(a, 0) for a in taken)
            words = dict(self.takeaways)
            ids = [m for m in messages if m in words] + [m for m, _ in self.takeaways if m not in messages]
            out["ending"] += sum(words[m] for m in ids[:3])
        return out, decisions


def seconds(words: int, decisions: int) -> float:
    return words * 60 / WORDS_PER_MINUTE + decisions * SECONDS_PER_DECISION


@dataclass
class Measure:
    """The words on screen of a scenario's random play-throughs."""

    id: str
    file: str
    runs: int  # play-throughs that reached an ending (a looping run is left out)
    seed: int
    words: list[int] = field(default_factory=list)  # per run, in run order
    decisions: list[int] = field(default_factory=list)
    parts: dict[str, list[int]] = field(default_factory=dict)  # per part, per run

    @property
    def median(self) -> float:
        return statistics.median(self.words) if self.words else 0

    @property
    def minutes(self) -> int | None:
        """The median run's time, in whole minutes (at least 1); None when no run ended."""
        if not self.words:
            return None
        times = [seconds(w, d) for w, d in zip(self.words, self.decisions)]
        return max(1, round(statistics.median(times) / 60))

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "file": self.file,
            "runs": self.runs,
            "seed": self.seed,
            "words": {"median": self.median, "min": min(self.words, default=0), "max": max(self.words, default=0)},
            "median_by_part": {k: statistics.median(v) if v else 0 for k, v in self.parts.items()},
            "decisions": {"median": statistics.median(self.decisions) if self.decisions else 0},
            "minutes": self.minutes,
        }


def measure(sc: Scenario, catalogue: Catalogue | None, runs: int = RUNS, seed: int = SEED, budget: int | None = None) -> Measure:
    """``runs`` random play-throughs of ``sc`` from ``random.Random(seed)``, each one's words counted.

    With ``budget``, stop early once the runs have taken that many decisions in all (a very long
    story: its runs vary little), after at least ``MIN_RUNS`` runs.
    """
    walker = Walker(sc, catalogue)
    rnd = random.Random(seed).random
    m = Measure(sc.id, sc.file, 0, seed, parts={k: [] for k in PARTS})
    total = 0
    for i in range(runs):
        if budget is not None and total >= budget and i >= MIN_RUNS:
            break
        played = walker.play(rnd)
        if played is None:  # a loop: randomtest reports it; it has no length to measure
            continue
        parts, decisions = played
        total += decisions
        m.runs += 1
        m.words.append(sum(parts.values()))
        m.decisions.append(decisions)
        for k, v in parts.items():
            m.parts[k].append(v)
    return m


def measure_scenario(sc: Scenario, catalogue: Catalogue | None, report: Report, runs: int = CHECK_RUNS, seed: int = SEED) -> None:
    """Measure a checked scenario's minutes into ``sc.measured_minutes`` (what the menu shows);
    TYG051 when the author's ``minutes:`` is more than ``TOLERANCE`` away from the measurement."""
    m = measure(sc, catalogue, runs, seed, CHECK_BUDGET)
    sc.measured_minutes = m.minutes
    if sc.minutes is None or m.minutes is None:
        return
    exact = statistics.median(seconds(w, d) for w, d in zip(m.words, m.decisions)) / 60
    if abs(sc.minutes - exact) > TOLERANCE * exact:
        report.add(
            "TYG051",
            sc.minutes_loc or sc.loc,
            f"minutes: {sc.minutes} is more than {TOLERANCE:.0%} away from the measured {exact:.1f} "
            f"(median of {m.runs} random play-throughs: {m.median:g} words at {WORDS_PER_MINUTE} a minute and "
            f"{SECONDS_PER_DECISION} s a decision); the menu shows {m.minutes}: write {m.minutes}, or leave 'minutes' out",
        )


def render_text(measures: list[Measure], runs: int, seed: int) -> str:
    out = [f"words on screen per play-through: {runs} random runs per story, seed {seed}"]
    width = max((len(m.id) for m in measures), default=5)
    out.append(f"  {'story':<{width}}  {'median':>6}  {'min':>5}  {'max':>5}  {'minutes':>7}   median by part")
    for m in measures:
        by_part = ", ".join(f"{k} {statistics.median(v):g}" for k, v in m.parts.items() if v)
        minutes = "-" if m.minutes is None else str(m.minutes)
        out.append(
            f"  {m.id:<{width}}  {m.median:>6g}  {min(m.words, default=0):>5}  {max(m.words, default=0):>5}  {minutes:>7}   {by_part}"
        )
    out.append(f"minutes: the median run's words at {WORDS_PER_MINUTE} a minute plus {SECONDS_PER_DECISION} s a decision")
    return "\n".join(out)


def cmd_words(args: argparse.Namespace) -> int:
    from tyg.cli import _paths, _print_report

    if args.runs is not None and args.runs < 1:
        print("--runs must be at least 1", file=sys.stderr)
        return 2
    # By default the build's own measurement, so the minutes printed are the menu's.
    runs, budget = (args.runs, None) if args.runs else (RUNS, CHECK_BUDGET)
    source, _ = _paths(args)
    checked = pipeline.check(source)
    if not checked.ok or checked.project is None:
        _print_report(checked, args.format)
        return 1
    started = time.perf_counter()
    measures = [measure(sc, checked.project.catalogue, runs, args.seed, budget) for sc in checked.project.scenarios]
    took = time.perf_counter() - started
    if args.format == "json":
        doc = {
            "runs_per_scenario": runs,
            "seed": args.seed,
            "words_per_minute": WORDS_PER_MINUTE,
            "seconds_per_decision": SECONDS_PER_DECISION,
            "seconds": round(took, 3),
            "scenarios": [m.to_json() for m in measures],
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        print(render_text(measures, runs, args.seed))
    return 0
