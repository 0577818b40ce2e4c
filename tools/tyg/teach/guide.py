"""``build.py guide``: the printable facilitator guide, made from the same YAML as the game.

It writes one self-contained HTML file (``index.html``, stylesheet embedded,
nothing loaded from the network) for a facilitator to print on A4 or Letter:
an introduction with the tone rules, what to do when a young person
discloses and the help resources by country; then for each scenario, in menu
order, its facts, a map of its decisions, its discussion questions, what it
teaches and where, and its endings; then the catalogue's discussion questions
and a glossary of every catalogue item. The same YAML always gives the same
bytes.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Iterator

from tyg.compile import pipeline
from tyg.i18n.apply import G_, current_language, gt, guide_text
from tyg.cli import AUTHOR_ERROR, ENV_ERROR, OK, ROOT, _paths, _print_report
from tyg.compile.nodes import LEARNING_SECTIONS, Catalogue, Discuss, Ending, If, Project, Resource, Scenario, Scene, Step

CSS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "guide.css")

CHOICE_KINDS = {"safer": G_("Safer"), "risky": G_("Risky"), "neutral": G_("Neutral")}
ENDING_KINDS = {
    "safe": G_("the player kept themselves safe"),
    "supported": G_("the player got help from someone"),
    "upstander": G_("the player helped someone else"),
    "learning": G_("things went less well; the ending shows what can still be done"),
}
#: Section headings (the catalogue's sections, as the guide names them).
SECTION_NAMES = {
    "red_flags": G_("Red flags"),
    "safe_actions": G_("Safe actions"),
    "upstander_steps": G_("Upstander steps"),
    "key_messages": G_("Key messages"),
    "adult_actions": G_("Adult actions"),
}
AUDIENCES = {"teen": G_("Teens"), "adult": G_("Adults: parents, carers, teachers, youth workers")}
COUNTRIES = {
    "INT": G_("Anywhere"),
    "US": G_("United States"),
    "GB": G_("United Kingdom"),
    "IE": G_("Ireland"),
    "CA": G_("Canada"),
    "AU": G_("Australia"),
    "NZ": G_("New Zealand"),
}


def esc(s: str) -> str:
    return html.escape(s, quote=True)


# ---------------------------------------------------------------- author prose

_ITEM = re.compile(r"^(?:[-*]|(\d+)[.)])\s+")


def prose(text: str) -> str:
    """Facilitator notes as HTML: YAML line wraps joined, ``-`` and ``1.`` lines as lists.

    A line ending in ``:`` ends its paragraph (it introduces what follows);
    an indented line continues the list item above it.
    """
    out: list[str] = []
    para: list[str] = []
    items: list[str] = []
    kind = ""
    start = 1

    def flush_para() -> None:
        if para:
            out.append(f"<p>{esc(' '.join(para))}</p>")
            para.clear()

    def flush_list() -> None:
        nonlocal kind
        if items:
            attr = f' start="{start}"' if kind == "ol" and start != 1 else ""
            out.append(f"<{kind}{attr}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{kind}>")
            items.clear()
        kind = ""

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush_para()
            flush_list()
            continue
        m = _ITEM.match(line)
        if m:
            flush_para()
            this = "ol" if m.group(1) else "ul"
            if this != kind:
                flush_list()
                kind, start = this, int(m.group(1) or 1)
            items.append(line[m.end():].strip())
        elif items and line[0].isspace():
            items[-1] += " " + line.strip()
        else:
            flush_list()
            if line.endswith(":") and para and para[-1].endswith((".", "!", "?", ")", '"')):
                flush_para()  # "Points to stress:" after a finished sentence starts afresh
            para.append(line.strip())
            if line.endswith(":"):
                flush_para()
    flush_para()
    flush_list()
    return "".join(out)


# ---------------------------------------------------------------- one scenario's map


def _discussions(steps: list[Step], nested: bool = False) -> Iterator[tuple[Discuss, bool]]:
    """Every discuss step, in order, and whether it sits inside an if (so only some paths see it)."""
    for st in steps:
        if isinstance(st, Discuss):
            yield st, nested
        elif isinstance(st, If):
            yield from _discussions(st.then, True)
            yield from _discussions(st.otherwise, True)


@dataclass
class Placed:
    """A discuss step, numbered within its scenario, and the scene it is in."""

    number: int
    step: Discuss
    scene: Scene
    some_paths: bool


@dataclass
class StoryMap:
    """A scenario seen as decisions: scenes with choices, numbered in file order.

    Scenes without choices (passages) are followed through to the decisions
    or endings they lead to, so a choice's destination is always something
    a facilitator can find in the map.
    """

    sc: Scenario
    number: dict[str, int] = field(default_factory=dict)  # decision scene id -> 1, 2, ...
    scenes: dict[str, Scene] = field(default_factory=dict)
    endings: dict[str, Ending] = field(default_factory=dict)
    comes_after: dict[str, list[int]] = field(default_factory=dict)  # scene or ending id -> decisions just before (0: the start)
    discussions: list[Placed] = field(default_factory=list)

    @classmethod
    def of(cls, sc: Scenario) -> "StoryMap":
        m = cls(sc)
        m.scenes = {s.id: s for s in sc.scenes}
        m.endings = {e.id: e for e in sc.endings}
        m.number = {s.id: n for n, s in enumerate((s for s in sc.scenes if s.choices), 1)}
        start = sc.start.id if sc.start else (sc.scenes[0].id if sc.scenes else None)
        if start is not None:
            m._arrive(0, start)
        for s in sc.scenes:
            for c in s.choices:
                m._arrive(m.number[s.id], c.goto.id)
        for s in sc.scenes:
            for st, nested in _discussions(s.steps):
                m.discussions.append(Placed(len(m.discussions) + 1, st, s, nested))
        return m

    def _arrive(self, decision: int, target: str) -> None:
        passed, found, _ = self.follow(target)
        for node in passed + found:
            after = self.comes_after.setdefault(node, [])
            if decision not in after:
                after.append(decision)

    def follow(self, target: str) -> tuple[list[str], list[str], bool]:
        """Where ``target`` leads: the passages on the way, the decisions and endings
        reached (in branch order), and whether earlier choices decide between them."""
        passed: list[str] = []
        found: list[str] = []
        branching = False
        seen: set[str] = set()
        todo = [target]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            if node in self.number or node in self.endings:
                found.append(node)
                continue
            scene = self.scenes.get(node)
            if scene is None:
                continue
            passed.append(node)
            branching = branching or len(scene.goto) > 1
            todo.extend(reversed([b.target.id for b in scene.goto]))
        return passed, found, branching

    @property
    def home(self) -> str:
        """The scenario's anchor. Ids never hold a hyphen, so "s-" anchors cannot meet the guide's own."""
        return f"s-{self.sc.id}"

    def question_anchor(self, number: int) -> str:
        return f"{self.home}-q{number}"

    def anchor(self, node: str) -> str:
        if node in self.number:
            return f"{self.home}-d{self.number[node]}"
        return f"{self.home}-end-{node}"

    def link(self, node: str, with_title: bool = True) -> str:
        """A link to a decision or ending, named as the map names it."""
        if node in self.number:
            scene = self.scenes[node]
            label = gt("Decision {number}", number=self.number[node])
            title = f": {esc(scene.prompt.value)}" if with_title and scene.prompt else ""
        else:
            label = gt("Ending")
            title = f": {esc(self.endings[node].title.value)}" if with_title else ""
        return f'<a href="#{esc(self.anchor(node))}">{label}</a>{title}'

    def after_words(self, node: str) -> str:
        """Which decisions come just before ``node``, in words."""
        before = self.comes_after.get(node, [])
        if before == [0]:
            return gt("at the start")
        parts = [gt("the start") if d == 0 else gt("Decision {number}", number=d) for d in before]
        return gt("after {places}", places=_either(parts)) if parts else gt("on no path from the start")

    def choice_ref(self, scene: Scene, index: int) -> str:
        """A choice's short name in the map: its decision's number and a letter (4b)."""
        return f"{self.number[scene.id]}{_letter(index)}"

    def where(self, scene: Scene) -> str:
        """Where a scene sits in the story, in the map's own terms."""
        if scene.id in self.number:
            return gt("At {decision}, before the choice", decision=self.link(scene.id, False))
        found: list[str] = []
        for b in scene.goto:
            found.extend(f for f in self.follow(b.target.id)[1] if f not in found)
        before = _either([self.link(f, False) if f in self.number else gt("the ending") for f in found])
        return gt("{after}, before {next}", after=_upper_first(self.after_words(scene.id)), next=before)


