## tyg_facilitator.rpy: facilitator mode, for a teacher or youth worker
## leading a group through a story on a projector.
##
## Switched on from the main menu, from Settings, or for every computer at
## once by the school's settings file (trust-your-gut.ini, [school]
## facilitator = yes; read in tyg_privacy.rpy). In facilitator mode:
## - each discussion prompt pauses on a large card with the question; the
##   facilitator's notes stay hidden until N (or the button) shows them;
## - each decision shows its choices large, for a group vote (screen choice
##   uses tyg_vote);
## - after a feedback, "See the other choice" goes back to the decision with
##   the play-through as it was before the choice, to compare outcomes;
## - Settings offer a projector text size;
## - "Reset for the next group" (main menu, ending) clears the play-through.

init python:

    import copy

    ## Bigger than the largest player size in TYG_TEXT_SIZES (tyg_settings.rpy).
    TYG_PROJECTOR_SIZE = (_("Projector"), 1.6)

    ## What a decision changes, and so what going back to it restores.
    TYG_PLAY_STATE = ("tyg_flags", "tyg_chosen", "tyg_journal", "tyg_chat_log", "tyg_seen", "tyg_fresh")

    ## The speakers that ask a menu's question (tyg_runtime.rpy, screens.rpy).
    TYG_PROMPT_SPEAKERS = ("tyg_prompt", "tyg_reply_prompt")

    def tyg_facilitating():
        """True while a facilitator leads a group through the game."""
        return bool(persistent.tyg_facilitator)

    def tyg_text_sizes():
        """The text sizes Settings offer: the player sizes, and the projector size in facilitator mode."""
        return TYG_TEXT_SIZES + ([TYG_PROJECTOR_SIZE] if tyg_facilitating() else [ ])

    def tyg_fit_text_size():
        """Out of facilitator mode, text is never bigger than the largest player size."""
        largest = max(scale for _label, scale in TYG_TEXT_SIZES)
        if not tyg_facilitating() and _preferences.font_size > largest:
            _preferences.font_size = largest
            _DisplayReset()()

    def tyg_facilitator_switch():
        """The action of the facilitator-mode buttons (main menu and Settings)."""
        return [ToggleField(persistent, "tyg_facilitator"), Function(tyg_fit_text_size)]

    ## Going back to a decision. The compiler puts a label named
    ## "..._choose" just before every decision's menu (lower.py,
    ## Names.decision); reaching one in facilitator mode keeps a deep copy
    ## of the play-through state, which "See the other choice" puts back.

    def _tyg_at_label(name, abnormal):
        if name.endswith("__choose") and tyg_facilitating():
            state = dict((n, getattr(store, n)) for n in TYG_PLAY_STATE)
            store.tyg_decision = (name, copy.deepcopy(state))
        if _tyg_label_callback_before is not None:
            _tyg_label_callback_before(name, abnormal)

    _tyg_label_callback_before = config.label_callback
    config.label_callback = _tyg_at_label

    def tyg_can_see_other_choice():
        return tyg_facilitating() and store.tyg_decision is not None

    def tyg_see_other_choice():
        """Back to the last decision, as it was before the choice."""
        label, state = store.tyg_decision
        for name, value in copy.deepcopy(state).items():
            setattr(store, name, value)
        tyg_trace("other_choice", label=label)
        renpy.jump(label)

    def tyg_vote_question():
        """The question the menu on screen asks, or None when it asks none."""
        if store._last_say_who in TYG_PROMPT_SPEAKERS:
            return store._last_say_what
        return None

    def tyg_toggle_notes(shown):
        tyg_trace("discussion_notes", shown=shown)

    def tyg_reset_for_group():
        """Ready for the next group: no trace of this one's play-through, then the main menu.

        Going to the main menu restarts the game's state (flags, journal, the
        phone, the decision kept for "See the other choice"). Ren'Py's marks of
        the menu choices taken and any save are deleted too, though the game
        keeps none (tyg_privacy.rpy): a safeguard, should that ever change.
        Settings (text size, facilitator mode) stay. In lab mode nothing was
        ever kept on disk.
        """
        for slot in renpy.list_slots():
            renpy.unlink_save(slot)
        persistent._chosen.clear()
        renpy.save_persistent()
        tyg_trace("reset")
        renpy.full_restart()

