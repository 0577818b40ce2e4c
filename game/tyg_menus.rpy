## tyg_menus.rpy: the main menu, "before you start", help, the red-flag
## journal, and the ending summary.

init python:

    ## What a school sets in trust-your-gut.ini ([school] country = GB) decides
    ## which help resources come first. US when unset.
    tyg_country = _tyg_setting("country", "US").strip().upper() or "US"

    TYG_COUNTRY_NAMES = {"US": _("United States"), "GB": _("United Kingdom"), "INT": _("Anywhere")}

    def tyg_resource_groups():
        """Help resources by country: the school's country first, then 'anywhere', then the rest."""
        countries = [ ]
        for r in tyg_resources.items:
            if r.country not in countries:
                countries.append(r.country)
        rank = lambda c: (c != tyg_country, c != "INT", c)
        return [(TYG_COUNTRY_NAMES.get(c, c), [r for r in tyg_resources.items if r.country == c])
                for c in sorted(countries, key=rank)]

    TYG_ENDING_KINDS = {
        "safe": _("You stayed safe"),
        "supported": _("You got support"),
        "upstander": _("You helped others"),
        "learning": _("Still time to act"),
    }

    def tyg_first_focus(priority=1):
        """default_focus for a card's main button: it has the focus first, so Enter does
        what it says; but not while reading aloud, when the whole card is read first."""
        return 0 if _preferences.self_voicing else priority

    def tyg_covered():
        """True while a card lies over the main menu."""
        return any(renpy.get_screen(s) for s in ("tyg_before_start", "tyg_help", "tyg_settings", "tyg_journal"))

    def tyg_minutes(sc):
        return __("about {minutes} minutes").format(minutes=sc.minutes) if sc.minutes else ""

## Journal and help buttons, shown beside the quick exit (tyg_privacy.rpy).
screen tyg_tool_buttons():
    textbutton _("Journal (J)") action ToggleScreen("tyg_journal") style "tyg_tool"
    textbutton _("Help (H)") action ToggleScreen("tyg_help") style "tyg_tool"
    key "j" action ToggleScreen("tyg_journal")
    key "h" action ToggleScreen("tyg_help")

style tyg_tool is tyg_button:
    padding (14, 8, 14, 8)

style tyg_tool_text is tyg_button_text:
    size tyg_small_size

## A card laid over whatever is on screen; closes with its button or its key.
screen tyg_panel(title, close_action):
    modal True
    zorder 900
    add Solid("#f7f3ecf2")
    frame:
        style "tyg_card"
        xsize 1100
        vbox:
            spacing 14
            text title style "tyg_title"
            side "c r":
                spacing 10
                viewport:
                    id "tyg_panel_body"
                    xsize 990
                    ymaximum 400
                    mousewheel True
                    ## Arrows and Page keys scroll first, then the arrows move the focus.
                    arrowkeys True
                    pagekeys True
                    ## Not a stop for the arrow keys itself: they reach the buttons inside.
                    style "tyg_scroll"
                    draggable True
                    vbox:
                        spacing 10
                        transclude
                vbar value YScrollValue("tyg_panel_body") style "tyg_vbar"
            ## Above the card underneath: its own main button must not keep the focus.
            textbutton _("Close") action close_action style "tyg_button" xalign 1.0 default_focus tyg_first_focus(2)

## Help: every resource, the school's country first, and what a trusted adult is.
screen tyg_help():
    on "show" action Function(tyg_trace, "help")
    use tyg_panel(_("Where to get help"), Hide("tyg_help")):
        text _("What is a trusted adult?") style "tyg_heading"
        text _("A grown-up you feel safe with, who listens and wants to help: a parent or carer, a relative, a teacher, a school counselor, a coach or a youth worker. If the first adult you tell does not help, tell another one. You have not done anything wrong by asking.")
        for country, resources in tyg_resource_groups():
            text country style "tyg_heading"
            for r in resources:
                vbox:
                    text r.name bold True
                    text r.explain style "tyg_small"
                    text tyg_resource_line(r) style "tyg_small"
    key "h" action Hide("tyg_help")

