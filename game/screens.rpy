## screens.rpy: the screens Ren'Py itself asks for (say, choice, confirm,
## notify), and the feedback card. Menus, help, the journal and the ending
## summary are in tyg_menus.rpy.

## Say: one line of narration or dialogue. The "Next" button gives mouse and
## screen-reader users an explicit way on; a click anywhere works too.
## Ren'Py styles the "window", "who" and "what" ids from the speaking
## Character (window_style, who_style, what_style): say_window, say_label
## and say_dialogue by default, tyg_chat_* for phone messages.
screen say(who, what):
    window:
        id "window"
        vbox:
            spacing 8
            if who is not None:
                text who id "who"
            text what id "what"
        textbutton _("Next") action Return(True) style "tyg_next" alt _("Next line")

## The question above a choice menu. No "Next" here: the choices answer it.
screen tyg_prompt(who, what):
    window:
        id "window"
        text what id "what"

style say_window is default:
    background Solid("#fffffff2")
    xfill True
    yalign 1.0
    ## Grows upwards when a long line needs more room at a large text size.
    yminimum 230
    padding (60, 24, 60, 24)

style say_label is default:
    bold True
    size tyg_heading_size

style say_dialogue is default:
    xmaximum 1000

style tyg_next is tyg_button:
    xalign 1.0
    yalign 1.0

style tyg_next_text is tyg_button_text

## The phone: the conversation so far, newest at the bottom. The player's own
## messages are on the right. The newest message is the "what" Ren'Py shows.
screen tyg_chat(who, what, tyg_side="left", tyg_avatar=None, tyg_role=None):
    window:
        id "window"
        style "tyg_phone_window"
        use tyg_phone(tyg_chat_log[-30:-1], 0.5):
            ## The newest message: Ren'Py needs its text under the id "what".
            $ newest = tyg_chat_log[-1] if tyg_chat_log else None
            hbox:
                spacing 8
                xalign (1.0 if tyg_side == "right" else 0.0)
                if newest and newest.avatar and tyg_side == "left":
                    add newest.avatar zoom 0.3
                frame:
                    style "tyg_bubble_" + tyg_side
                    vbox:
                        spacing 2
                        text who id "who"
                        text what id "what"
        textbutton _("Next") action Return(True) style "tyg_next" alt _("Next line")

## The phone itself: the contact's name on top, then the messages, scrolled
## to the newest. What the caller puts inside comes last.
screen tyg_phone(history, where):
    frame:
        style "tyg_phone"
        xalign where
        vbox:
            spacing 0
            frame:
                style "tyg_phone_bar"
                text tyg_chat_contact(tyg_chat_log) style "tyg_phone_bar_text" substitute False alt ""
            frame:
                style "tyg_phone_screen"
                viewport:
                    id "tyg_phone_history"
                    ## The arrow keys go to the reply buttons beside it.
                    style "tyg_scroll"
                    yinitial 1.0
                    mousewheel True
                    draggable True
                    vbox:
                        spacing 10
                        xfill True
                        for m in history:
                            use tyg_bubble(m.who, m.what, m.side, m.avatar)
                        transclude

## A decision taken in the phone: the conversation stays in view on the
## left; on the right, under the question, the messages the player could send
## look like their own chat bubbles, and other moves (block, log off, tell
## someone) are plain buttons. Numbers and keys follow the menu's order.
screen tyg_reply_choices(items):
    use tyg_phone(tyg_chat_log[-30:], 0.03):
        null
    ## Long replies at a large text size scroll below the question: the arrow
    ## and Page keys scroll first, then the arrows move the focus on.
    side "c r":
        style "tyg_reply_area"
        spacing 8
        viewport:
            id "tyg_reply_list"
            style "tyg_scroll"
            mousewheel True
            draggable True
            arrowkeys True
            pagekeys True
            vbox:
                style "tyg_reply_box"
                for n, i in enumerate(items, 1):
                    if i.kwargs.get("reply"):
                        button:
                            style "tyg_reply_button"
                            action i.action
                            alt __("Choice {number}: Reply: {choice}").format(number=n, choice=__(i.caption))
                            hbox:
                                spacing 12
                                text "{}.".format(n) style "tyg_reply_number" yalign 0.5
                                text i.caption style "tyg_reply_text" yalign 0.5
                                text "➤" style "tyg_reply_number" yalign 0.5
                    else:
                        textbutton __("{number}. {choice}").format(number=n, choice=__(i.caption)):
                            action i.action
                            style "tyg_choice_button"
                            xminimum 0
                            xfill True
                            alt __("Choice {number}: {choice}").format(number=n, choice=__(i.caption))
                    if n <= 9:
                        key str(n) action i.action
        vbar value YScrollValue("tyg_reply_list") style "tyg_vbar"

## The question above reply choices, on the right of the phone.
screen tyg_reply_prompt(who, what):
    window:
        id "window"
        style "tyg_reply_prompt_window"
        text what id "what"