def _letter(index: int) -> str:
    """a, b, ... z, then aa, ab, ... (a scene may offer more than 26 choices)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _sentence(s: str) -> str:
    """A name used as a lead-in: ends with a full stop unless it already ends a sentence."""
    return s if s.endswith((".", "!", "?", ":")) else s + "."


def _upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def _either(parts: list[str]) -> str:
    parts = list(dict.fromkeys(parts))
    if len(parts) <= 1:
        return "".join(parts)
    return gt("{some} or {last}", some=", ".join(parts[:-1]), last=parts[-1])


# ---------------------------------------------------------------- the document


def _resource_contact(r: Resource) -> str:
    bits = []
    if r.phone:
        bits.append(gt("<li>Phone: {phone}</li>", phone=esc(r.phone)))
    if r.sms:  # often written as an instruction already: "Text HOME to 741741"
        bits.append(f"<li>{esc(r.sms)}</li>" if r.sms.lower().startswith("text") else gt("<li>Text: {sms}</li>", sms=esc(r.sms)))
    if r.url:
        bits.append(gt("<li>Web: {url}</li>", url=esc(r.url)))
    return '<ul class="contact">' + "".join(bits) + "</ul>"


def _menu_order(project: Project) -> list[Scenario]:
    """The main menu's order (as lower.lower_index sorts it)."""
    return sorted(project.scenarios, key=lambda sc: (sc.order is None, sc.order or 0, sc.id))


