"""Scenarios in the terminal, with the reference interpreter: ``play --text`` and ``transcript``.

``play --text`` is for authors trying a story and for players who use a
screen reader: plain lines only (no colour codes, no cursor movement, no
drawings), numbered menus answered by a number and Enter. Story lines print
at once; it waits only at a decision, after each feedback ("Press Enter to
go on") and at the ending. ``q`` quits at any prompt, and so does the end
of input (Ctrl-D).

``transcript SCENARIO --path a,b,c`` prints what one path shows, as text
with the YAML line of everything, or as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NamedTuple, TextIO

from tyg.compile import pipeline
from tyg.i18n.apply import N_, ui
from tyg.play.interpret import PathError, Run, Tables, Transcript, play
from tyg.compile.nodes import LEARNING_SECTIONS, Catalogue, Choice, Discuss, Ending, Project, Scenario, walk_steps

#: Section headings as the feedback screen shows them (game/screens.rpy, tyg_feedback_sections).
HEADINGS = {
    "red_flags": N_("Red flags"),
    "safe_actions": N_("Safe actions"),
    "upstander_steps": N_("Being an upstander"),
    "key_messages": N_("Remember"),
    "adult_actions": N_("What helps, as an adult"),
}
#: What the ending screen calls each kind of ending (game/tyg_menus.rpy).
ENDING_KINDS = {
    "safe": N_("You stayed safe"),
    "supported": N_("You got support"),
    "upstander": N_("You helped others"),
    "learning": N_("Still time to act"),
}
NOT_YOUR_FAULT = N_("It is not your fault. The blame lies with the person who pressures or threatens.")
QUIT_WORDS = {"q", "quit", "exit"}


def menu_order(project: Project) -> list[Scenario]:
    """Scenarios as the game's main menu lists them."""
    return sorted(project.scenarios, key=lambda sc: (sc.order is None, sc.order or 0, sc.id))


def _items(catalogue: Catalogue | None, section: str, ids) -> list:
    if catalogue is None:
        return []
    by_id = {i.id: i for i in catalogue.section(section)}
    return [by_id[r.id] for r in ids if r.id in by_id]


def feedback_lines(choice: Choice, catalogue: Catalogue | None, card: tuple | None = None) -> list[str]:
    """Everything the feedback screen shows after ``choice``, in the same order, as plain lines.

    ``card`` is the transcript's record of this card (``Transcript.cards``): an item met
    earlier in the play-through shows its name only. Without it, every item is explained.
    """
    fb = choice.feedback
    if fb is None:
        return [ui("(This choice has no feedback.)")]
    brief = {(key, id_) for key, id_, explained in card or () if not explained}

    def section_lines(key: str) -> list[str]:
        items = _items(catalogue, key, fb.teaches.get(key, []))
        if not items:
            return []
        return [ui("{heading}:", heading=ui(HEADINGS.get(key, key)))] + [
            f"- {i.name.value}" if (key, i.id) in brief else f"- {i.name.value}: {i.explain.value}" for i in items
        ]

    out = [ui("Feedback: {title}", title=fb.title.value), fb.happened.value, *section_lines("red_flags")]
    out.append(ui("Why it matters: {why}", why=fb.why.value))
    if fb.safer:
        out.append(ui("The safer move: {safer}", safer=fb.safer.value))
    for section in LEARNING_SECTIONS:
        if section.key != "red_flags":
            out += section_lines(section.key)
    return out


class Journal(NamedTuple):
    """What the ending screen sums up from a play-through (catalogue items, in the game's order)."""

    spotted: list  # red flags named by a safer choice
    missed: list  # red flags met, never on a safer choice
    taken: list  # safe actions of safer choices
    takeaways: list  # three key messages: those met first, then the catalogue's own


def journal(t: Transcript, tables: Tables, catalogue: Catalogue) -> Journal:
    """The play-through's summary, worked out as the game's journal does (TygJournal, game/tyg_runtime.rpy)."""
    state: dict[str, str] = {}
    taken: list[str] = []
    messages: list[str] = []
    for cid in t.feedback:
        c = tables.choices[cid]
        fb = c.feedback
        for r in fb.teaches.get("red_flags", ()):
            state[r.id] = "spotted" if c.kind == "safer" or state.get(r.id) == "spotted" else "missed"
        for r in fb.teaches.get("safe_actions", ()):
            if c.kind == "safer" and r.id not in taken:
                taken.append(r.id)
        for r in fb.teaches.get("key_messages", ()):
            if r.id not in messages:
                messages.append(r.id)
    flags = {i.id: i for i in catalogue.red_flags}
    actions = {i.id: i for i in catalogue.safe_actions}
    known = {i.id: i for i in catalogue.key_messages}
    ids = [m for m in messages if m in known] + [i.id for i in catalogue.key_messages if i.id not in messages]
    return Journal(
        [flags[f] for f, st in state.items() if st == "spotted" and f in flags],
        [flags[f] for f, st in state.items() if st == "missed" and f in flags],
        [actions[a] for a in taken if a in actions],
        [known[m] for m in ids[:3]],
    )


