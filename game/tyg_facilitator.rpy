## tyg_facilitator.rpy: facilitator mode for group sessions.

init python:

    def tyg_facilitating():
        """True while a facilitator leads a group through the game."""
        return bool(persistent.tyg_facilitator)

## Choices for a group vote.
screen tyg_vote(items):
    use tyg_choice_list(items)