define -1 tyg_reply_prompt = TygSpeaker(
    None, kind=adv, screen="tyg_reply_prompt",
    window_style="tyg_reply_prompt_window", what_style="tyg_reply_prompt_text")

style tyg_reply_prompt_window is default:
    xpos 700
    ypos 70
    xsize 540
    ymaximum 170
    padding (20, 14, 20, 14)
    background Frame(Solid("#fffffff2"), 0, 0)

style tyg_reply_prompt_text is tyg_heading

style tyg_reply_area is default:
    xpos 700
    ypos 250
    xsize 560
    ymaximum 460

style tyg_reply_box is default:
    xfill True
    spacing 12

style tyg_reply_button is button:
    xfill True
    padding (18, 12, 18, 12)
    background Frame(Solid("#d6e8ff"), 0, 0)
    hover_background Frame(Solid("#b3d1f7"), 0, 0)
    focus_mask None

style tyg_reply_text is default:
    xmaximum 370
    color tyg_colour_text

style tyg_reply_number is default:
    color tyg_colour_accent
    bold True

screen tyg_bubble(who, what, side, avatar):
    hbox:
        spacing 8
        xalign (1.0 if side == "right" else 0.0)
        if avatar and side == "left":
            add avatar zoom 0.3
        frame:
            style "tyg_bubble_" + side
            vbox:
                spacing 2
                ## Already substituted when first shown: show it as it was, not re-interpolated.
                ## Read aloud has already spoken these: the history stays silent.
                text who style "tyg_chat_who" substitute False alt ""
                text what style "tyg_chat_what" substitute False alt ""

init python:
    def tyg_chat_contact(log):
        """The name at the top of the phone: who the player is talking to."""
        for m in reversed(log):
            if m.side == "left" and m.who:
                return m.who
        return ""

style tyg_phone_window is default:
    xfill True
    yfill True
    background None

style tyg_phone is frame:
    xalign 0.5
    ypos 66
    xsize 620
    ysize 640
    padding (0, 0, 0, 0)
    background Frame(Solid("#1f2430"), 0, 0)

style tyg_phone_bar is frame:
    xfill True
    padding (20, 12, 20, 12)
    background Solid("#2b3240")

style tyg_phone_bar_text is default:
    color "#ffffff"
    bold True
    size tyg_small_size

style tyg_phone_screen is frame:
    xfill True
    yfill True
    padding (14, 14, 14, 14)
    background Solid("#e9edf3")

style tyg_bubble_left is frame:
    background Solid("#ffffff")
    padding (16, 10, 16, 10)
    xmaximum 430

style tyg_bubble_right is tyg_bubble_left:
    background Solid("#d6e8ff")

style tyg_chat_who is tyg_small:
    bold True

style tyg_chat_what is default:
    xmaximum 400

## Choice: numbered options, so every choice also has a key (1-9). In
## facilitator mode they are shown large for a group vote; right after a
## phone message they are reply options inside the phone.
screen choice(items):
    if tyg_facilitating():
        use tyg_vote(items)
    elif any(i.kwargs.get("reply") for i in items):
        use tyg_reply_choices(items)
    else:
        use tyg_choice_list(items)

screen tyg_choice_list(items):
    vbox:
        style "tyg_choice_box"
        for n, i in enumerate(items, 1):
            textbutton __("{number}. {choice}").format(number=n, choice=__(i.caption)):
                action i.action
                style "tyg_choice_button"
                alt __("Choice {number}: {choice}").format(number=n, choice=__(i.caption))
            if n <= 9:
                key str(n) action i.action

style tyg_choice_box is default:
    xalign 0.5
    yalign 0.35
    spacing 14

style tyg_choice_button is tyg_button:
    xminimum 800
    xmaximum 1000

style tyg_choice_button_text is tyg_button_text