def _minutes(sc: Scenario) -> str:
    minutes = sc.measured_minutes or sc.minutes  # measured by the build (play/words.py)
    return gt("about {minutes} minutes", minutes=minutes) if minutes else gt("not given")


class Guide:
    """Builds the HTML text, part by part."""

    def __init__(self, project: Project) -> None:
        assert project.catalogue is not None  # pipeline.check reports TYG023 otherwise
        self.cat: Catalogue = project.catalogue
        self.scenarios = _menu_order(project)
        self.maps = {sc.id: StoryMap.of(sc) for sc in self.scenarios}
        self.resources = {r.id: r for r in self.cat.resources}
        self.out: list[str] = []

    def w(self, *parts: str) -> None:
        # The guide's own prose is translated piece by piece: each fixed string given to w()
        # is a PO entry (context "guide", tyg/i18n/messages.py); the story's text comes translated.
        self.out.extend(guide_text(p) for p in parts)

    def render(self) -> str:
        css = open(CSS_FILE, encoding="utf-8").read()
        self.w(
            "<!DOCTYPE html>\n",
            f'<html lang="{current_language()}">\n<head>\n<meta charset="utf-8">\n',
            # Nothing may load from anywhere: no scripts, fonts or images.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            "<title>Trust Your Gut: facilitator guide</title>\n",
            f"<style>\n{css}</style>\n</head>\n<body>\n",
        )
        self.intro()
        self.disclosure()
        self.help_resources()  # straight after: someone who discloses needs these contacts
        for sc in self.scenarios:
            self.scenario(self.maps[sc.id])
        self.questions()
        self.glossary()
        self.w("</body>\n</html>\n")
        return "".join(self.out)

    # ------------------------------------------------------------ intro

    def intro(self) -> None:
        self.w(
            '<header>\n<h1>Trust Your Gut</h1>\n<p class="subtitle">Facilitator guide</p>\n</header>\n',
            "<h3>What the game is</h3>\n",
            "<p>Trust Your Gut is a short story game about sextortion: when someone tricks or pressures a young person "
            "into sharing nudes, then threatens to share them unless they pay or send more. The player makes the "
            "decisions. After every decision a feedback card shows what happened, the red flags, and the safer move. "
            "Every ending leads to help. Nothing explicit is shown, and the game never blames the player. "
            "It runs offline and sends nothing anywhere.</p>\n",
            "<h3>Who it is for</h3>\n",
            "<p>Young people of about 11 to 16, playing alone or in a group led by a teacher, youth worker or parent. "
            "One story is for adults: it shows how to respond when a young person tells you something has happened. "
            "This guide is for the adult leading a session. It is made from the same files as the game, so it always "
            "matches it.</p>\n",
            '<h3>The stories</h3>\n<table class="stories">\n<thead><tr><th>Story</th><th>You play</th>'
            "<th>Time</th><th>For</th></tr></thead>\n<tbody>\n",
        )
        for sc in self.scenarios:
            self.w(
                f'<tr><td><a href="#{esc(self.maps[sc.id].home)}">{esc(sc.title.value)}</a></td>'
                f'<td class="nowrap">{esc(sc.player_name.value)}, {sc.player_age}</td>'
                f'<td class="nowrap">{f"{sc.measured_minutes or sc.minutes} min" if sc.measured_minutes or sc.minutes else ""}</td>'
                f"<td>{esc(gt(AUDIENCES.get(sc.audience, sc.audience)))}</td></tr>\n"
            )
        self.w(
            "</tbody>\n</table>\n",
            "<h3>In this guide</h3>\n<ul>\n",
            '<li><a href="#discloses">If a young person discloses</a>: what to do in the first minutes.</li>\n',
            "<li>Each story: its content note, a map of every decision, the discussion questions with notes for you, "
            "what it teaches and where, and its endings.</li>\n",
            '<li><a href="#questions">The six discussion questions</a>, a <a href="#glossary">glossary</a> of '
            'everything the game teaches, and <a href="#help">help resources</a> by country.</li>\n',
            "</ul>\n",
            '<section class="part" id="session">\n<h2>Running a session</h2>\n<ol>\n',
            "<li><b>Before:</b> play the story yourself, and read its content note, its map of decisions and its "
            "discussion questions in this guide. Know who your safeguarding lead is and where local help is.</li>\n",
            "<li><b>Which edition:</b> the same stories come as a desktop game (Windows, macOS, Linux: unzip "
            "and run) and as a web edition, one file that opens in any browser, on a Chromebook, a phone or a "
            "borrowed laptop, from a USB stick or a shared drive. Neither needs the internet; both have "
            "facilitator mode, the quick exit and the same help. On shared computers use lab mode (the lab "
            "build, or the web file opened with <code>?lab=1</code>): nothing is kept.</li>\n",
            "<li><b>Start:</b> read the content note to the group. Say that anyone can step out, and where help is. "
            "Say that nobody will be asked about their own life.</li>\n",
            "<li><b>Facilitator mode:</b> switch it on from the main menu or in Settings. The game then stops at each "
            "discussion point on a &ldquo;Talk about it&rdquo; card. The notes for you are printed here too, "
            "so you can keep them off the projector.</li>\n",
            "<li><b>Decisions:</b> let the group vote, then read the feedback together. Ask why the safer move "
            "helps. Allow about twice the playing time for talk.</li>\n",
            "<li><b>End:</b> read the ending, show the help resources for your country, and say it plainly: "
            "it is not your fault. Stay around afterwards for anyone who wants a quiet word.</li>\n",
            "</ol>\n",
            '<div class="card note">\n<h3 class="first">How to talk about it</h3>\n<ul>\n',
            "<li><b>No blame.</b> The person who tricks, pressures or threatens is responsible. Never the young "
            "person, whatever they sent. Say &ldquo;It is not your fault&rdquo; out loud.</li>\n",
            "<li><b>Talk about the characters, not the people in the room.</b> Ask &ldquo;What could Niko do?&rdquo;, "
            "never &ldquo;Has this happened to you?&rdquo; Don't ask anyone to share their own story in the group; "
            "if someone starts to, thank them and talk privately straight after.</li>\n",
            "<li><b>Feelings are normal.</b> Being excited, curious or flattered is normal. Nobody is silly for "
            "feeling it.</li>\n",
            "<li><b>No scare tactics.</b> There is always something that can be done: images can be reported and "
            "taken down, and there are people whose job is to help. Never say an image can never go away.</li>\n",
            "<li><b>Plain words.</b> Say &ldquo;sharing nudes&rdquo;, not &ldquo;sexting&rdquo;. Nothing explicit.</li>\n",
            '<li><b>If someone tells you something has happened</b>, see <a href="#discloses">If a young person '
            "discloses</a>, next.</li>\n",
            "</ul>\n</div>\n</section>\n",
        )

    # ------------------------------------------------------------ one scenario

    def scenario(self, m: StoryMap) -> None:
        sc = m.sc
        self.w(
            f'<section class="part scenario" id="{esc(m.home)}">\n<h2>{esc(sc.title.value)}</h2>\n',
            '<table class="facts">\n',
            gt("<tr><th>You play</th><td>{name}, {age}</td></tr>\n", name=esc(sc.player_name.value), age=sc.player_age),
            gt("<tr><th>Time</th><td>{minutes} to play; allow twice that with discussion</td></tr>\n", minutes=_minutes(sc)),
            gt("<tr><th>For</th><td>{audience}</td></tr>\n", audience=esc(gt(AUDIENCES.get(sc.audience, sc.audience)))),
            gt("<tr><th>Summary</th><td>{summary}</td></tr>\n", summary=esc(sc.summary.value)),
        )
        people = [c for c in sc.characters if c.role != "player"]
        if people:
            names = ", ".join(f"{esc(c.name.value)} ({c.role}{f', {c.age}' if c.age else ''})" for c in people)
            self.w(gt("<tr><th>People</th><td>{names}</td></tr>\n", names=names))
        self.w(
            "</table>\n",
            gt('<div class="card note"><p><span class="tag">Content note</span><br>{note}</p></div>\n', note=esc(sc.content_note.value)),
        )
        self.decision_map(m)
        self.discussions(m)
        self.teaching(m)
        self.endings(m)
        self.w("</section>\n")

    def decision_map(self, m: StoryMap) -> None:
        sc = m.sc
        n = len(m.number)
        self.w(
            '<div class="with-next">\n<h3>Map of the decisions</h3>\n',
            f'<p class="small">{n} decision{"s" * (n != 1)}, in story order. Each choice has a letter: 2b is the '
            "second choice at Decision 2. Kind says what sort of choice it is; players do not see it. "
            "&ldquo;Leads to&rdquo; is the next decision or ending the choice reaches.</p>\n</div>\n",
        )
        from tyg.author.drawing import svg_for_guide  # the same picture as build.py graph

        svg = svg_for_guide(sc)
        if svg:
            self.w(
                '<figure class="story-map">\n', svg,
                '<figcaption>The whole story as a picture: green arrows are safer choices, red dashed ones risky, '
                "grey neutral; a yellow note is a discussion prompt; endings are coloured by kind.</figcaption>\n</figure>\n",
            )
        asked_at: dict[str, list[Placed]] = {}
        for p in m.discussions:
            asked_at.setdefault(p.scene.id, []).append(p)
        for scene in sc.scenes:
            if scene.id not in m.number:
                continue
            prompt = f": {esc(scene.prompt.value)}" if scene.prompt else ""
            meta = [esc(_upper_first(m.after_words(scene.id))), gt("scene <code>{scene}</code>", scene=esc(scene.id))]
            talk = asked_at.get(scene.id, [])
            if talk:
                links = gt(" and ").join(f'<a href="#{esc(m.question_anchor(p.number))}">' + gt("Question {number}", number=p.number) + "</a>" for p in talk)
                meta.append(gt("<b>talk about {questions} first</b>", questions=links))
            self.w(
                f'<div class="card decision" id="{esc(m.anchor(scene.id))}">\n',
                "<h4>" + gt("Decision {number}", number=m.number[scene.id]) + f"{prompt}</h4>\n",
                f'<p class="meta">{" &middot; ".join(meta)}</p>\n',
                '<table class="choices">\n<thead><tr><th></th><th>Choice</th><th>Kind</th><th>Leads to</th></tr>'
                "</thead>\n<tbody>\n",
            )
            for i, c in enumerate(scene.choices):
                extra = ""
                if c.cond is not None:
                    extra += gt('<div class="cond">Offered only on some paths.</div>')
                if c.feedback is not None:
                    extra += gt('<div class="feedback">Feedback: {title}</div>', title=esc(c.feedback.title.value))
                _, found, branching = m.follow(c.goto.id)
                leads = "<br>".join(m.link(f) for f in found) or gt("nowhere")
                if branching and len(found) > 1:
                    leads = gt('<span class="small">One of these, by earlier choices:</span><br>{leads}', leads=leads)
                self.w(
                    f'<tr><td class="ref">{m.choice_ref(scene, i)}</td><td class="choice">{esc(c.text.value)}{extra}</td>'
                    f'<td class="kind">{esc(gt(CHOICE_KINDS.get(c.kind, c.kind)))}</td><td class="leads">{leads}</td></tr>\n'
                )
            self.w("</tbody>\n</table>\n</div>\n")

    def discussions(self, m: StoryMap) -> None:
        if not m.discussions:
            return
        by_id = {q.id: q for q in self.cat.discussion_questions}
        for p in m.discussions:
            if p.number == 1:
                self.w('<div class="with-next"><h3>Discussion questions</h3></div>\n')
            where = m.where(p.scene) + (gt(" (only on some paths)") if p.some_paths else "")
            self.w(
                f'<div class="card discussion" id="{esc(m.question_anchor(p.number))}">\n',
                "<h4>" + gt("Question {number}", number=p.number) + "</h4>\n",
                f'<p class="meta">{where} &middot; ' + gt("scene <code>{scene}</code>", scene=esc(p.scene.id)) + "</p>\n",
                f'<p class="question">{esc(p.step.question.value)}</p>\n',
            )
            asked = by_id.get(p.step.asks.id) if p.step.asks else None
            if asked is not None:
                self.w(
                    f'<p class="small">This is the guide\'s question <a href="#q-{esc(asked.id)}">'
                    f"&ldquo;{esc(asked.question.value)}&rdquo;</a></p>\n"
                )
            self.w(
                '<p class="tag">Notes for you</p>\n',
                f'<div class="notes">{prose(p.step.notes.value)}</div>\n</div>\n',
            )

    def teaching(self, m: StoryMap) -> None:
        self.w(
            '<div class="with-next">\n<h3>What it teaches, and where</h3>\n',
            '<p class="small">Each item is taught by the feedback after the choices listed, named as in the map '
            '(4b: Decision 4, second choice). The <a href="#glossary">glossary</a> explains every item.</p>\n</div>\n',
        )
        for sec in LEARNING_SECTIONS:
            where: dict[str, list[str]] = {}
            for scene in m.sc.scenes:
                if scene.id not in m.number:
                    continue
                for i, c in enumerate(scene.choices):
                    for ref in c.feedback.teaches.get(sec.key, []) if c.feedback else []:
                        refs = where.setdefault(ref.id, [])
                        link = f'<a href="#{esc(m.anchor(scene.id))}">{m.choice_ref(scene, i)}</a>'
                        if link not in refs:
                            refs.append(link)
            if not where:
                continue
            self.w(
                f'<table class="teach">\n<thead><tr><th class="item">{esc(gt(SECTION_NAMES[sec.key]))}</th>'
                + gt("<th>Taught after choices</th></tr></thead>\n<tbody>\n")
            )
            for item in self.cat.section(sec.key):
                if item.id in where:
                    self.w(
                        f'<tr><td class="item"><a href="#g-{esc(sec.key)}-{esc(item.id)}">{esc(item.name.value)}</a></td>'
                        f'<td>{", ".join(where[item.id])}</td></tr>\n'
                    )
            self.w("</tbody>\n</table>\n")

    def endings(self, m: StoryMap) -> None:
        self.w('<div class="with-next"><h3>Endings</h3></div>\n')
        for e in m.sc.endings:
            helps = "; ".join(esc(self.resources[r.id].name.value) for r in e.resources if r.id in self.resources)
            self.w(
                f'<div class="card ending" id="{esc(m.anchor(e.id))}">\n',
                gt("<h4>Ending: {title}</h4>\n", title=esc(e.title.value)),
                f'<p class="meta"><b>{esc(e.kind)}</b>: {esc(gt(ENDING_KINDS.get(e.kind, "")))} &middot; '
                f"{esc(_upper_first(m.after_words(e.id)))}</p>\n",
                f"<p>{esc(e.summary.value)}</p>\n",
                gt('<p><span class="tag">Help shown:</span> {helps}</p>\n</div>\n', helps=helps),
            )

    # ------------------------------------------------------------ back matter

    def questions(self) -> None:
        self.w(
            '<section class="part" id="questions">\n<h2>The discussion questions</h2>\n',
            "<p>The six questions this guide is built around. Each scenario asks them in its own words, "
            "at the point where they fit the story.</p>\n",
        )
        for n, q in enumerate(self.cat.discussion_questions, 1):
            asked = []
            for sc in self.scenarios:
                m = self.maps[sc.id]
                for p in m.discussions:
                    if p.step.asks is not None and p.step.asks.id == q.id:
                        asked.append(
                            f'<li><a href="#{esc(m.question_anchor(p.number))}">{esc(sc.title.value)}, ' + gt("Question {number}", number=p.number) + '</a>: '
                            f"&ldquo;{esc(p.step.question.value)}&rdquo;</li>"
                        )
            self.w(
                f'<div class="card" id="q-{esc(q.id)}">\n<p class="question">{n}. {esc(q.question.value)}</p>\n',
                gt('<p class="tag">Asked in</p>\n<ul>{questions}</ul>\n', questions="".join(asked)) if asked else "",
                "</div>\n",
            )
        self.w("</section>\n")

    def glossary(self) -> None:
        self.w(
            '<section class="part" id="glossary">\n<h2>Glossary: everything the game teaches</h2>\n',
            "<p>Every item in the game's catalogue, as players read it on the feedback cards.</p>\n",
        )
        for sec in LEARNING_SECTIONS:
            items = self.cat.section(sec.key)
            if not items:
                continue
            self.w(f"<h3>{esc(gt(SECTION_NAMES[sec.key]))}</h3>\n<dl>\n")
            for item in items:
                self.w(
                    f'<div id="g-{esc(sec.key)}-{esc(item.id)}"><dt>{esc(item.name.value)}</dt>'
                    f"<dd>{esc(item.explain.value)}</dd></div>\n"
                )
            self.w("</dl>\n")
        self.w("</section>\n")

    def help_resources(self) -> None:
        self.w(
            '<section class="help" id="help">\n<h2 class="spaced">Help resources</h2>\n',
            "<p>The services the game's endings point to, by country. Check the details for your area before a "
            "session, and have them on the board at the end.</p>\n",
        )
        countries = sorted({r.country for r in self.cat.resources}, key=lambda c: (c != "INT", c))
        for country in countries:
            name = gt(COUNTRIES.get(country, country))
            self.w(f"<h3>{esc(name)}{'' if name == country else f' ({esc(country)})'}</h3>\n")
            for r in self.cat.resources:
                if r.country == country:
                    self.w(
                        f'<div class="card">\n<h4>{esc(r.name.value)}</h4>\n<p>{esc(r.explain.value)}</p>\n',
                        f"{_resource_contact(r)}\n</div>\n",
                    )
        self.w("</section>\n")

    def disclosure(self) -> None:
        """What to do when someone discloses: the catalogue's adult actions, then the details around them."""
        self.w(
            '<section class="part" id="discloses">\n<h2>If a young person discloses</h2>\n',
            '<p class="lead">A session may lead someone to tell you that this is happening to them, or to a friend. '
            "What you do in the first minutes matters most. Whatever happened, it is not their fault. "
            'The contacts are under <a href="#help">Help resources</a>, next.</p>\n',
            '<div class="keep">\n<h3>What helps</h3>\n<ul>\n',
        )
        for item in self.cat.adult_actions:
            self.w(f"<li><b>{esc(_sentence(item.name.value))}</b> {esc(item.explain.value)}</li>\n")
        self.w(
            "</ul>\n</div>\n",
            '<div class="keep">\n<h3>In the moment</h3>\n<ul>\n',
            "<li><b>Listen.</b> Thank them for telling you, and let them tell it their own way. Leave detailed "
            "questions to the police or your safeguarding lead.</li>\n",
            "<li><b>No blame.</b> The blame lies with the person who tricked or threatened them, whether they sent "
            "an image or it was faked or stolen. Don't ask why they did it.</li>\n",
            "<li><b>Don't promise to keep it secret.</b> Tell them who needs to know, why, and what happens next.</li>\n",
            "<li><b>If they told you in front of a group</b>, don't ask for details there. Thank them, and talk "
            "privately straight after.</li>\n",
            "</ul>\n</div>\n",
            '<div class="keep">\n<h3>Images and evidence</h3>\n<ul>\n',
            "<li><b>Don't ask to see the image</b>, and don't copy, forward or save it, not even to show someone "
            "who can help. Tell the police or your safeguarding lead that it exists.</li>\n",
            "<li><b>Don't delete anything.</b> Keep the messages and the account: they are the evidence. "
            "Screenshot the threats and the account name.</li>\n",
            "<li><b>Don't pay, don't send more, stop replying.</b> Paying rarely ends it and often brings more "
            "demands. Don't message the offender yourself.</li>\n",
            "</ul>\n</div>\n",
            '<div class="keep">\n<h3>Report, and get support</h3>\n<ul>\n',
            "<li><b>Report it.</b> Sextortion is a crime. Accounts like this are usually run by adult criminals "
            "pretending to be a girl, often from other countries; in many cases they can be identified and stopped, "
            "and the sooner it is reported, the better. Tell your safeguarding lead the same day (in US schools, often the counselor "
            "or principal), report to the police, and to the NCMEC CyberTipline (US) or CEOP (UK). Report the "
            "account in the app too. If anyone is in danger right now, call the emergency number.</li>\n",
            "<li><b>Get images taken down.</b> Take It Down covers nude or partly nude pictures or videos of a "
            "young person from when they were under 18. It fingerprints a copy they have, on their own device; the "
            "image itself is not uploaded. With no copy (a recording on the offender's side, or a fake they were "
            "only shown), report to the CyberTipline (US) or CEOP (UK), and if a copy ever reaches them, Take It "
            "Down can fingerprint that copy. In the UK, Report Remove from Childline and the IWF also helps.</li>\n",
            "</ul>\n</div>\n",
        )
        self.w("</section>\n")


