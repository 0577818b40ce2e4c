## gui.rpy: sizes, colours and fonts, in one place.
##
## The full look and feel arrives with the player-facing UI issue. These are
## plain, readable defaults: dark text on a warm light background, well above
## a 4.5:1 contrast ratio.

init offset = -2

init python:
    gui.init(1280, 720)

## DejaVu Sans for text; Symbola (fonts/, with its licence) for the symbols and
## emoji DejaVu lacks, so chat messages never show empty boxes.
init python:
    def tyg_font(base, latin=None):
        """``base`` with Symbola behind it; ``latin`` (if given) in front for Latin letters."""
        group = FontGroup()
        if latin:
            group.add(latin, 0x20, 0x7e)
            group.add(latin, 0xa0, 0x17f)
        for start, end in ((0x2190, 0x2bff), (0x1f000, 0x1faff)):
            group.add("fonts/Symbola.ttf", start, end)
        group.add(base, None, None)
        group.tyg_base = base
        return group

define gui.text_font = tyg_font("DejaVuSans.ttf")
define gui.name_text_font = tyg_font("DejaVuSans-Bold.ttf")
define gui.interface_text_font = tyg_font("DejaVuSans.ttf")

define tyg_colour_background = "#f7f3ec"
define tyg_colour_panel = "#ffffff"
define tyg_colour_text = "#1f2430"
define tyg_colour_muted = "#4a5060"
define tyg_colour_accent = "#1d5fa8"
define tyg_colour_accent_hover = "#0e3d73"
define tyg_colour_flag = "#b3261e"
define tyg_colour_safe = "#1e6b3a"

define tyg_text_size = 26
define tyg_small_size = 22
define tyg_title_size = 44
define tyg_heading_size = 30

style default:
    font gui.text_font
    size tyg_text_size
    color tyg_colour_text
    language "unicode"

style tyg_button:
    padding (18, 10, 18, 10)
    background Frame(Solid(tyg_colour_panel), 0, 0)
    hover_background Solid("#e6eef8")
    selected_background Solid("#cfe0f5")
    selected_hover_background Solid("#bcd3ef")
    insensitive_background Solid("#eeeeee")

style tyg_button_text:
    size tyg_text_size
    color tyg_colour_accent
    hover_color tyg_colour_accent_hover
    insensitive_color "#6b6b6b"

style tyg_title is default:
    size tyg_title_size
    bold True

style tyg_heading is default:
    size tyg_heading_size
    bold True

style tyg_small is default:
    size tyg_small_size
    color tyg_colour_muted

style tyg_card is frame:
    background Frame(Solid(tyg_colour_panel), 0, 0)
    padding (40, 30, 40, 30)
    xalign 0.5
    yalign 0.5
    xmaximum 1100
    ## Leaves the top 60 pixels to the journal, help and quick-exit buttons.
    ymaximum 630
    yoffset 25
