## options.rpy: the game's identity and engine settings.
##
## As in Ren'Py's own template: `define` for constants, `default` for state.
## The scenario scripts are generated into game/generated/ by build.py; the
## files in game/ itself are hand-written and never touched by the build.

define config.name = _("Trust Your Gut")
define config.version = "0.1.0"
define gui.show_name = True

## Saves and persistent data go to a folder of this name under the player's
## home (or the folder given with --savedir).
define config.save_directory = "TrustYourGut-1"

define config.window_title = _("Trust Your Gut")
define config.has_sound = False
define config.has_music = False
define config.has_voice = False

## No transitions that flash or move; text appears at once by default.
define config.enter_transition = None
define config.exit_transition = None
define config.intra_transition = None
define config.after_load_transition = None
define config.end_game_transition = None
define config.window = "auto"

## Right-to-left scripts (Arabic, Hebrew) are laid out correctly.
define config.rtl = True
default preferences.text_cps = 0
default preferences.afm_enable = False

## The game menu (saves, history) arrives with the player-facing UI issue;
## until then Escape and right-click do nothing rather than show a bare menu.
define _game_menu_screen = None

## Packaging, for `build.py dist` (an official Ren'Py SDK's distribute command).
##
## Patterns are matched, case-insensitively, against paths relative to the
## project's base folder (the one that holds game/), with and without a leading
## "/"; folders are matched with a trailing "/"; "*" stops at "/", "**" does
## not. The first matching pattern wins, after Ren'Py's own early patterns
## (log.txt, traceback.txt, *.py and *.sh at the top, game/saves/...), and a
## folder classified None is not looked into. What ships: game/ with compiled
## scripts (.rpyc; the SDK compiles them while it builds), fonts with their
## licence files and images; and the school settings file next to it. Nothing
## else in the repository ships: scenarios/, tests/, tools/, docs/, bench/,
## assets/, out/, dist/, .ci/, build.py, pyproject.toml, README.md ...
## tests/test_dist.py checks these rules with Ren'Py's own matching function.
init python:
    build.name = "TrustYourGut"
    build.directory_name = "TrustYourGut-" + config.version
    build.executable_name = "TrustYourGut"
    build.include_update = False

    ## Leftovers anywhere: editor backups, hidden files and folders, caches.
    build.classify("**~", None)
    build.classify("**.bak", None)
    build.classify("**/.**", None)
    build.classify("**/#**", None)
    build.classify("**/thumbs.db", None)
    build.classify("**/__pycache__/", None)

    ## The game folder, without sources, caches or saves.
    build.classify("game/cache/", None)
    build.classify("game/saves/", None)
    build.classify("game/**.rpy", None)
    build.classify("game/**.yaml", None)
    build.classify("game/**", "all")

    ## The settings file for schools (lab mode, country), next to game/. On a
    ## Mac it is also copied beside the app, where it is easy to edit.
    build.classify("trust-your-gut.ini", "all")
    build.documentation("trust-your-gut.ini")

    ## Everything else at the top of the repository stays out.
    build.classify("*", None)