def journal_lines(t: Transcript, tables: Tables, catalogue: Catalogue | None) -> list[str]:
    """The ending screen's summary of the play-through (``journal``) as plain lines."""
    if catalogue is None:
        return []
    j = journal(t, tables, catalogue)
    out: list[str] = []
    for heading, items in (
        (ui("Red flags you spotted"), j.spotted),
        (ui("Red flags to watch for next time"), j.missed),
        (ui("Safe actions you took"), j.taken),
    ):
        if items:
            out += [ui("{heading}:", heading=heading), ", ".join(i.name.value for i in items)]
    out.append(ui("{heading}:", heading=ui("Three things to remember")))
    out += [f"- {i.name.value}: {i.explain.value}" for i in j.takeaways]
    return out


def ending_lines(ending: Ending, catalogue: Catalogue | None, journal: list[str] = ()) -> list[str]:
    """The ending screen as plain lines: kind, title, summary, not your fault, the play-through's
    summary (``journal_lines``), and help with ways to reach it."""
    out = [
        ui("The end: {kind}.", kind=ui(ENDING_KINDS.get(ending.kind, ending.kind))),
        ending.title.value,
        ending.summary.value,
        ui(NOT_YOUR_FAULT),
        *journal,
        ui("{heading}:", heading=ui("Where to get help")),
    ]
    resources = {r.id: r for r in catalogue.resources} if catalogue else {}
    for ref in ending.resources:
        r = resources.get(ref.id)
        if r is None:
            out.append(f"- {ref.id}")
            continue
        out.append(f"- {r.name.value}: {r.explain.value}")
        if r.phone:
            out.append("  " + ui("Call {phone}", phone=r.phone))
        if r.sms:
            out.append(f"  {r.sms}")
        if r.url:
            out.append(f"  {r.url}")
    return out


def shown_line(who: str | None, text: str, kind: str) -> str:
    """One story line as printed: narration and prompts bare, speech after the name, messages marked."""
    if who is None:
        return text
    return ui("{name} (message): {text}", name=who, text=text) if kind == "chat" else f"{who}: {text}"


# ------------------------------------------------------------------ play --text


class Quit(Exception):
    """The player typed q, or the input ended."""


