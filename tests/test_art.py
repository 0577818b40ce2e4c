"""The pictures in game/images/ are exactly what tools/make_art.py draws.

If a test here fails after you changed the drawing code on purpose, redraw the
pictures with `python3 tools/make_art.py`, look at them, and commit them.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMAGES = os.path.join(ROOT, "game", "images")
SCRIPT = os.path.join(ROOT, "tools", "make_art.py")

BACKGROUNDS = ["bedroom", "hallway", "kitchen", "phone", "park", "office"]
AVATARS = ["niko", "luis", "mateo", "jade", "adult", "madison"]
ICONS = ["red_flag", "safe_action", "upstander", "key_message", "adult_action", "help"]

# file name -> (width, height, mode)
EXPECTED = {
    **{f"bg {name}.png": (1280, 720, "RGB") for name in BACKGROUNDS},
    **{f"avatar {name}.png": (160, 160, "RGBA") for name in AVATARS},
    **{f"icon {name}.png": (64, 64, "RGBA") for name in ICONS},
}

PNG_COLOUR_TYPES = {0: "L", 2: "RGB", 3: "P", 4: "LA", 6: "RGBA"}
REDRAW_HINT = "redraw with `python3 tools/make_art.py`, look at the pictures, and commit them"


def png_header(path):
    """(width, height, mode) read straight from a PNG's header, without Pillow."""
    with open(path, "rb") as f:
        head = f.read(26)
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height, bit_depth, colour_type = struct.unpack(">IIBB", head[16:26])
    assert bit_depth == 8, f"{path}: expected 8 bits per channel, found {bit_depth}"
    return width, height, PNG_COLOUR_TYPES.get(colour_type, f"colour type {colour_type}")


def pillow():
    """Pillow's Image module, or skip: redrawing the pictures needs Pillow."""
    return pytest.importorskip(
        "PIL.Image", reason="Pillow is not installed, so the pictures cannot be redrawn or decoded to compare "
                            "(python3 -m pip install Pillow)")


@pytest.fixture(scope="module")
def redrawn(tmp_path_factory):
    """A folder holding a fresh run of tools/make_art.py."""
    pillow()
    out = tmp_path_factory.mktemp("art")
    result = subprocess.run([sys.executable, SCRIPT, "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"make_art.py failed:\n{result.stdout}\n{result.stderr}"
    return str(out)


def test_every_picture_is_committed_with_the_right_size_and_mode():
    problems = []
    for name, expected in sorted(EXPECTED.items()):
        path = os.path.join(IMAGES, name)
        if not os.path.isfile(path):
            problems.append(f"{name}: missing from game/images/")
        elif png_header(path) != expected:
            problems.append(f"{name}: is {png_header(path)}, expected {expected}")
    assert not problems, "\n".join(problems)


def test_the_script_draws_exactly_the_expected_pictures(redrawn):
    assert sorted(os.listdir(redrawn)) == sorted(EXPECTED)


def test_redrawn_pictures_match_the_committed_ones_pixel_for_pixel(redrawn):
    Image = pillow()
    from PIL import ImageChops

    problems = []
    for name in sorted(os.listdir(redrawn)):
        committed_path = os.path.join(IMAGES, name)
        if not os.path.isfile(committed_path):
            problems.append(f"{name}: drawn by the script but not committed in game/images/")
            continue
        with Image.open(os.path.join(redrawn, name)) as new, Image.open(committed_path) as old:
            if (new.size, new.mode) != (old.size, old.mode):
                problems.append(f"{name}: drawn as {new.size} {new.mode}, committed as {old.size} {old.mode}")
            elif new.tobytes() != old.tobytes():
                bands = ImageChops.difference(new, old).split()
                changed = bands[0]
                for band in bands[1:]:
                    changed = ImageChops.lighter(changed, band)
                count = new.width * new.height - changed.histogram()[0]
                problems.append(f"{name}: {count} pixel(s) differ, inside {changed.getbbox()}")
    if problems:
        import PIL

        problems.append(f"(Pillow {PIL.__version__}; {REDRAW_HINT})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ["avatar", "icon"])
def test_avatars_and_icons_have_transparent_corners(kind):
    Image = pillow()
    for name in sorted(EXPECTED):
        if not name.startswith(kind + " "):
            continue
        with Image.open(os.path.join(IMAGES, name)) as im:
            alpha = im.getchannel("A")
            w, h = im.size
            corners = [alpha.getpixel(xy) for xy in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1))]
            assert corners == [0, 0, 0, 0], f"{name}: corners should be see-through, alpha is {corners}"
            if kind == "avatar":  # a filled circle: opaque all the way across its middle
                assert all(alpha.getpixel((x, h // 2)) == 255 for x in range(2, w - 2)), name
