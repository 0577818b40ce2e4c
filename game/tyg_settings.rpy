## tyg_settings.rpy: settings for reading comfort, and facilitator mode.
##
## Text size, high-contrast text and self-voicing are Ren'Py's own
## accessibility preferences. The dyslexia-friendly font is OpenDyslexic,
## bundled in game/fonts/ under its licence (OpenDyslexic-LICENSE.txt).

init python:

    _tyg_dyslexic_groups = { }

    def _tyg_dyslexic(font):
        """Latin text in OpenDyslexic; anything it has no glyph for stays in the game's fonts."""
        base = getattr(font, "tyg_base", font)
        if base not in _tyg_dyslexic_groups:
            face = "fonts/OpenDyslexic-Bold.otf" if "Bold" in base else "fonts/OpenDyslexic-Regular.otf"
            _tyg_dyslexic_groups[base] = tyg_font(base, latin=face)
        return _tyg_dyslexic_groups[base]

    config.font_transforms["tyg_dyslexic"] = _tyg_dyslexic

    ## Text sizes offered, as multiples of the designed size. The largest is
    ## the one the layout tests check for overflow.
    ## Languages by Ren'Py name (None is English), each named in its own words.
    TYG_LANGUAGE_NAMES = {None: "English", "spanish": "Español"}

    def tyg_languages():
        """(Ren'Py language, its own name) for English and each language the build made."""
        return [(None, "English")] + [(l, TYG_LANGUAGE_NAMES.get(l, l)) for l in sorted(renpy.known_languages()) if l]

    TYG_TEXT_SIZES = [(_("Normal"), 1.0), (_("Large"), 1.2), (_("Largest"), 1.4)]

screen tyg_settings():
    on "show" action Function(tyg_trace, "settings")
    use tyg_panel(_("Settings"), Hide("tyg_settings")):
        text _("Text size") style "tyg_heading"
        hbox:
            spacing 12
            box_wrap True
            ## In facilitator mode, also the projector size (tyg_facilitator.rpy).
            for label, scale in tyg_text_sizes():
                textbutton label action Preference("font size", scale) style "tyg_button"
        text _("Language") style "tyg_heading"
        hbox:
            spacing 12
            box_wrap True
            ## Each language is named in its own words, so it is never translated.
            for code, name in tyg_languages():
                textbutton name action Language(code) style "tyg_button"
        text _("Reading") style "tyg_heading"
        hbox:
            spacing 12
            box_wrap True
            textbutton _("High contrast text") action Preference("high contrast text", "toggle") style "tyg_button"
            ## A toggle: shown (and read aloud) as selected while the font is on.
            $ dyslexic = _preferences.font_transform == "tyg_dyslexic"
            textbutton _("Dyslexia-friendly font") action Preference("font transform", None if dyslexic else "tyg_dyslexic") selected dyslexic style "tyg_button"
            textbutton _("Read aloud") action Preference("self voicing", "toggle") style "tyg_button"
        text _("Selected options are highlighted. Read aloud uses your computer's voice (press V in the game to switch it on or off).") style "tyg_small"
        text _("Group sessions") style "tyg_heading"
        textbutton (_("Facilitator mode: on") if persistent.tyg_facilitator else _("Facilitator mode: off")) action tyg_facilitator_switch() style "tyg_button"
        text _("For a group around one screen: the game pauses at each discussion question (press N for the notes), shows the choices large for a vote, and lets the group go back to see the other choice. A Projector text size is offered.") style "tyg_small"
