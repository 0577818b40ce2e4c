## tyg_runtime.rpy: what the generated scenario scripts call into.
##
## Generated scripts (game/generated/) only define data objects of the
## classes below and call these functions, labels and screens. All text
## fields of those objects are Ren'Py text with literal "[" and "{" already
## doubled by the compiler, so screens can show them directly.

init -10 python:

    import io
    import json
    import os

    class TygRecord(object):
        """A plain record: keyword arguments become attributes."""

        def __init__(self, **fields):
            self.__dict__.update(fields)

        def __repr__(self):
            return "<{} {}>".format(type(self).__name__, self.__dict__.get("id", ""))

    class TygScenario(TygRecord):
        pass

    class TygFeedback(TygRecord):
        pass

    class TygEnding(TygRecord):
        pass

    class TygDiscussion(TygRecord):
        pass

    class TygItem(TygRecord):
        pass

    class TygResource(TygRecord):
        pass

    class TygIndex(object):
        """Catalogue entries by id, in catalogue order."""

        def __init__(self, items):
            self.items = list(items)
            self.by_id = dict((i.id, i) for i in self.items)

        def pick(self, ids):
            return [self.by_id[i] for i in ids if i in self.by_id]

    ## Tracing, for the engine tests only: when TYG_TRACE names a file, each
    ## line shown and each screen reached is appended to it as one JSON line.
    ## Players never set it, and nothing else is written.
    _tyg_trace_path = os.environ.get("TYG_TRACE")

    ## Events that also record the script statement running when they happen
    ## ("rpy", "rpy_line": a generated file and line; its "## src:N" comments
    ## lead back to the YAML). build.py coverage reports differences with them.
    _TYG_TRACE_WHERE = ("line", "choice", "feedback", "label")

    def tyg_plain(s):
        """The text a Ren'Py string shows once its text tags are applied."""
        from renpy.text.textsupport import tokenize, TAG, PARAGRAPH, DISPLAYABLE
        out = [ ]
        for kind, text in tokenize(str(s)):
            if kind == PARAGRAPH:
                out.append("\n")
            elif kind not in (TAG, DISPLAYABLE):
                out.append(text)
        return "".join(out)

    def tyg_trace(event, **data):
        if not _tyg_trace_path:
            return
        data["event"] = event
        if event in _TYG_TRACE_WHERE:
            data["rpy"], data["rpy_line"] = renpy.get_filename_line()
        with io.open(_tyg_trace_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")

    def _tyg_trace_label(name, abnormal):
        """Every scenario, scene and ending label reached (the compiler names them all tyg_s__...)."""
        if name.startswith("tyg_s__"):
            tyg_trace("label", name=name)
        if _tyg_label_callback_untraced is not None:
            _tyg_label_callback_untraced(name, abnormal)

    _tyg_label_callback_untraced = config.label_callback
    if _tyg_trace_path:
        config.label_callback = _tyg_trace_label

    def tyg_screen_texts(name):
        """Every text a shown screen displays, as the player reads it."""
        screen = renpy.get_screen(name)
        found = [ ]
        if screen is not None:
            def visit(d):
                if isinstance(d, renpy.text.text.Text):
                    found.append(tyg_plain(d.get_all_text()))
            screen.visit_all(visit)
        return found

    def tyg_trace_screen(name):
        tyg_trace("screen", screen=name, texts=tyg_screen_texts(name))

    class TygSpeaker(ADVCharacter):
        """A character whose every shown line can be traced."""

        def do_display(self, who, what, **display_args):
            tyg_trace("line", who=None if who is None else tyg_plain(who), what=tyg_plain(what))
            if self.screen == "tyg_chat":
                ## The phone keeps the conversation so far; the screen shows it above the new message.
                store.tyg_chat_log.append(TygMessage(who, what, self.show_args))
            return super(TygSpeaker, self).do_display(who, what, **display_args)

    ## Flags live in one dict per play-through, reset when a scenario starts.

    class TygMessage(object):
        """One message in the phone chat, as shown."""

        def __init__(self, who, what, show_args):
            self.who = who
            self.what = what
            self.side = show_args.get("tyg_side", "left")
            self.avatar = tyg_avatar(show_args.get("tyg_avatar"), show_args.get("tyg_role"))

    def tyg_avatar(character_id, role):
        """The picture beside a message: the character's own, else one for their role, else none."""
        for name in ("avatar " + str(character_id), "avatar " + str(role)):
            if renpy.has_image(name):
                return name
        return None

    ## Saves hold names, not story objects: generated scripts pass define
    ## names (tyg_sc__..., tyg_dq__...), looked up here, so a save loaded
    ## after an update sees the updated story (tyg_saves.rpy).

    def tyg_lookup(name):
        """The story object a generated script's define made, by its name."""
        return getattr(store, name)

    def tyg_current_scenario():
        """The scenario being played (its TygScenario), or None."""
        return tyg_lookup(store.tyg_scenario_name) if store.tyg_scenario_name else None

    def tyg_begin(scenario_name):
        renpy.scene()
        renpy.show("tyg_background")
        store.tyg_flags = { }
        store.tyg_chosen = [ ]
        store.tyg_journal = TygJournal()
        store.tyg_chat_log = [ ]
        store.tyg_seen = set()
        store.tyg_fresh = set()
        store.tyg_scenario_name = scenario_name
        tyg_trace("begin", scenario=tyg_lookup(scenario_name).id)

    def tyg_set(values):
        """Set flags: a dict of flag name -> True or False (one statement per run of flags)."""
        store.tyg_flags.update(values)

    def tyg_flag(name):
        return store.tyg_flags.get(name, False)

    def tyg_chose(feedback):
        store.tyg_chosen.append(feedback.choice)
        store.tyg_journal.record(feedback)
        ## A card explains a catalogue item in full only the first time the play-through
        ## meets it; later cards show its name, which the player can open (screens.rpy).
        store.tyg_fresh = set(k for k in tyg_card_items(feedback) if k not in store.tyg_seen)
        store.tyg_seen = store.tyg_seen | store.tyg_fresh
        tyg_trace("choice", choice=feedback.choice, scene=feedback.scene)
        ## Rolling back (mouse wheel up, Page Up) still shows earlier lines, but a
        ## choice made stays made: the menu comes back with only that choice to take.
        ## (A facilitator's "See the other choice" goes back on purpose, and openly.)
        renpy.fix_rollback()

    def tyg_card_items(fb):
        """The catalogue items a feedback card lists, in screen order: (section, id) pairs."""
        return [(key, i) for heading, index, ids, key in tyg_feedback_sections(fb, True) for i in ids]

    class TygJournal(object):
        """What this play-through has met: red flags spotted or missed, good moves seen and made.

        A red flag counts as spotted when the player made the safer choice while it was
        in play; once spotted, it stays spotted.
        """

        def __init__(self):
            self.flags = { }  # red flag id -> "spotted" | "missed", in the order first met
            self.order = [ ]
            self.actions_met = [ ]
            self.actions_taken = [ ]
            self.messages = [ ]

        def record(self, fb):
            for rf in fb.red_flags:
                if rf not in self.flags:
                    self.order.append(rf)
                if fb.kind == "safer" or self.flags.get(rf) == "spotted":
                    self.flags[rf] = "spotted"
                else:
                    self.flags[rf] = "missed"
            for sa in fb.safe_actions:
                if sa not in self.actions_met:
                    self.actions_met.append(sa)
                if fb.kind == "safer" and sa not in self.actions_taken:
                    self.actions_taken.append(sa)
            for km in fb.key_messages:
                if km not in self.messages:
                    self.messages.append(km)

        def red_flags(self, state):
            return tyg_red_flags.pick([rf for rf in self.order if self.flags[rf] == state])

        def takeaways(self, n=3):
            """Key messages met on this path first, then the catalogue's own, n in all."""
            ids = list(self.messages) + [i.id for i in tyg_key_messages.items if i.id not in self.messages]
            return tyg_key_messages.pick(ids[:n])

    def tyg_feedback_sections(fb, with_red_flags=False):
        """The good moves a feedback teaches, beyond its red flags (with them first, when asked):
        (heading, index, ids, section key)."""
        flags = [(__("Red flags"), tyg_red_flags, fb.red_flags, "red_flags")] if with_red_flags else [ ]
        return flags + [
            (__("Safe actions"), tyg_safe_actions, fb.safe_actions, "safe_actions"),
            (__("Being an upstander"), tyg_upstander_steps, fb.upstander_steps, "upstander_steps"),
            (__("Remember"), tyg_key_messages, fb.key_messages, "key_messages"),
            (__("What helps, as an adult"), tyg_adult_actions, fb.adult_actions, "adult_actions"),
        ]

    def tyg_card_trace(fb, opened):
        """The card's items as the trace records them: "section:id", and which are open."""
        items = tyg_card_items(fb)
        return dict(items=[k[0] + ":" + k[1] for k in items], explained=[k[0] + ":" + k[1] for k in items if k in opened])

    def tyg_resource_line(r):
        """How to reach a help resource, in one line."""
        ways = [ ]
        if r.phone:
            ways.append(__("Call {phone}").format(phone=__(r.phone)))
        if r.sms:
            ways.append(__(r.sms))
        if r.url:
            ways.append(r.url)
        return "  ·  ".join(ways)

define -1 tyg_speaker = TygSpeaker(None, kind=adv)
define -1 tyg_narrator = TygSpeaker(None, kind=adv)
define -1 tyg_prompt = TygSpeaker(None, kind=adv, screen="tyg_prompt")
define -1 tyg_chat_speaker = TygSpeaker(
    None, kind=adv, screen="tyg_chat",
    window_style="tyg_phone_window", who_style="tyg_chat_who", what_style="tyg_chat_what")

## The calm plain background of places with no picture (the compiler picks
## each scene's background at build time: lower.background).
image tyg_background = Solid(tyg_colour_background)

default tyg_flags = { }
default tyg_chosen = [ ]
default tyg_journal = TygJournal()
default tyg_chat_log = [ ]
default tyg_seen = set()  # catalogue items (section, id) a feedback card of this play-through has explained
default tyg_fresh = set()  # those the card on screen explains for the first time
default tyg_scenario_name = None  # the define name of the scenario being played
default persistent.tyg_facilitator = False

## A discussion prompt: a card for the group in facilitator mode
## (tyg_facilitator.rpy); players on their own carry straight on.
label tyg_discuss(prompt_name):
    $ tyg_trace("discuss", id=tyg_lookup(prompt_name).id)
    if tyg_facilitating():
        call screen tyg_discussion(tyg_lookup(prompt_name))
    return

## Reached only if the game is started without picking a scenario.
label start:
    return