## Journal: the red flags and safe actions met so far, spotted apart from missed.
screen tyg_journal():
    on "show" action Function(tyg_trace, "journal")
    use tyg_panel(_("Your red-flag journal"), Hide("tyg_journal")):
        $ spotted = tyg_journal.red_flags("spotted")
        $ missed = tyg_journal.red_flags("missed")
        if not (spotted or missed or tyg_journal.actions_met):
            text _("Nothing yet. Red flags and safe actions appear here as you meet them.")
        if spotted:
            text _("Red flags you spotted") style "tyg_heading" color tyg_colour_safe
            for rf in spotted:
                text __("✓ {red_flag}").format(red_flag=__(rf.name)) bold True
                text rf.explain style "tyg_small"
        if missed:
            text _("Red flags to watch for") style "tyg_heading" color tyg_colour_flag
            for rf in missed:
                text __("• {red_flag}").format(red_flag=__(rf.name)) bold True
                text rf.explain style "tyg_small"
        if tyg_journal.actions_met:
            text _("Safe actions") style "tyg_heading"
            for sa in tyg_safe_actions.pick(tyg_journal.actions_met):
                text sa.name bold True
                text sa.explain style "tyg_small"
    key "j" action Hide("tyg_journal")

## Ending: the ending, what the player spotted and did, three takeaways, and help.
screen tyg_ending(ending):
    modal True
    on "show" action Function(tyg_trace, "ending", id=ending.id, kind=ending.kind)
    add Solid(tyg_colour_background)
    frame:
        style "tyg_card"
        xsize 1200
        ## The heading and the buttons take what they need at any text size;
        ## the rest scrolls, the summary and "not your fault" first.
        side "t c b":
            spacing 12
            vbox:
                spacing 12
                text TYG_ENDING_KINDS.get(ending.kind, "") style "tyg_small" color tyg_colour_accent bold True
                text ending.title style "tyg_title"
            side "c r":
                spacing 10
                viewport:
                    id "tyg_ending_body"
                    xsize 1090
                    mousewheel True
                    arrowkeys True
                    pagekeys True
                    ## Not a stop for the arrow keys itself: they reach the buttons inside.
                    style "tyg_scroll"
                    draggable True
                    vbox:
                        spacing 8
                        text ending.summary
                        text _("It is not your fault. The blame lies with the person who pressures or threatens.") bold True
                        $ spotted = tyg_journal.red_flags("spotted")
                        $ missed = tyg_journal.red_flags("missed")
                        if spotted:
                            text _("Red flags you spotted") style "tyg_small" color tyg_colour_safe bold True
                            text ", ".join(__(rf.name) for rf in spotted)
                        if missed:
                            text _("Red flags to watch for next time") style "tyg_small" color tyg_colour_flag bold True
                            text ", ".join(__(rf.name) for rf in missed)
                        if tyg_journal.actions_taken:
                            text _("Safe actions you took") style "tyg_small" color tyg_colour_safe bold True
                            text ", ".join(__(sa.name) for sa in tyg_safe_actions.pick(tyg_journal.actions_taken))
                        text _("Three things to remember") style "tyg_heading"
                        for km in tyg_journal.takeaways(3):
                            text __("• {message}. {explanation}").format(message=__(km.name), explanation=__(km.explain))
                        text _("Where to get help") style "tyg_heading"
                        for r in tyg_resources.pick(ending.resources):
                            vbox:
                                text r.name bold True
                                text r.explain style "tyg_small"
                                text tyg_resource_line(r) style "tyg_small"
                vbar value YScrollValue("tyg_ending_body") style "tyg_vbar"
            hbox:
                xalign 1.0
                spacing 16
                box_wrap True
                textbutton _("Play again") action Jump(tyg_current_scenario().label) style "tyg_button"
                textbutton _("Back to the main menu") action Return(True) style "tyg_button" default_focus tyg_first_focus()
                if tyg_facilitating():
                    textbutton _("Reset for the next group") action Function(tyg_reset_for_group) style "tyg_button"

