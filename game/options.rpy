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

## Packaging: sources, tests and tools never ship.
init python:
    build.name = "TrustYourGut"
    build.directory_name = "TrustYourGut-" + config.version
    build.executable_name = "TrustYourGut"
    build.include_update = False
    build.classify("**~", None)
    build.classify("**.bak", None)
    build.classify("**/.**", None)
    build.classify("**/#**", None)
    build.classify("**.rpy", None)
    build.classify("**.yaml", None)
    build.classify("game/cache/**", None)
