"""Shared parts of the web edition's tests (tests/test_web*.py): build the page, drive it in Chromium.

The page is built in-process (``web.page.render``) from the real scenarios and the
real player; Playwright drives Debian's chromium (its own browser download cannot
be fetched). ``play_path`` plays one path inside the page by clicking its real
buttons and reads back what the page shows; ``expected`` says what the reference
interpreter shows on the same path, in the same shape, so the two compare as lists.
"""

from __future__ import annotations

import contextlib
import os
import shutil

import pytest

from tyg.compile import pipeline
from tyg.compile.nodes import LEARNING_SECTIONS, Discuss, Project, walk_steps
from tyg.engine.dist import game_version
from tyg.play import interpret
from tyg.web import page as web_page

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")
GAME = os.path.join(ROOT, "game")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover
    sync_playwright = None

needs_browser = pytest.mark.skipif(
    sync_playwright is None or not os.path.exists(CHROMIUM),
    reason="playwright or Debian's chromium is missing (bash tools/setup.sh --test)",
)

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
ENDING_KINDS = {"safe": "You stayed safe", "supported": "You got support", "upstander": "You helped others", "learning": "Still time to act"}


def checked(source: str = SCENARIOS) -> Project:
    result = pipeline.check(source)
    assert result.ok and result.project is not None, result.report.render_text()
    return result.project


def build_page(project: Project, out_dir: str, lab: bool = False, script: str | None = None, name: str = "index.html") -> str:
    config = {"lab": lab, "exit_url": web_page.DEFAULT_EXIT_URL, "country": "US"}
    text = web_page.render(project, GAME, game_version(GAME), config, script=script)
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def url(path: str, query: str = "") -> str:
    return "file://" + path + (("?" + query) if query else "")


@contextlib.contextmanager
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu"])
        try:
            yield b
        finally:
            b.close()


def watched(context, page_errors: list) -> object:
    """A new page whose script errors are collected."""
    pg = context.new_page()
    pg.on("pageerror", lambda e: page_errors.append(str(e)))
    return pg


# ------------------------------------------------------------------ the in-page driver

#: Plays one path by clicking the page's own buttons, and returns what it showed.
#: Arguments: [story number on the menu, choice texts to pick in order, facilitator mode on?].
DRIVER = r"""
([storyIndex, picks, facilitator]) => {
  const $ = (s) => document.querySelector(s);
  const screen = () => document.body.getAttribute("data-screen");
  const text = (e) => (e ? e.textContent : null);
  const shown = [];
  if (screen() === "intro") $("#intro-ok").click();
  if (screen() !== "menu") $("#ending-menu").click();
  const on = $("#menu-facilitator").getAttribute("aria-pressed") === "true";
  if (on !== facilitator) $("#menu-facilitator").click();
  document.querySelectorAll(".story-btn")[storyIndex].click();
  $("#before-start").click();
  let k = 0;
  for (let guard = 0; guard < 100000; guard++) {
    const s = screen();
    if (s === "play" && $("#choices").hidden) {
      if (!$("#say").hidden) {
        const who = text($("#say-who"));
        shown.push(["line", who === "" ? null : who, text($("#say-what"))]);
      } else {
        const cur = $("#chat .current");
        shown.push(["line", text(cur.querySelector(".who")), text(cur.querySelector(".what"))]);
      }
      $("#next").click();
    } else if (s === "play" || s === "vote") {
      const ask = s === "play" ? $("#prompt") : $("#vote-h");
      const buttons = [...document.querySelectorAll(s === "play" ? "#choice-list button" : "#vote-list button")];
      const texts = buttons.map((b) => text(b.querySelector(".text")));
      if (Array.isArray(picks[k])) {
        // A detour: take another choice first, then "See the other choice" on its feedback.
        const d = texts.indexOf(picks[k][0]);
        if (d < 0) { shown.push(["no detour", picks[k][0], texts]); break; }
        picks[k] = picks[k][1];
        buttons[d].click();
        if (screen() !== "feedback" || $("#other-choice").hidden) { shown.push(["no way back", screen()]); break; }
        $("#other-choice").click();
        continue;
      }
      if (ask.getAttribute("data-asked") === "yes") shown.push(["prompt", text(ask)]);
      const n = texts.indexOf(picks[k]) + 1;
      shown.push(["choices", texts, n]);
      if (!n) break;
      k += 1;
      buttons[n - 1].click();
    } else if (s === "feedback") {
      const items = [...document.querySelectorAll("#feedback-flags li, #feedback-sections li")].map((li) => {
        const ex = li.querySelector(".explain");
        return [text(li.querySelector(".item-name")), ex && !ex.hidden ? text(ex) : null];
      });
      shown.push(["feedback", text($("#feedback-h")), text($("#feedback-happened")), text($("#feedback-why")),
                  $("#feedback-safer-box").hidden ? null : text($("#feedback-safer")), items]);
      $("#feedback-continue").click();
    } else if (s === "discuss") {
      const hiddenAtFirst = $("#notes").hidden;
      $("#notes-toggle").click();
      shown.push(["discuss", text($("#discuss-h")), hiddenAtFirst && !$("#notes").hidden ? text($("#notes-text")) : null]);
      $("#discuss-continue").click();
    } else if (s === "ending") {
      const heads = [...document.querySelectorAll("#ending-journal h2")].map(text);
      const lists = [...document.querySelectorAll("#ending-journal ul")].map((u) => [...u.children].map(text));
      shown.push(["ending", text($("#ending-kind")), text($("#ending-h")), text($("#ending-summary")),
                  [...document.querySelectorAll("#ending-help li .name")].map(text),
                  heads.map((h, i) => [h, lists[i]]), [...document.querySelectorAll("#ending-takeaways li")].map(text)]);
      break;
    } else {
      shown.push(["unexpected screen", s]);
      break;
    }
  }
  return shown;
}
"""


