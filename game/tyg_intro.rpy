## tyg_intro.rpy: on first start, before the main menu, how to leave fast.
##
## Shown once on a home computer (remembered in persistent data), and at
## every start in lab mode, where nothing is remembered: each student is new.

default persistent.tyg_seen_intro = False

label splashscreen:
    if not persistent.tyg_seen_intro:
        call screen tyg_first_start
        $ persistent.tyg_seen_intro = True
    return

screen tyg_first_start():
    modal True
    on "show" action Function(tyg_trace_screen, "tyg_first_start")
    add Solid(tyg_colour_background)
    frame:
        style "tyg_card"
        side "t c b":
            spacing 18
            text _("Before you play") style "tyg_title"
            side "c r":
                spacing 10
                viewport:
                    id "tyg_intro_body"
                    xsize 990
                    mousewheel True
                    arrowkeys True
                    pagekeys True
                    ## Not a stop for the arrow keys itself: they reach the buttons inside.
                    style "tyg_scroll"
                    draggable True
                    vbox:
                        spacing 18
                        text _("If you need to hide the game fast, press Esc, or select this button. It is at the top right of the screen all through a story:")
                        frame:
                            style "tyg_quick_exit"
                            text _("Quick exit (Esc)") style "tyg_quick_exit_text"
                        text _("The game closes straight away. It asks no question, and nothing of the story stays on the screen.")
                        if tyg_lab_mode:
                            text _("On this computer nothing is kept: no saves, no settings, no history. The next person starts fresh.")
                        else:
                            text _("The game never goes online. On this computer it keeps only your settings (text size, reading options, language, facilitator mode) and that you have seen this page. It keeps nothing of the stories: no saves, not your choices, not the messages.")
                        text _("Help is always one key away: press H.") style "tyg_small"
                vbar value YScrollValue("tyg_intro_body") style "tyg_vbar"
            textbutton _("Got it") action Return(True) style "tyg_button" xalign 1.0 default_focus tyg_first_focus()
    key "K_ESCAPE" action Function(tyg_quick_exit)
