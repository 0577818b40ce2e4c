## tyg_privacy.rpy: the quick exit, and lab mode for shared computers.
##
## Lab mode is switched on by a plain settings file next to the game, so a
## school can set it once for every lab computer:
##
##     trust-your-gut.ini   (in the folder that holds game/, or beside a Mac app)
##     [school]
##     lab_mode = yes
##
## In lab mode nothing is kept between students: no saves, no persistent
## data (settings, seen text), no autosave, and a fresh start every time.

init -1500 python:

    import configparser
    import os

    def _tyg_settings_paths():
        """Where the settings file may be; a later file wins over an earlier one."""
        paths = [os.path.join(config.basedir, "trust-your-gut.ini")]
        ## A Mac app keeps the game inside TrustYourGut.app/Contents/Resources/autorun;
        ## a school edits the copy beside the app.
        app_suffix = "/Contents/Resources/autorun"
        if config.basedir.replace("\\", "/").endswith(app_suffix):
            app = config.basedir[: -len(app_suffix)]
            paths.append(os.path.join(os.path.dirname(app), "trust-your-gut.ini"))
        return paths

    def _tyg_read_settings():
        ## "lab_mode = yes  ; no saves" must still mean yes: allow comments after values.
        parser = configparser.ConfigParser(inline_comment_prefixes=(";", "#"))
        for path in _tyg_settings_paths():
            try:
                parser.read(path, encoding="utf-8")
            except (configparser.Error, OSError, UnicodeDecodeError):
                pass  # a broken settings file must never stop the game; defaults apply
        return parser

    _tyg_settings = _tyg_read_settings()

    def _tyg_setting(name, default):
        return _tyg_settings.get("school", name, fallback=default)

    tyg_lab_mode = _tyg_setting("lab_mode", "no").strip().lower() in ("1", "yes", "true", "on")

    ## facilitator = yes starts every run in facilitator mode (tyg_facilitator.rpy).
    tyg_facilitator_setting = _tyg_setting("facilitator", "no").strip().lower() in ("1", "yes", "true", "on")

    if tyg_lab_mode:
        ## Persistent data (preferences, read-text marks) is never written.
        renpy.persistent.should_save_persistent = False

init python:
    ## language = es starts the game in Spanish (build.py makes game/generated/tl/spanish/
    ## from translations/es.po). It is the default: a player can still pick another
    ## language in Settings, which is kept on a home computer and forgotten in lab mode.
    TYG_LANGUAGE_CODES = {"en": None, "english": None, "es": "spanish", "spanish": "spanish", "español": "spanish"}
    _tyg_language = _tyg_setting("language", "").strip().lower()
    if TYG_LANGUAGE_CODES.get(_tyg_language) in renpy.known_languages():
        config.default_language = TYG_LANGUAGE_CODES[_tyg_language]

    if tyg_lab_mode:
        config.has_autosave = False
        config.autosave_on_choice = False
        config.autosave_on_quit = False
        config.history_length = None

    def tyg_quick_exit():
        """Close the game at once: no question, no save, nothing left on screen."""
        tyg_trace("quick_exit")
        renpy.quit(save=False)

    config.overlay_screens.append("tyg_quick_exit")

## Always on top while playing: the journal and help buttons, then a plain
## quick-exit button; and the Escape key.
screen tyg_quick_exit():
    zorder 1000
    hbox:
        xalign 1.0
        yalign 0.0
        xoffset -12
        yoffset 12
        spacing 10
        use tyg_tool_buttons
        textbutton _("Quick exit (Esc)"):
            style "tyg_quick_exit"
            action Function(tyg_quick_exit)
            alt _("Quick exit: close the game now")
    key "K_ESCAPE" action Function(tyg_quick_exit)

style tyg_quick_exit is tyg_button:
    background Solid("#1f2430")
    hover_background Solid("#3a4150")

style tyg_quick_exit_text is tyg_button_text:
    color "#ffffff"
    hover_color "#ffffff"
    size tyg_small_size