def catalogue_names(project: Project) -> dict[tuple[str, str], tuple[str, str]]:
    cat = project.catalogue
    out = {}
    for sec in LEARNING_SECTIONS:
        for item in cat.section(sec.key):
            out[(sec.key, item.id)] = (item.name.value, item.explain.value)
    for r in cat.resources:
        out[("resources", r.id)] = (r.name.value, r.explain.value)
    return out


def expected(project: Project, sc, t: interpret.Transcript, facilitator: bool) -> list:
    """What the page must show on ``t``'s path, in the driver's shape, from the interpreter's transcript."""
    names = catalogue_names(project)
    tables = interpret.Tables(sc)
    cards = {st.id: st for s in sc.scenes for st in walk_steps(s.steps) if isinstance(st, Discuss)}
    feedback = list(t.feedback)
    out: list = []
    for ev in t.walk():
        if ev[0] == "line":
            who, text = t.lines[ev[1]]
            out.append(["prompt", text] if t.kinds[ev[1]] == "prompt" else ["line", who, text])
        elif ev[0] == "discuss" and facilitator:
            card = cards[ev[1]]
            out.append(["discuss", card.question.value, card.notes.value])
        elif ev[0] == "decision":
            cid, number = t.choices[ev[1]]
            out.append(["choices", [tables.choices[c].text.value for c in t.shown[ev[1]]], number])
            if feedback and feedback[0] == cid:
                feedback.pop(0)
                fb = tables.choices[cid].feedback
                # Each item explained in full only the first time the play-through meets it (t.cards).
                card = t.cards[len(t.feedback) - len(feedback) - 1]
                items = [[names[(sec, iid)][0], names[(sec, iid)][1] if explained else None] for sec, iid, explained in card]
                out.append(["feedback", fb.title.value, fb.happened.value, fb.why.value, fb.safer.value if fb.safer else None, items])
        elif ev[0] == "ending":
            e = tables.endings[ev[1]]
            summary, takeaways = journal(project, [tables.choices[c].feedback for c in t.feedback])
            out.append(["ending", ENDING_KINDS.get(e.kind, ""), e.title.value, e.summary.value,
                        [names[("resources", r)][0] for r in t.resources], summary, takeaways])
    return out


def journal(project: Project, cards: list) -> tuple[list, list[str]]:
    """The ending summary by the Ren'Py game's rules (TygJournal in game/tyg_runtime.rpy): a red
    flag is spotted once a safer choice was made while it was in play, else missed; safe actions
    taken are those of safer choices; three takeaways, the path's key messages first."""
    names = catalogue_names(project)
    flags: dict[str, str] = {}
    taken: list[str] = []
    messages: list[str] = []
    for fb in cards:
        kind = next(c.kind for sc in project.scenarios for s in sc.scenes for c in s.choices if c.feedback is fb)
        for r in fb.teaches["red_flags"]:
            flags[r.id] = "spotted" if kind == "safer" or flags.get(r.id) == "spotted" else "missed"
        for r in fb.teaches["safe_actions"]:
            if kind == "safer" and r.id not in taken:
                taken.append(r.id)
        for r in fb.teaches["key_messages"]:
            if r.id not in messages:
                messages.append(r.id)
    cat = project.catalogue
    spotted = [names[("red_flags", f)][0] for f, state in flags.items() if state == "spotted"]
    missed = [names[("red_flags", f)][0] for f, state in flags.items() if state == "missed"]
    summary = [[head, items] for head, items in (
        ("Red flags you spotted", spotted), ("Red flags to watch for next time", missed),
        ("Safe actions you took", [names[("safe_actions", a)][0] for a in taken if ("safe_actions", a) in names]),
    ) if items]
    order = messages + [i.id for i in cat.section("key_messages") if i.id not in messages]
    takeaways = [f"{names[('key_messages', m)][0]}. {names[('key_messages', m)][1]}" for m in order[:3]]
    return summary, takeaways


def first_difference(want: list, got: list) -> str | None:
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            return f"step {i}: the interpreter shows {w!r}\n        the web page shows {g!r}"
    if len(want) != len(got):
        extra = want[len(got)] if len(want) > len(got) else got[len(want)]
        return f"step {min(len(want), len(got))}: {'missing from the page' if len(want) > len(got) else 'only on the page'}: {extra!r}"
    return None