## Main menu: the stories, each with who you play and how long it takes.
screen main_menu():
    tag menu
    ## Under a card (the content note, help, settings) the menu's buttons are
    ## switched off, so the arrow keys stay on the card's own buttons.
    $ covered = tyg_covered()
    add Solid(tyg_colour_background)
    ## The title and the buttons take what they need at any text size; the
    ## stories in between scroll when they don't all fit.
    side "t c b":
        xalign 0.5
        ypos 20
        xsize 1200
        ymaximum 690
        spacing 12
        vbox:
            spacing 12
            xfill True
            text _("Trust Your Gut") style "tyg_title" xalign 0.5
            text _("Short stories about someone online who flatters, pressures, then threatens. You choose what happens, and see why after each choice. Nothing explicit is shown, and help is listed at the end of every story.") style "tyg_small" xalign 0.5 xmaximum 1100 text_align 0.5
            ## So that a teacher can see at a glance that the school's settings file was read.
            if tyg_lab_mode:
                text _("Lab mode: nothing is kept on this computer") style "tyg_small" color tyg_colour_accent bold True xalign 0.5
            if not tyg_scenarios:
                text _("No stories yet. Run: python3 build.py") xalign 0.5
        side "c r":
            spacing 10
            viewport:
                id "tyg_menu_stories"
                style "tyg_scroll"
                xsize 1174
                mousewheel True
                draggable True
                ## Two stories a row; each card is as tall as its text needs.
                vbox:
                    spacing 14
                    for row in range(0, len(tyg_scenarios), 2):
                        hbox:
                            spacing 14
                            for sc in tyg_scenarios[row:row + 2]:
                                button:
                                    style "tyg_button"
                                    xsize 580
                                    action Show("tyg_before_start", sc=sc)
                                    sensitive not covered
                                    alt __("{title}. Play as {name}, {age}").format(title=__(sc.title), name=__(sc.player_name), age=sc.player_age)
                                    vbox:
                                        spacing 4
                                        text sc.title style "tyg_button_text" bold True
                                        text __("Play as {name}, {age}  ·  {minutes}").format(name=__(sc.player_name), age=sc.player_age, minutes=tyg_minutes(sc)) style "tyg_small"
                                        text sc.summary style "tyg_small"
            vbar value YScrollValue("tyg_menu_stories") style "tyg_vbar"
        hbox:
            xalign 0.5
            spacing 20
            box_wrap True
            textbutton _("Help") action Show("tyg_help") style "tyg_button" sensitive not covered
            textbutton _("Settings") action Show("tyg_settings") style "tyg_button" sensitive not covered
            textbutton (_("Facilitator mode: on") if persistent.tyg_facilitator else _("Facilitator mode: off")) action tyg_facilitator_switch() style "tyg_button" sensitive not covered
            if tyg_facilitating():
                textbutton _("Reset for the next group") action Function(tyg_reset_for_group) style "tyg_button" sensitive not covered
            textbutton _("Quit") action Quit(confirm=False) style "tyg_button" sensitive not covered
    key "h" action ToggleScreen("tyg_help")
    ## Keyboard: 1-9 open a story.
    for i, sc in enumerate(tyg_scenarios[:9], 1):
        key str(i) action Show("tyg_before_start", sc=sc)

## Before you start: the story's content note, then start or go back.
screen tyg_before_start(sc):
    modal True
    zorder 100
    add Solid("#f7f3ecf2")
    frame:
        style "tyg_card"
        side "t c b":
            spacing 16
            vbox:
                spacing 16
                text sc.title style "tyg_title"
                text __("You play {name}, {age}.").format(name=__(sc.player_name), age=sc.player_age) bold True
            side "c r":
                spacing 10
                viewport:
                    id "tyg_before_body"
                    xsize 990
                    mousewheel True
                    arrowkeys True
                    pagekeys True
                    ## Not a stop for the arrow keys itself: they reach the buttons inside.
                    style "tyg_scroll"
                    draggable True
                    vbox:
                        spacing 16
                        text _("Before you start") style "tyg_heading"
                        text sc.content_note
                        text _("Press Esc at any time to close the game at once. Help is one key away: H. Press Enter to start.") style "tyg_small"
                vbar value YScrollValue("tyg_before_body") style "tyg_vbar"
            hbox:
                xalign 1.0
                spacing 16
                textbutton _("Back") action Hide("tyg_before_start") style "tyg_button"
                textbutton _("Start the story") action [Hide("tyg_before_start"), Start(sc.label)] style "tyg_button" default_focus tyg_first_focus()
    key "K_BACKSPACE" action Hide("tyg_before_start")
