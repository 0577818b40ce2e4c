## tyg_privacy.rpy: the quick exit, and lab mode for shared computers.
##
## Lab mode is switched on by a plain settings file next to the game, so a
## school can set it once for every lab computer:
##
##     trust-your-gut.ini   (in the folder that holds game/, or beside a Mac app)
##     [school]
##     lab_mode = yes
##
## In lab mode nothing is kept between students: no persistent data
## (settings), and a fresh start every time. Outside lab mode only the
## settings are kept. There are never any saves (no autosave either), and
## persistent data never holds the story: not the choices taken, not which
## lines were seen.

init -1500 python:

    import configparser
    import os

    ## Where IT can deploy the settings file once for a whole computer, whatever
    ## folder the game is copied to (and where a Mac's quarantine cannot move it away).
    def _tyg_machine_settings():
        if renpy.windows:
            return os.path.join(os.environ.get("ProgramData") or "C:\\ProgramData", "TrustYourGut", "trust-your-gut.ini")
        if renpy.macintosh:
            return "/Library/Application Support/TrustYourGut/trust-your-gut.ini"
        return "/etc/trust-your-gut/trust-your-gut.ini"

    def _tyg_settings_paths():
        """Where the settings file may be; a later file wins over an earlier one:
        the computer's, then the one beside the game."""
        paths = [_tyg_machine_settings(), os.path.join(config.basedir, "trust-your-gut.ini")]
        ## A Mac app keeps the game inside TrustYourGut.app/Contents/Resources/autorun;
        ## a school edits the copy beside the app.
        app_suffix = "/Contents/Resources/autorun"
        if config.basedir.replace("\\", "/").endswith(app_suffix):
            app = config.basedir[: -len(app_suffix)]
            paths.append(os.path.join(os.path.dirname(app), "trust-your-gut.ini"))
        return paths

    def _tyg_settings_text(data):
        """The text of a settings file as Notepad and other editors save it: UTF-8 with or
        without a byte-order mark, UTF-16 with one; any line endings."""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig", errors="replace")
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def _tyg_new_parser():
        ## "lab_mode = yes  ; no saves" must still mean yes: allow comments after values.
        return configparser.ConfigParser(inline_comment_prefixes=(";", "#"), interpolation=None)

    ## What was read, for log.txt and the tests: (path, what happened).
    tyg_settings_read = [ ]

    def _tyg_read_settings():
        parser = _tyg_new_parser()
        for path in _tyg_settings_paths():
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError:
                continue
            ## A broken file must never stop the game: it is logged and left out.
            one = _tyg_new_parser()
            try:
                one.read_string(_tyg_settings_text(data), source=path)
            except (configparser.Error, UnicodeError) as e:
                tyg_settings_read.append((path, "ignored: " + str(e).splitlines()[0]))
                continue
            parser.read_dict(one)
            values = dict(one.items("school")) if one.has_section("school") else { }
            tyg_settings_read.append((path, "read [school] " + ", ".join("{} = {}".format(k, v) for k, v in sorted(values.items()))))
        for path, what in tyg_settings_read:
            print("Trust Your Gut settings file {}: {}".format(path, what))
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

    ## No saves, ever: the game offers no Continue or Load, and a save would
    ## hold the story (the chat, the journal, a screenshot). So no autosave,
    ## none on quit, none when a phone sends the game to the background.
    config.has_autosave = False
    config.autosave_on_choice = False
    config.autosave_on_input = False
    config.autosave_on_quit = False
    config.save_on_mobile_background = False
    if tyg_lab_mode:
        config.history_length = None

    def tyg_forget_story():
        """Persistent data keeps settings only: not the menu choices taken (Ren'Py
        keeps their text, to mark them), nor which lines and pictures were seen."""
        for name in ("_chosen", "_seen_ever", "_seen_images", "_seen_translates"):
            seen = getattr(persistent, name, None)
            if seen:
                seen.clear()

    ## Each interaction starts clean, and Ren'Py writes persistent data only
    ## between interactions (at quit, a restart, the main menu).
    config.interact_callbacks.append(tyg_forget_story)

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