def story_index(project: Project) -> dict[str, int]:
    order = sorted(project.scenarios, key=lambda sc: (sc.order is None, sc.order or 0, sc.id))
    return {sc.id: i for i, sc in enumerate(order)}


def play_path(pg, project: Project, sc, path: list[str], facilitator: bool, detours: dict[int, str] | None = None) -> tuple[list, list]:
    """(what the interpreter shows, what the page shows) on ``path``.

    ``detours`` (facilitator mode): at decision k, first take choice ``detours[k]``, then
    "See the other choice" on its feedback; the page must then go on exactly as if it had not.
    """
    tables = interpret.Tables(sc)
    t = interpret.play(sc, path, tables=tables)
    picks: list = [tables.choices[c].text.value for c in path]
    for k, other in (detours or {}).items():
        picks[k] = [tables.choices[other].text.value, picks[k]]
    got = pg.evaluate(DRIVER, [story_index(project)[sc.id], picks, facilitator])
    return expected(project, sc, t, facilitator), got


# ------------------------------------------------------------------ a tour of every screen

def no_overflow(pg) -> bool:
    return pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def small_targets(pg) -> list[str]:
    """Visible buttons smaller than 44 x 44 CSS px (touch targets)."""
    return pg.evaluate(
        """() => [...document.querySelectorAll('button, a[href], [role=button]')]
             .filter((b) => b.offsetParent !== null)
             .map((b) => [b.textContent.trim().slice(0, 40), b.getBoundingClientRect()])
             .filter(([, r]) => r.width < 44 || r.height < 44)
             .map(([t, r]) => `${t} (${Math.round(r.width)}x${Math.round(r.height)})`)"""
    )


def screen_of(pg) -> str:
    return pg.get_attribute("body", "data-screen") or ""


def tour(pg, project: Project, visit, settings: tuple[str, ...] = (), tap: bool = False, fast: bool = True) -> list[str]:
    """Walk through every screen of the player with real clicks (or taps), calling ``visit(name)`` on each.

    ``settings``: texts of Settings buttons to press first (e.g. "High contrast", "Largest").
    Plays the first story on the menu along its first planned path, then again in
    facilitator mode for the discussion card and the large vote. ``fast``: once a
    kind of line has been visited, "Next" is pressed by the page's own click()
    rather than a mouse, which is many times quicker.
    """
    from tyg.play import coverage

    press = (lambda sel: pg.tap(sel)) if tap else (lambda sel: pg.click(sel))
    seen: list[str] = []

    def at(name: str) -> None:
        if name not in seen:
            seen.append(name)
            visit(name)

    at("intro")
    press("#intro-ok")
    if settings:
        press("#menu-settings")
        for label in settings:
            press(f"#panel-body button:text-is('{label}')")
        press("#panel-close")
    at("menu")
    press("#menu-settings")
    at("settings")
    press("#panel-close")
    press("#menu-help")
    at("help")
    press("#panel-close")
    first = sorted(project.scenarios, key=lambda sc: (sc.order is None, sc.order or 0, sc.id))[0]
    tables = interpret.Tables(first)
    path = coverage.plan(first).paths[0]

    def play(facilitator: bool) -> None:
        press(".story-btn >> nth=0")
        at("before")
        press("#before-start")
        picks = [tables.choices[c].text.value for c in path]
        for _ in range(5000):
            s = screen_of(pg)
            if s == "play" and pg.is_hidden("#choices"):
                kind = "narration" if pg.is_visible("#say") else "chat"
                if fast and kind in seen:
                    pg.evaluate("document.querySelector('#next').click()")
                else:
                    at(kind)
                    press("#next")
            elif s in ("play", "vote"):
                reply = pg.locator("#choice-list .reply").count() > 0
                at("vote" if s == "vote" else ("reply choices" if reply else "choices"))
                sel = "#vote-list" if s == "vote" else "#choice-list"
                n = pg.locator(f"{sel} .text").all_text_contents().index(picks.pop(0))
                press(f"{sel} button >> nth={n}")
            elif s == "feedback":
                if "feedback" not in seen:
                    closed = pg.locator("#feedback button.disclosure[aria-expanded=false]")
                    if closed.count():
                        press("#feedback button.disclosure[aria-expanded=false] >> nth=0")
                at("feedback (facilitator)" if facilitator else "feedback")
                if "journal" not in seen:
                    press("#open-journal")
                    at("journal")
                    press("#panel-close")
                press("#feedback-continue")
            elif s == "discuss":
                press("#notes-toggle")
                at("discussion")
                press("#discuss-continue")
            elif s == "ending":
                at("ending (facilitator)" if facilitator else "ending")
                press("#ending-menu")
                return
            else:
                raise AssertionError(f"unexpected screen {s!r}")
        raise AssertionError("no ending")

    play(False)
    press("#menu-facilitator")
    play(True)
    press("#menu-facilitator")
    return seen
