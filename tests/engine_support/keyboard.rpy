## keyboard.rpy: test support, never shipped. Plays the game from the
## keyboard alone (tests/test_keyboard.py): key presses posted as real pygame
## events, never a pointer event, so focus is only what the keys make it.
##
## A test script sets TYG_KEY_STEPS (a list of steps, below) in its own .rpy
## and starts with TYG_KEYBOARD=1. Like a testcase, the steps run from Ren'Py's
## test runner, one piece per frame, once no posted key is still waiting.
## Every step is traced ("key_step"), with the focused button and the screens.

init 1000 python:

    import os as _tyg_os

    def tyg_focused_label():
        """The text of the focused button ('' when nothing has the focus)."""
        f = renpy.display.focus.get_focused()
        if not isinstance(f, renpy.display.behavior.Button):
            return ""
        found = [ ]
        def visit(d):
            if isinstance(d, renpy.text.text.Text):
                found.append(tyg_plain(d.get_all_text()))
        f.visit_all(visit)
        return " ".join(found)

    def tyg_focused_selected():
        f = renpy.display.focus.get_focused()
        return bool(isinstance(f, renpy.display.behavior.Button) and f.is_selected())

    def tyg_button(label):
        """The button whose text starts with label, and its whole text; (None, None) if none."""
        for f in renpy.display.focus.focus_list:
            if isinstance(f.widget, renpy.display.behavior.Button):
                found = [ ]
                def visit(d):
                    if isinstance(d, renpy.text.text.Text):
                        found.append(tyg_plain(d.get_all_text()))
                f.widget.visit_all(visit)
                if " ".join(found).startswith(label):
                    return f.widget, " ".join(found)
        return None, None

    def tyg_screens_now():
        return sorted(str(t) for t in renpy.get_showing_tags("screens") if str(t) not in ("tyg_quick_exit", "_self_voicing"))

    ## Steps: ("press", key) | ("focus", text, key): press key until the focused
    ## button's text starts with text | ("wait", screen): until that screen shows |
    ## ("until", key, screen): press key until that screen shows | ("note", name) |
## ("state", name, text): the button whose text starts with text: its whole text and
## whether it shows as selected |
## ("shot", name): a screenshot into the folder TYG_SHOTS names, if it does.
## A "focus" step's keys are a string, tried in turn ("DOWN RIGHT").
    class TygKeys(object):

        LIMIT = 60  # presses (or frames, waiting) a "focus", "until" or "wait" step may take

        def __init__(self, steps):
            self.steps = list(steps)
            self.at = 0
            self.tries = 0
            self.frames = 0

        def start(self):
            return 0

        def trace(self, step, **data):
            tyg_trace("key_step", step=list(step), focus=tyg_focused_label(), selected=tyg_focused_selected(),
                      screens=tyg_screens_now(), font_transform=_preferences.font_transform,
                      facilitating=tyg_facilitating(), widget=type(renpy.display.focus.get_focused()).__name__, **data)

        def press(self, key):
            renpy.test.testkey.down(None, key)
            renpy.test.testkey.up(None, key)

        def execute(self, state, t):
            self.frames += 1
            if self.at >= len(self.steps):
                tyg_trace("key_done")
                _tyg_keys_quit()
                return None
            step = self.steps[self.at]
            kind = step[0]
            done = True
            if kind == "press":
                self.trace(step)
                self.press(step[1])
            elif kind == "note":
                self.trace(step)
            elif kind == "state":
                button, text = tyg_button(step[2])
                self.trace(step, button_selected=None if button is None else bool(button.is_selected()), button_text=text)
            elif kind == "shot":
                ## A picture of the screen, when TYG_SHOTS names a folder.
                if _tyg_os.environ.get("TYG_SHOTS"):
                    renpy.screenshot(_tyg_os.path.join(_tyg_os.environ["TYG_SHOTS"], step[1] + ".png"))
            elif kind in ("focus", "until", "wait"):
                if kind == "focus":
                    reached = tyg_focused_label().startswith(step[1])
                else:
                    reached = step[-1] in tyg_screens_now()
                if reached:
                    self.trace(step, tries=self.tries)
                elif self.tries >= self.LIMIT:
                    self.trace(step, failed=True)
                    tyg_trace("key_done", failed=list(step))
                    _tyg_keys_quit()
                    return None
                else:
                    done = False
                    self.tries += 1
                    if kind == "focus":
                        keys = step[2].split()  # tried in turn: "DOWN RIGHT"
                        self.press(keys[(self.tries - 1) % len(keys)])
                    elif kind == "until":
                        self.press(step[1])
            if done:
                self.at += 1
                self.tries = 0
            return self.frames

    if _tyg_os.environ.get("TYG_KEYBOARD"):
        _tyg_keys_quit = renpy.exports.quit
        renpy.test.testexecution.node = TygKeys(TYG_KEY_STEPS)
        renpy.test.testexecution.node_loc = ("keyboard.rpy", 1)
