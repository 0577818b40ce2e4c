## monkey.rpy: test support, never shipped. A seeded monkey that plays the
## game with random input, in the real engine (tests/test_monkey.py,
## bench/monkey_soak.py).
##
## Switched on by TYG_MONKEY_SEED (and TYG_MONKEY_INPUTS, how many). It takes
## the place of a testcase: Ren'Py's test runner calls it once per frame drawn,
## whenever no test event is still waiting, and it posts one input as real
## pygame events: a key (arrows, Page keys, Tab, Enter, Space, digits, J, H, N,
## O, V), a click at a random point or on a random button, or the mouse wheel.
## Never Escape: that closes the game (test_privacy.py checks it).
##
## What it reports, as trace events (TYG_TRACE):
## - "monkey_exception": any exception the engine reports (then it carries on);
## - "monkey_enter": Enter pressed with a button focused did something other
##   than that button's action, or nothing at all;
## - "monkey_done": the seed, inputs sent, and every screen seen.
## Quitting (the Quit button, the quick exit) goes back to the main menu
## instead, so that one run keeps going; the half-way mark switches
## facilitator mode on, so its cards are met too.

init 1000 python:

    import os as _tyg_os

    class TygMonkey(object):

        ## Key names as Ren'Py's testcase "type" statement takes them.
        KEYS = (["UP", "DOWN", "LEFT", "RIGHT", "PAGEUP", "PAGEDOWN", "TAB",
                 "RETURN", "SPACE", "j", "h", "n", "o", "v"] + [str(d) for d in range(10)])
        ## Weights: a key, a click at a random point, a click on a button, the
        ## pointer resting on a button (which focuses it), the wheel.
        KINDS = (("key", 60), ("click", 10), ("button", 14), ("hover", 8), ("wheel", 8))

        def __init__(self, seed, inputs):
            import random
            self.seed = seed
            self.rng = random.Random(seed)
            self.inputs = inputs
            self.sent = 0
            self.expect = None
            self.screens = set()
            self.problems = { }
            self.restarts = 0
            self.recent = [ ]
            self.pending = None
            self.switched = False
            self.pressed_enter = False

        ## The protocol of a test node (renpy/test/testexecution.py).
        def start(self):
            return 0

        def execute(self, state, t):
            self.settle()
            self.look()
            if self.sent >= self.inputs:
                self.finish()
                return None
            if self.sent >= self.inputs // 2 and not self.switched:
                self.switched = True
                persistent.tyg_facilitator = True
                tyg_trace("monkey_facilitator")
                renpy.full_restart()
            ## Two inputs a frame, to get through more of them; Enter always
            ## alone, so the oracle knows which button had the focus.
            for _i in range(2):
                if self.sent >= self.inputs or not self.send(alone=(_i == 0)) or self.pressed_enter:
                    break
            return self.sent

        def note(self, what):
            self.recent = (self.recent + [what])[-12:]

        def look(self):
            for tag in renpy.get_showing_tags("screens"):
                tag = str(tag)
                if tag == "choice":
                    items = renpy.get_screen("choice").scope.get("items") or [ ]
                    if tyg_facilitating():
                        tag = "choice (group vote)"
                    elif any(i.kwargs.get("reply") for i in items):
                        tag = "choice (reply)"
                self.screens.add(tag)

        def send(self, alone):
            """Post one input, unless it is Enter and must wait for a frame of its own."""
            if self.pending is None:
                kinds = [k for k, _ in self.KINDS]
                kind = self.rng.choices(kinds, [w for _, w in self.KINDS])[0]
                key = self.rng.choice(self.KEYS) if kind == "key" else None
                self.pending = (kind, key)
            kind, key = self.pending
            if key == "RETURN" and not alone:
                return False
            self.pending = None
            self.sent += 1
            self.pressed_enter = key == "RETURN"
            if kind == "key":
                if key == "RETURN":
                    self.expect_enter()
                self.note(key)
                renpy.test.testkey.down(None, key)
                renpy.test.testkey.up(None, key)
            elif kind == "wheel":
                button = self.rng.choice((4, 5))
                x, y = self.rng.randrange(1280), self.rng.randrange(720)
                self.note("wheel {} at {},{}".format("up" if button == 4 else "down", x, y))
                renpy.test.testmouse.move_mouse(x, y)
                renpy.test.testmouse.press_mouse(button)
                renpy.test.testmouse.release_mouse(button)
            else:
                x, y = self.rng.randrange(1280), self.rng.randrange(720)
                focusable = [f for f in renpy.display.focus.focus_list if f.x is not None and f.w]
                ## A player who plays on: the buttons that leave the story are pressed
                ## one time in ten that they are picked (random clicks still hit them).
                if self.rng.random() < 0.9:
                    focusable = [f for f in focusable if not self.leaves(f.widget)] or focusable
                if kind in ("button", "hover") and focusable:
                    f = self.rng.choice(focusable)
                    x = int(f.x + f.w * self.rng.uniform(0.2, 0.8))
                    y = int(f.y + f.h * self.rng.uniform(0.2, 0.8))
                if kind == "hover":
                    self.note("pointer at {},{}".format(x, y))
                    renpy.test.testmouse.move_mouse(x, y)
                else:
                    self.note("click at {},{}".format(x, y))
                    renpy.test.testmouse.click_mouse(1, x, y)

        def leaves(self, widget):
            action = getattr(widget, "action", None)
            return isinstance(action, Quit) or (isinstance(action, Function) and action.callable is tyg_quick_exit)

        ## The Enter oracle: the first action Enter runs must be the focused button's.
        def expect_enter(self):
            f = renpy.display.focus.get_focused()
            if isinstance(f, renpy.display.behavior.Button) and f.action is not None and f.is_sensitive():
                self.expect = (f.action, tyg_plain(" ".join(self.button_texts(f))), sorted(str(t) for t in renpy.get_showing_tags("screens")))

        def button_texts(self, b):
            found = [ ]
            def visit(d):
                if isinstance(d, renpy.text.text.Text):
                    found.append(d.get_all_text())
            b.visit_all(visit)
            return found

        def ran(self, action):
            if self.expect is None or action is None:
                return
            wanted, label, screens = self.expect
            self.expect = None
            if action is wanted or action == wanted:
                return
            self.problem("monkey_enter", button=label, screens=screens, ran=repr(action))

        def settle(self):
            if self.expect is not None:
                wanted, label, screens = self.expect
                self.expect = None
                self.problem("monkey_enter", button=label, screens=screens, ran=None)

        def problem(self, event, **data):
            self.problems[event] = self.problems.get(event, 0) + 1
            if self.problems[event] <= 20:
                tyg_trace(event, seed=self.seed, input=self.sent, recent=list(self.recent), **data)

        def finish(self):
            tyg_trace("monkey_done", seed=self.seed, inputs=self.sent, screens=sorted(self.screens),
                      problems=self.problems, restarts=self.restarts)
            _tyg_monkey_quit(save=False)

    def _tyg_monkey_exception(short, full, traceback_fn):
        store._tyg_monkey.problem("monkey_exception", short=short[-3000:])
        return True

    def _tyg_monkey_run(action, *args, **kwargs):
        store._tyg_monkey.ran(action)
        return _tyg_monkey_run_untraced(action, *args, **kwargs)

    def _tyg_monkey_restart(*args, **kwargs):
        """Quitting goes back to the main menu, so that one run keeps going."""
        store._tyg_monkey.restarts += 1
        renpy.full_restart()

    if _tyg_os.environ.get("TYG_MONKEY_SEED"):
        _tyg_monkey = TygMonkey(int(_tyg_os.environ["TYG_MONKEY_SEED"]), int(_tyg_os.environ.get("TYG_MONKEY_INPUTS", "5000")))
        config.exception_handler = _tyg_monkey_exception
        _tyg_monkey_run_untraced = renpy.display.behavior.run
        renpy.display.behavior.run = _tyg_monkey_run
        _tyg_monkey_quit = renpy.exports.quit
        renpy.exports.quit = _tyg_monkey_restart
        renpy.test.testexecution.node = _tyg_monkey
        renpy.test.testexecution.node_loc = ("monkey.rpy", 1)