def render_guide(project: Project) -> str:
    """The whole guide as one HTML document, for a project that checked clean."""
    return Guide(project).render()


def cmd_guide(args: argparse.Namespace) -> int:
    source, _ = _paths(args)
    out = args.out or os.path.join(ROOT, "out", "guide")
    result = pipeline.check(source)
    _print_report(result, args.format)
    if not result.ok or result.project is None or result.project.catalogue is None:
        return AUTHOR_ERROR
    from tyg.i18n.command import use_language

    problem = use_language(result, source, getattr(args, "lang", None))
    if problem:
        print(problem, file=sys.stderr)
        return ENV_ERROR
    text = render_guide(result.project).encode("utf-8")
    path = os.path.join(out, "index.html")
    try:
        os.makedirs(out, exist_ok=True)
        partial = path + ".part"
        with open(partial, "wb") as f:
            f.write(text)
        os.replace(partial, path)
    except OSError as exc:
        print(f"cannot write the guide to {out}: {exc.strerror or exc}", file=sys.stderr)
        return ENV_ERROR
    if args.format == "text":
        n = len(result.project.scenarios)
        shown = os.path.relpath(path)
        shown = path if shown.startswith("..") else shown
        print(f"wrote {shown}: the facilitator guide for {n} scenario{'s' * (n != 1)} ({len(text):,} bytes)")
    return OK