## The school's settings file switches facilitator mode on at every start
## (after "default persistent.tyg_facilitator" has run).
init 1 python:
    if tyg_facilitator_setting:
        persistent.tyg_facilitator = True

default tyg_decision = None

## A discussion prompt, for the group: the question in large type. The
## facilitator's notes stay hidden (the screen may be on a projector) until N
## or the button shows them; every card starts with them hidden.
screen tyg_discussion(prompt):
    modal True
    default notes = False
    on "show" action Function(tyg_trace, "discussion_card", id=prompt.id)
    $ toggle = [ToggleScreenVariable("notes"), Function(tyg_toggle_notes, not notes)]
    add Solid(tyg_colour_background)
    frame:
        style "tyg_card"
        xsize 1200
        side "t c b":
            spacing 20
            vbox:
                spacing 12
                text _("Talk about it") style "tyg_discussion_label"
                text prompt.question style "tyg_discussion_question"
            if notes:
                side "c r":
                    spacing 10
                    viewport:
                        id "tyg_notes"
                        mousewheel True
                        arrowkeys True
                        pagekeys True
                        ## Not a stop for the arrow keys itself: they reach the buttons inside.
                        style "tyg_scroll"
                        draggable True
                        vbox:
                            spacing 8
                            text _("Facilitator notes") style "tyg_heading"
                            text prompt.notes style "tyg_small"
                    vbar value YScrollValue("tyg_notes") style "tyg_vbar"
            else:
                ## As wide as the notes would be, so the card keeps its shape.
                vbox:
                    xfill True
                    text _("The facilitator notes are hidden. Press N to show them.") style "tyg_small"
            hbox:
                xalign 1.0
                spacing 16
                textbutton (_("Hide notes (N)") if notes else _("Show notes (N)")) action toggle style "tyg_button"
                textbutton _("Continue") action Return(True) style "tyg_button" default_focus tyg_first_focus()
    key "n" action toggle

style tyg_discussion_label is tyg_heading:
    color tyg_colour_accent

style tyg_discussion_question is default:
    size 52
    bold True

## The choices of a decision, large, for a group to read from the back of a
## room and vote on. The menu's question is repeated on top. Keys 1-9 choose;
## each button's accessible text is the one the normal choice screens give.
screen tyg_vote(items):
    $ question = tyg_vote_question()
    add Solid(tyg_colour_background)
    frame:
        style "tyg_vote_frame"
        side "t c":
            spacing 24
            vbox:
                spacing 6
                text _("Group vote") style "tyg_discussion_label"
                if question:
                    text question style "tyg_vote_question"
            side "c r":
                spacing 10
                viewport:
                    id "tyg_vote_choices"
                    mousewheel True
                    arrowkeys True
                    pagekeys True
                    ## Not a stop for the arrow keys itself: they reach the buttons inside.
                    style "tyg_scroll"
                    draggable True
                    vbox:
                        spacing 18
                        for n, i in enumerate(items, 1):
                            $ reply = i.kwargs.get("reply")
                            button:
                                style "tyg_vote_button"
                                action i.action
                                alt (__("Choice {number}: Reply: {choice}") if reply else __("Choice {number}: {choice}")).format(number=n, choice=__(i.caption))
                                hbox:
                                    spacing 28
                                    text str(n) style "tyg_vote_number" yalign 0.5
                                    text i.caption style "tyg_vote_text" yalign 0.5
                vbar value YScrollValue("tyg_vote_choices") style "tyg_vbar"
    for n, i in enumerate(items[:9], 1):
        key str(n) action i.action

style tyg_vote_frame is default:
    xfill True
    yfill True
    ## Below the journal, help and quick-exit buttons.
    padding (60, 80, 60, 30)

style tyg_vote_question is default:
    size 44
    bold True

style tyg_vote_button is button:
    xsize 1130
    padding (28, 16, 28, 16)
    background Frame(Solid(tyg_colour_panel), 0, 0)
    hover_background Solid("#e6eef8")

style tyg_vote_number is default:
    size 52
    bold True
    color tyg_colour_accent
    min_width 50

style tyg_vote_text is default:
    size 36
    xmaximum 990