class Terminal:
    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin, self.stdout = stdin, stdout

    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(line + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        answer = self.stdin.readline()
        if not answer:  # end of input (Ctrl-D)
            self.stdout.write("\n")
            raise Quit
        answer = answer.strip()
        if answer.lower() in QUIT_WORDS:
            raise Quit
        return answer

    def number(self, options: list[str], question: str) -> int:
        """Show numbered options and return the 0-based index of the one picked."""
        for n, text in enumerate(options, 1):
            self.say(f"{n}. {text}")
        last = len(options)
        span = "1" if last == 1 else ui("1 or 2") if last == 2 else ui("1 to {last}", last=last)
        while True:
            answer = self.ask(ui("{question} ({numbers}, q to quit): ", question=question, numbers=span))
            if answer.isdigit() and 1 <= int(answer) <= last:
                return int(answer) - 1
            self.say(ui("Please type {numbers} and press Enter, or q to quit.", numbers=span))

    def pause(self) -> None:
        self.ask(ui("Press Enter to go on (q to quit): "))


def _play_story(term: Terminal, sc: Scenario, catalogue: Catalogue | None) -> None:
    term.say(
        "", sc.title.value, ui("You play {name}, {age}.", name=sc.player_name.value, age=sc.player_age),
        ui("Before you start: {note}", note=sc.content_note.value), "",
    )
    tables = Tables(sc)
    run = Run(sc, tables)
    t = run.t
    printed = 0
    while True:
        shown = run.advance()
        # Lines print as they come; the decision's prompt is printed with its menu below.
        prompt = tables.scenes[run.here].prompt if shown is not None else None
        upto = len(t.lines) - (1 if prompt else 0)
        for i in range(printed, upto):
            term.say(shown_line(*t.lines[i], t.kinds[i]))
        printed = len(t.lines)
        if shown is None:
            break
        term.say("", prompt[0] if prompt else ui("What do you do?"))
        pick = shown[term.number([c.text.value for c in shown], ui("Your choice?"))]
        run.choose(pick)
        term.say("", ui("You chose: {choice}", choice=pick.text.value), *feedback_lines(pick, catalogue, t.cards[-1]))
        term.pause()
        term.say("")
    term.say("", *ending_lines(tables.endings[t.ending or ""], catalogue, journal_lines(t, tables, catalogue)), "")


def play_text(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    from tyg.cli import _paths

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if hasattr(stdout, "reconfigure"):
        stdout.reconfigure(errors="replace")  # a terminal without emoji shows '?' rather than failing
    source, _ = _paths(args)
    result = pipeline.check(source)
    if result.report.items:
        print(result.report.render_text(), file=sys.stderr)
    if not result.ok or result.project is None:
        return 1
    from tyg.i18n.command import use_language

    problem = use_language(result, source, getattr(args, "lang", None))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    stories = menu_order(result.project)
    if not stories:
        print(f"no scenarios in {source}", file=sys.stderr)
        return 1
    catalogue = result.project.catalogue
    chosen: Scenario | None = None
    if args.scenario:
        chosen = next((sc for sc in stories if sc.id == args.scenario), None)
        if chosen is None:
            print(f"unknown scenario '{args.scenario}'; known: {', '.join(sc.id for sc in stories)}", file=sys.stderr)
            return 2
    term = Terminal(stdin, stdout)
    try:
        term.say(ui("Trust Your Gut, in the terminal."), ui("Type a number and press Enter to choose. Type q and Enter to quit at any time."))
        while True:
            if chosen is None:
                term.say("", ui("Stories:"))
                options = [
                    ui("{title}. Play as {name}, {age}, about {minutes} minutes.", title=sc.title.value, name=sc.player_name.value, age=sc.player_age, minutes=sc.measured_minutes or sc.minutes)
                    if sc.measured_minutes or sc.minutes  # measured by the build (play/words.py)
                    else ui("{title}. Play as {name}, {age}.", title=sc.title.value, name=sc.player_name.value, age=sc.player_age)
                    for sc in stories
                ]
                chosen = stories[term.number(options, ui("Which story?"))]
            _play_story(term, chosen, catalogue)
            term.say(ui("What next?"))
            nxt = term.number([ui("Play this story again"), ui("Choose another story"), ui("Quit")], ui("Your choice?"))
            if nxt == 2:
                raise Quit
            if nxt == 1:
                chosen = None
    except Quit:
        term.say(ui("Goodbye. Help is always listed at the end of every story."))
    except BrokenPipeError:  # the output was closed (e.g. piped into head): stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
    return 0


# ------------------------------------------------------------------ transcript


def _discussions(sc: Scenario) -> dict[str, Discuss]:
    return {st.id: st for s in sc.scenes for st in walk_steps(s.steps) if isinstance(st, Discuss)}


def _loc_json(loc) -> dict:
    return {"file": loc.file, "line": loc.line, "column": loc.col}


def _resource_json(rid: str, r) -> dict:
    if r is None:
        return {"id": rid}
    return {"id": rid, "name": r.name.value, "country": r.country, "phone": r.phone, "sms": r.sms, "url": r.url}


def transcript_json(sc: Scenario, catalogue: Catalogue | None, t: Transcript) -> dict:
    """The transcript as data: every event in order, each with its place in the YAML."""
    tables = Tables(sc)
    talks = _discussions(sc)
    events: list[dict] = []
    cards = iter(t.cards)
    for ev in t.walk():
        kind = ev[0]
        if kind == "scene":
            events.append({"type": "scene", "id": ev[1], **_loc_json(tables.scenes[ev[1]].loc)})
        elif kind == "line":
            i = ev[1]
            who, text = t.lines[i]
            events.append({"type": "line", "kind": t.kinds[i], "who": who, "text": text, **_loc_json(t.locs[i])})
        elif kind == "discuss":
            d = talks[ev[1]]
            events.append({"type": "discuss", "id": d.id, "question": d.question.value, **_loc_json(d.loc)})
        elif kind == "decision":
            k = ev[1]
            cid, number = t.choices[k]
            events.append(
                {
                    "type": "menu",
                    "choices": [
                        {"number": n, "id": c, "text": tables.choices[c].text.value, **_loc_json(tables.choices[c].loc)}
                        for n, c in enumerate(t.shown[k], 1)
                    ],
                }
            )
            choice = tables.choices[cid]
            events.append({"type": "choice", "id": cid, "number": number, **_loc_json(choice.loc)})
            fb = choice.feedback
            if fb is not None:
                card = next(cards)
                events.append(
                    {
                        "type": "feedback",
                        "choice": cid,
                        "title": fb.title.value,
                        "happened": fb.happened.value,
                        "why": fb.why.value,
                        "safer": fb.safer.value if fb.safer else None,
                        **{s.key: [r.id for r in fb.teaches.get(s.key, [])] for s in LEARNING_SECTIONS},
                        # Items met earlier in this play-through: shown by name only, the explanation folded.
                        "folded": [{"section": key, "id": id_} for key, id_, explained in card if not explained],
                        **_loc_json(fb.loc),
                    }
                )
        elif kind == "ending":
            e = tables.endings[ev[1]]
            resources = {r.id: r for r in catalogue.resources} if catalogue else {}
            events.append(
                {
                    "type": "ending",
                    "id": e.id,
                    "kind": e.kind,
                    "title": e.title.value,
                    "summary": e.summary.value,
                    "not_your_fault": NOT_YOUR_FAULT,
                    "resources": [
                        _resource_json(rid, resources.get(rid)) for rid in t.resources
                    ],
                    **_loc_json(e.loc),
                }
            )
    return {
        "scenario": sc.id,
        "file": sc.file,
        "path": t.path,
        "ending": t.ending,
        "events": events,
        "flags": t.flags,
        "flag_reads": [{"flag": r.flag, "scene": r.scene, "was_set": r.was_set, **_loc_json(r.loc)} for r in t.reads],
    }


def transcript_text(sc: Scenario, catalogue: Catalogue | None, t: Transcript) -> str:
    """The transcript for reading: each line after its YAML line number, decisions and feedback in place."""
    tables = Tables(sc)
    talks = _discussions(sc)
    out = [f"{sc.id}: {sc.title.value} ({sc.file})", f"path: {','.join(t.path) or '(none)'}"]
    cards = iter(t.cards)

    def put(line: int | str, text: str) -> None:
        for k, part in enumerate(text.split("\n")):
            out.append(f"{line if k == 0 else '':>6}  {part}")

    for ev in t.walk():
        kind = ev[0]
        if kind == "scene":
            out.append("")
            put(tables.scenes[ev[1]].loc.line, f"[scene {ev[1]}]")
        elif kind == "line":
            i = ev[1]
            put(t.locs[i].line, shown_line(*t.lines[i], t.kinds[i]))
        elif kind == "discuss":
            d = talks[ev[1]]
            put(d.loc.line, f"[talk about it: {d.id}] {d.question.value}")
        elif kind == "decision":
            k = ev[1]
            cid, number = t.choices[k]
            for n, c in enumerate(t.shown[k], 1):
                mark = "  <- chosen" if n == number else ""
                put(tables.choices[c].loc.line, f"{n}. {tables.choices[c].text.value} [{c}]{mark}")
            choice = tables.choices[cid]
            if choice.feedback is not None:  # the interpreter records a card for every choice with feedback
                lines = feedback_lines(choice, catalogue, next(cards))
                put(choice.feedback.loc.line, lines[0])
                for line in lines[1:]:
                    put("", line)
            else:
                put(choice.loc.line, "(no feedback shown)")
        elif kind == "ending":
            e = tables.endings[ev[1]]
            out.append("")
            put(e.loc.line, f"[ending {e.id}, {e.kind}]")
            for line in ending_lines(e, catalogue, journal_lines(t, tables, catalogue)):
                put("", line)
    unset = t.unset_reads
    if unset:
        out.append("")
        out.append("Flags read before this path set them:")
        out += [f"  {r.loc}: '{r.flag}' in scene '{r.scene}'" for r in unset]
    return "\n".join(out)


def cmd_transcript(args: argparse.Namespace) -> int:
    from tyg.cli import _paths, _print_report

    source, _ = _paths(args)
    result = pipeline.check(source)
    if not result.ok or result.project is None:
        _print_report(result, args.format)
        return 1
    from tyg.i18n.command import use_language

    problem = use_language(result, source, getattr(args, "lang", None))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    sc = next((s for s in result.project.scenarios if s.id == args.scenario), None)
    if sc is None:
        known = ", ".join(s.id for s in menu_order(result.project))
        print(f"unknown scenario '{args.scenario}'; known: {known}", file=sys.stderr)
        return 2
    path = [p.strip() for p in args.path.split(",") if p.strip()]
    try:
        t = play(sc, path)
    except PathError as exc:
        print(f"{exc.located()}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(transcript_json(sc, result.project.catalogue, t), indent=2, ensure_ascii=False))
    else:
        print(transcript_text(sc, result.project.catalogue, t))
    return 0