## Feedback: shown after every decision. Skip and auto-advance never pass it.
## The explanation scrolls inside the card, so "Continue" is always on screen,
## at every text size: the title and the buttons take what they need, the
## explanation the rest. In facilitator mode, "See the other choice" goes back
## to the decision (tyg_facilitator.rpy). Each catalogue item (red flag, safe
## action, ...) is explained in full the first time the play-through meets it
## (tyg_fresh, set by tyg_chose); after that only its name shows, and selecting
## it opens or closes the explanation.
screen tyg_feedback(fb):
    modal True
    default opened = set(tyg_fresh)
    on "show" action Function(tyg_trace, "feedback", choice=fb.choice, kind=fb.kind, **tyg_card_trace(fb, opened))
    add Solid(tyg_colour_background)
    frame:
        style "tyg_card"
        side "t c b":
            spacing 16
            text fb.title style "tyg_heading"
            side "c r":
                spacing 10
                viewport:
                    id "tyg_feedback_body"
                    xsize 990
                    mousewheel True
                    ## The arrow and Page keys scroll the explanation (Page Up never
                    ## rolls back); at its end the arrows move the focus on.
                    arrowkeys True
                    pagekeys True
                    ## Not a stop for the arrow keys itself: they reach the buttons inside.
                    style "tyg_scroll"
                    draggable True
                    vbox:
                        spacing 12
                        text fb.happened
                        $ flags = tyg_red_flags.pick(fb.red_flags)
                        if flags:
                            text _("Red flags (select one to see why)") style "tyg_small" color tyg_colour_flag bold True alt __("Red flags: {names}. Select one to hear why.").format(names=", ".join(__(rf.name) for rf in flags))
                            for rf in flags:
                                $ k = ("red_flags", rf.id)
                                button:
                                    style "tyg_flag_row"
                                    action ToggleSetMembership(opened, k)
                                    alt (__("{name}. {explanation}").format(name=__(rf.name), explanation=__(rf.explain)) if k in opened else __(rf.name))
                                    hbox:
                                        spacing 12
                                        if renpy.has_image("icon red_flag"):
                                            add "icon red_flag" zoom 0.5 yalign 0.5
                                        text rf.name bold True yalign 0.5
                                        text ("▾" if k in opened else "▸") yalign 0.5 color tyg_colour_flag size tyg_title_size
                                if k in opened:
                                    text rf.explain style "tyg_small" xoffset 44 xmaximum 900
                        text _("Why it matters") style "tyg_small" bold True
                        text fb.why
                        if fb.safer:
                            text _("The safer move") style "tyg_small" color tyg_colour_safe bold True
                            text fb.safer
                        for heading, index, ids, key in tyg_feedback_sections(fb):
                            $ items = index.pick(ids)
                            if items:
                                text heading style "tyg_small" color tyg_colour_safe bold True
                                for item in items:
                                    $ k = (key, item.id)
                                    button:
                                        style "tyg_flag_row"
                                        action ToggleSetMembership(opened, k)
                                        alt (__("{name}. {explanation}").format(name=__(item.name), explanation=__(item.explain)) if k in opened else __(item.name))
                                        hbox:
                                            spacing 12
                                            if renpy.has_image("icon safe_action"):
                                                add "icon safe_action" zoom 0.5 yalign 0.5
                                            text item.name bold True yalign 0.5
                                            text ("▾" if k in opened else "▸") yalign 0.5 color tyg_colour_safe size tyg_title_size
                                    if k in opened:
                                        text item.explain style "tyg_small" xoffset 44 xmaximum 900
                vbar value YScrollValue("tyg_feedback_body") style "tyg_vbar"
            hbox:
                xalign 1.0
                spacing 16
                if tyg_can_see_other_choice():
                    textbutton _("See the other choice (O)") action Function(tyg_see_other_choice) style "tyg_button"
                ## Focused first, so Enter continues unless another button has the focus.
                ## Not when reading aloud: then the whole card is read first (Ren'Py reads
                ## the focused button only), and the arrows go through it in order.
                textbutton _("Continue") action Return(True) style "tyg_button" default_focus tyg_first_focus()
    if tyg_can_see_other_choice():
        key "o" action Function(tyg_see_other_choice)

## Confirm: Ren'Py asks for this screen by name.
screen confirm(message, yes_action, no_action):
    modal True
    zorder 200
    add Solid("#000000aa")
    frame:
        style "tyg_card"
        vbox:
            spacing 20
            text _(message)
            hbox:
                spacing 40
                xalign 0.5
                textbutton _("Yes") action yes_action style "tyg_button"
                textbutton _("No") action no_action style "tyg_button"
    key "game_menu" action no_action

## Notify: short messages from the engine.
screen notify(message):
    zorder 100
    style_prefix "notify"
    frame at notify_appear:
        text "[message!tq]"
    timer 3.25 action Hide('notify')

transform notify_appear:
    on show:
        alpha 0
        linear .25 alpha 1.0
    on hide:
        linear .5 alpha 0.0

style notify_frame is frame:
    ypos 40
    background Solid("#ffffff")
    padding (20, 10, 20, 10)

## The scrolling part of a card. The arrow and Page keys scroll it whatever
## has the focus (arrowkeys, pagekeys), so it is no stop for the arrow keys
## itself: they go on to the buttons inside it and below it.
style tyg_scroll is viewport:
    keyboard_focus False

## A plain scroll bar: hidden when everything fits.
style tyg_vbar is vbar:
    ## The keys scroll the card itself; the bar is for the mouse.
    keyboard_focus False
    xsize 12
    top_bar Solid("#e3e6ea")
    bottom_bar Solid("#e3e6ea")
    thumb Solid("#7d8797", ysize=80)
    thumb_offset 40
    bar_invert True
    unscrollable "hide"

## A whole-width row, so the arrow keys reach it from the buttons below the card.
style tyg_flag_row is button:
    xfill True
    padding (4, 2, 12, 2)
    background None
    hover_background Solid("#f6e3e1")
