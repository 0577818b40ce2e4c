## tyg_saves.rpy: saves and rollback that survive an update of the story.
##
## Ren'Py names most statements from their file, the time they were compiled
## and a serial number. Debian's engine keeps no .rpyc, so those names change
## at every build and every start, and a save (which records the statement it
## stopped at) would find nothing to go back to. So the compiler puts a label
## with a stable name, made from the YAML, in front of every place a player
## can stop: each line, each choice taken, each discussion (lower.StepNames;
## docs/scenario-format.md, "Saves and stable ids"). A Ren'Py label starts a
## new rollback entry under its own name, so a save resumes there after any
## rebuild in which that place still exists.
##
## This file keeps the last such place reached (outside rollback, so a load
## does not roll it back) and checks after a load that it still exists. When
## the story was changed so that it does not (its scene or line was removed
## or rewritten), or when Ren'Py finds no place at all to go back to
## (config.load_failed_label), the player sees a calm "this story was
## updated" card and goes back to the main menu: never a crash, never a
## silent restart.

init python:

    class TygPlace(NoRollback):
        """The stable label last reached. NoRollback: a load keeps it as it was when the game was saved."""

        def __init__(self):
            self.label = None

    ## Generated labels: scenes and endings (tyg_s__...) and the places in them (tyg_l__...).
    TYG_PLACE_PREFIXES = ("tyg_s__", "tyg_l__")

    def _tyg_note_place(name, abnormal):
        if name.startswith(TYG_PLACE_PREFIXES):
            store.tyg_place.label = name
        if _tyg_place_callback_before is not None:
            _tyg_place_callback_before(name, abnormal)

    _tyg_place_callback_before = config.label_callback
    config.label_callback = _tyg_note_place

    def tyg_story_updated_since_save():
        """True after a load when the place the game was saved at is no longer in the story."""
        label = store.tyg_place.label
        return label is not None and not renpy.has_label(label)

    def _tyg_check_place_after_load():
        if not tyg_story_updated_since_save():
            tyg_trace("loaded", label=store.tyg_place.label)
            return
        tyg_trace("place_gone", label=store.tyg_place.label)
        ## Whatever Ren'Py found to go back to belongs to the old story: leave it.
        while renpy.call_stack_depth():
            renpy.pop_call()
        renpy.jump("tyg_story_updated")

    config.after_load_callbacks.append(_tyg_check_place_after_load)

## When no place in a save exists any more, Ren'Py goes here instead of failing.
define config.load_failed_label = "tyg_story_updated"

default tyg_place = TygPlace()

label tyg_story_updated:
    $ tyg_trace("story_updated")
    call screen tyg_story_updated
    $ renpy.full_restart()

## Calm, short, and no blame: the story changed, nothing went wrong.
screen tyg_story_updated():
    modal True
    zorder 100
    add Solid(tyg_colour_background)
    on "show" action Function(tyg_trace_screen, "tyg_story_updated")
    frame:
        style "tyg_card"
        vbox:
            spacing 24
            text _("This story was updated") style "tyg_title"
            text _("The game has changed since this point was saved, so that part of the story is not here any more. Nothing is wrong. You can start the story again from the main menu.")
            textbutton _("Back to the main menu"):
                style "tyg_button"
                action Return()
                default_focus True
