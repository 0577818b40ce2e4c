#!/usr/bin/env python3
"""Draw the game's pictures with Pillow and write them as PNGs into game/images/.

Every picture is our own, drawn from flat shapes in code: no downloaded art and
no text (so no fonts are needed, and the output does not depend on which fonts
a machine has). The drawing is deterministic, so running this again gives the
same pixels; tests/test_art.py checks that the committed PNGs match.

    python3 tools/make_art.py              # write into game/images/
    python3 tools/make_art.py --out DIR    # write somewhere else

Ren'Py names an image after its file, so "bg bedroom.png" is the image
"bg bedroom" (tag "bg", attribute "bedroom").

Pictures are drawn a few times larger than their final size and then shrunk
by averaging (Image.reduce), which smooths their edges.
"""

from __future__ import annotations

import argparse
import math
import os
import sys

from PIL import Image, ImageDraw, ImageFilter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "game", "images")

BG_SIZE = (1280, 720)
AVATAR_SIZE = (160, 160)
ICON_SIZE = (64, 64)

CLEAR = (0, 0, 0, 0)


# ---------------------------------------------------------------- colours

def mix(a, b, t):
    """The colour a fraction t of the way from a to b."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def darker(colour, t=0.12):
    return mix(colour, (40, 30, 40), t)


def lighter(colour, t=0.35):
    return mix(colour, (255, 255, 255), t)


def alpha(colour, a):
    """colour with opacity a (0-255), for see-through shapes on backgrounds."""
    return tuple(colour[:3]) + (a,)


# ----------------------------------------------------------------- canvas

class Canvas:
    """A drawing surface addressed in final-size pixels, drawn at `scale` times that size.

    Colours with an alpha value blend onto RGB canvases (backgrounds); on RGBA
    canvases (icons) a shape's colour replaces what was there.
    """

    def __init__(self, size, scale, background, mode="RGB"):
        self.width, self.height = size
        self.k = scale
        self.im = Image.new(mode, (self.width * scale, self.height * scale), background)
        self.draw = ImageDraw.Draw(self.im, "RGBA")

    def _xy(self, *values):
        return [round(v * self.k) for v in values]

    def _points(self, points):
        return [(round(x * self.k), round(y * self.k)) for x, y in points]

    def rect(self, x0, y0, x1, y1, fill, radius=0, outline=None, width=0):
        box = self._xy(x0, y0, x1 - 1 / self.k, y1 - 1 / self.k)
        if radius:
            self.draw.rounded_rectangle(box, radius * self.k, fill=fill, outline=outline, width=round(width * self.k))
        else:
            self.draw.rectangle(box, fill=fill, outline=outline, width=round(width * self.k))

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=0):
        self.draw.ellipse(self._xy(x0, y0, x1, y1), fill=fill, outline=outline, width=round(width * self.k))

    def circle(self, cx, cy, r, fill=None, outline=None, width=0):
        self.ellipse(cx - r, cy - r, cx + r, cy + r, fill, outline, width)

    def polygon(self, points, fill):
        self.draw.polygon(self._points(points), fill=fill)

    def line(self, points, fill, width):
        """A line through points with rounded ends and joints."""
        self.draw.line(self._points(points), fill=fill, width=round(width * self.k), joint="curve")
        for x, y in (points[0], points[-1]):
            self.circle(x, y, width / 2, fill)

    def arc(self, x0, y0, x1, y1, start, end, fill, width):
        self.draw.arc(self._xy(x0, y0, x1, y1), start, end, fill=fill, width=round(width * self.k))

    def pieslice(self, x0, y0, x1, y1, start, end, fill):
        self.draw.pieslice(self._xy(x0, y0, x1, y1), start, end, fill=fill)

    def vgradient(self, x0, y0, x1, y1, top, bottom):
        """Fill a rectangle with colour fading from top to bottom."""
        px0, py0, px1, py1 = self._xy(x0, y0, x1, y1)
        rows = max(py1 - py0 - 1, 1)
        for i, y in enumerate(range(py0, py1)):
            self.draw.line([(px0, y), (px1 - 1, y)], fill=mix(top, bottom, i / rows))

    def finish(self):
        return self.im.reduce(self.k)


# ------------------------------------------------------- shared drawing bits

def heart_points(cx, cy, size, steps=48):
    """Points round a heart shape `size` pixels wide, centred on (cx, cy)."""
    points = []
    for i in range(steps):
        t = 2 * math.pi * i / steps
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((cx + x * size / 34, cy - (y + 2.5) * size / 34))
    return points


def sparkle_points(cx, cy, r):
    """A four-pointed sparkle star of radius r."""
    points = []
    for i in range(8):
        angle = math.pi / 4 * i - math.pi / 2
        radius = r if i % 2 == 0 else r * 0.3
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def window(c, x0, y0, x1, y1, frame, sky_top, sky_bottom, panes=(2, 2), treetops=None):
    """A framed window showing soft sky (and treetops, if given a colour), with a sill."""
    c.rect(x0 - 10, y0 - 10, x1 + 10, y1 + 10, frame, radius=6)
    c.vgradient(x0, y0, x1, y1, sky_top, sky_bottom)
    cloud = lighter(sky_bottom, 0.6)
    s = (y1 - y0) / 240
    cx, cy = x0 + (x1 - x0) * 0.18, y0 + (y1 - y0) * 0.3
    for dx, dy, r in ((0, 0, 18), (22, -8, 22), (46, 2, 16)):
        c.circle(cx + dx * s, cy + dy * s, r * s, cloud)
    c.rect(cx, cy, cx + 46 * s, cy + 18 * s, cloud)
    if treetops:
        h = y1 - y0
        c.rect(x0, y1 - h * 0.12, x1, y1, treetops)
        for fx, r in ((0.16, 0.13), (0.3, 0.1), (0.84, 0.11)):
            c.circle(x0 + (x1 - x0) * fx, y1 - h * 0.12, h * r, treetops)
    cols, rows = panes
    for i in range(1, cols):
        x = x0 + (x1 - x0) * i / cols
        c.rect(x - 4, y0, x + 4, y1, frame)
    for j in range(1, rows):
        y = y0 + (y1 - y0) * j / rows
        c.rect(x0, y - 4, x1, y + 4, frame)
    c.rect(x0 - 22, y1 + 8, x1 + 22, y1 + 22, darker(frame, 0.06), radius=4)


def potted_plant(c, x, base_y, size, pot, leaf):
    """A pot whose bottom centre is at (x, base_y), with rounded leaves."""
    w = size * 0.5
    c.polygon([(x - w / 2, base_y - size * 0.45), (x + w / 2, base_y - size * 0.45),
               (x + w * 0.38, base_y), (x - w * 0.38, base_y)], pot)
    c.rect(x - w / 2 - 3, base_y - size * 0.5, x + w / 2 + 3, base_y - size * 0.4, darker(pot, 0.1), radius=3)
    top = base_y - size * 0.5
    dark_leaf = darker(leaf, 0.15)
    for dx, dy, rx, ry, colour in ((-0.28, -0.38, 0.2, 0.34, dark_leaf), (0.28, -0.38, 0.2, 0.34, dark_leaf),
                                   (-0.12, -0.6, 0.17, 0.4, leaf), (0.14, -0.58, 0.17, 0.4, leaf),
                                   (0, -0.35, 0.2, 0.3, leaf)):
        cx, cy = x + dx * size, top + dy * size
        c.ellipse(cx - rx * size, cy - ry * size, cx + rx * size, cy + ry * size, colour)


def round_tree(c, x, ground_y, height, trunk, leaf):
    """A tree with a rounded, cloud-like crown; trunk foot at (x, ground_y)."""
    tw = height * 0.08
    c.rect(x - tw / 2, ground_y - height * 0.55, x + tw / 2, ground_y, trunk, radius=tw / 3)
    r = height * 0.24
    crown_y = ground_y - height * 0.68
    shadow = darker(leaf, 0.12)
    for dx, dy, rr, colour in ((-0.9, 0.25, 0.8, shadow), (0.9, 0.25, 0.8, shadow), (0, 0.35, 0.9, shadow),
                               (-0.55, -0.25, 0.85, leaf), (0.55, -0.2, 0.85, leaf), (0, -0.6, 0.9, leaf),
                               (0, 0.05, 0.9, leaf)):
        c.circle(x + dx * r, crown_y + dy * r, rr * r, colour)
    c.circle(x - 0.35 * r, crown_y - 0.75 * r, 0.32 * r, lighter(leaf, 0.1))


# ------------------------------------------------------------ backgrounds
#
# The dialogue window covers the bottom 230 px (y > 490), so the things that
# tell you where you are sit above that line. Colours stay soft and close
# together so text drawn over them stays easy to read.

def bg_bedroom():
    c = Canvas(BG_SIZE, 3, (250, 232, 218))
    c.vgradient(0, 0, 1280, 520, (251, 236, 224), (245, 222, 207))
    c.rect(0, 505, 1280, 522, (236, 208, 188))                      # skirting board
    c.vgradient(0, 522, 1280, 720, (222, 192, 164), (212, 180, 152))
    for y in range(562, 720, 44):                                     # floorboards
        c.rect(0, y, 1280, y + 3, (208, 176, 148))

    # window with curtains
    window(c, 110, 100, 390, 340, (255, 249, 240), (190, 218, 238), (222, 234, 240))
    potted_plant(c, 330, 350, 70, (226, 150, 120), (130, 180, 140))
    c.rect(70, 66, 430, 74, (190, 150, 120), radius=4)                # curtain rod
    curtain = (160, 200, 196)
    c.polygon([(72, 70), (132, 70), (120, 250), (138, 410), (78, 410)], curtain)
    c.polygon([(368, 70), (428, 70), (422, 410), (362, 410), (380, 250)], curtain)

    # posters above the desk
    c.rect(470, 110, 590, 260, (255, 238, 206), radius=4)
    c.circle(555, 148, 16, (250, 200, 130))
    c.polygon([(478, 252), (520, 170), (560, 252)], (226, 160, 136))
    c.polygon([(530, 252), (560, 196), (584, 252)], (196, 150, 170))
    c.rect(620, 140, 720, 240, (214, 206, 238), radius=4)
    c.circle(670, 190, 26, (250, 214, 160))
    c.arc(630, 176, 710, 204, 160, 380, (160, 150, 210), 5)
    for x, y in ((640, 156), (700, 160), (646, 226)):
        c.polygon(sparkle_points(x, y, 7), (255, 255, 255))

    # desk with a laptop, lamp and mug
    wood = (200, 156, 118)
    c.rect(470, 392, 780, 410, wood, radius=4)
    c.rect(484, 410, 500, 600, darker(wood, 0.1))
    c.rect(640, 410, 766, 600, darker(wood, 0.05))
    c.rect(650, 430, 756, 500, darker(wood, 0.1), radius=3)
    c.rect(690, 460, 716, 468, (240, 220, 190), radius=3)
    c.rect(540, 318, 650, 388, (120, 128, 150), radius=6)              # laptop
    c.rect(547, 325, 643, 381, (176, 196, 222), radius=3)
    c.rect(524, 386, 666, 394, (150, 156, 172), radius=3)
    c.rect(716, 380, 756, 392, (150, 140, 170), radius=4)              # lamp
    c.line([(736, 384), (724, 330), (748, 300)], (150, 140, 170), 5)
    c.polygon([(728, 292), (770, 292), (784, 326), (714, 326)], (250, 200, 150))
    c.rect(680, 362, 700, 392, (120, 180, 180), radius=4)              # mug
    c.arc(694, 368, 710, 384, 270, 90, (120, 180, 180), 4)

    # bunting over the bed
    colours = [(240, 170, 150), (250, 214, 140), (160, 200, 196), (190, 176, 226)]
    flags = [(840 + i * 52, 118 + 26 * math.sin(math.pi * (i + 0.5) / 8)) for i in range(8)]
    c.line([(820, 108)] + [(x, y) for x, y in flags] + [(1260, 108)], (190, 160, 140), 2)
    for i, (x, y) in enumerate(flags):
        c.polygon([(x - 18, y - 4), (x + 18, y - 4), (x, y + 30)], colours[i % 4])

    # bed
    c.rect(1228, 290, 1262, 580, (190, 146, 110), radius=10)           # headboard
    c.rect(806, 380, 836, 580, (190, 146, 110), radius=10)             # footboard
    c.rect(830, 420, 1232, 520, (246, 240, 232))                        # mattress
    c.rect(1100, 360, 1226, 420, (255, 252, 246), radius=22)           # pillow
    blanket = (168, 186, 226)
    c.rect(830, 396, 1150, 522, blanket, radius=16)
    for x in range(880, 1140, 60):
        c.rect(x, 404, x + 20, 514, lighter(blanket, 0.25), radius=6)
    c.rect(830, 520, 1232, 540, (206, 170, 136))

    c.ellipse(260, 610, 1000, 700, (232, 178, 166))                      # rug
    c.ellipse(300, 622, 960, 688, (238, 196, 182))
    return c.finish()


def bg_hallway():
    c = Canvas(BG_SIZE, 3, (232, 226, 212))
    c.rect(0, 0, 1280, 50, (238, 236, 230))                            # ceiling
    for x in (120, 460, 800, 1140):
        c.rect(x - 70, 14, x + 70, 32, (252, 250, 240), radius=4)
    c.rect(0, 50, 1280, 58, (220, 214, 200))
    c.vgradient(0, 58, 1280, 540, (236, 230, 216), (228, 220, 204))

    # high windows on the left, a notice board on the right
    for x in (70, 310):
        window(c, x, 92, x + 170, 180, (250, 246, 236), (192, 220, 238), (222, 234, 238), panes=(2, 1))
    c.rect(800, 82, 1180, 198, (214, 184, 148), radius=6)
    c.rect(808, 90, 1172, 190, (226, 198, 160), radius=4)
    notes = [(826, 104, 900, 170, (255, 246, 200)), (916, 100, 986, 150, (200, 226, 236)),
             (1000, 110, 1076, 178, (250, 214, 206)), (1092, 98, 1156, 160, (210, 236, 210)),
             (920, 158, 984, 184, (240, 224, 250))]
    for x0, y0, x1, y1, colour in notes:
        c.rect(x0, y0, x1, y1, colour, radius=2)
        c.circle((x0 + x1) / 2, y0 + 6, 4, (220, 120, 110))
        for ly in range(y0 + 18, y1 - 8, 12):
            c.rect(x0 + 8, ly, x1 - 8, ly + 3, darker(colour, 0.12))

    # a clock above the door
    c.circle(660, 112, 32, (250, 248, 242), outline=(170, 160, 150), width=5)
    c.line([(660, 112), (660, 92)], (110, 100, 100), 4)
    c.line([(660, 112), (676, 118)], (110, 100, 100), 4)

    # lockers either side of a classroom door
    locker_colours = [(150, 192, 198), (150, 192, 198), (236, 178, 160), (150, 192, 198),
                      (150, 192, 198), (150, 192, 198), (236, 178, 160)]
    lockers = [498 - 66 * i for i in range(9)][::-1] + [760 + 66 * i for i in range(8)]
    for i, x in enumerate(lockers):
        colour = locker_colours[i % len(locker_colours)]
        c.rect(x, 220, x + 62, 540, colour, radius=3)
        c.rect(x, 220, x + 62, 230, darker(colour, 0.08))
        for vy in (246, 256, 266):
            c.rect(x + 16, vy, x + 46, vy + 4, darker(colour, 0.15), radius=2)
        c.rect(x + 48, 360, x + 54, 400, darker(colour, 0.22), radius=2)
    c.rect(590, 186, 730, 540, (206, 198, 184), radius=4)               # door frame
    c.rect(602, 198, 718, 540, (208, 166, 126))
    c.rect(624, 222, 696, 330, (200, 224, 236), radius=3)
    c.circle(700, 380, 7, (236, 214, 160))

    c.rect(0, 536, 1280, 548, (196, 190, 180))                           # skirting
    c.vgradient(0, 548, 1280, 720, (214, 208, 200), (204, 198, 190))
    for x in range(0, 1281, 128):                                           # floor tiles
        c.rect(x, 548, x + 3, 720, (200, 194, 186))
    c.rect(0, 620, 1280, 623, (200, 194, 186))
    return c.finish()


def bg_kitchen():
    c = Canvas(BG_SIZE, 3, (248, 238, 218))
    c.vgradient(0, 0, 1280, 560, (250, 241, 224), (244, 232, 210))

    # cupboards, tiles and counter on the left
    sage = (176, 204, 182)
    for x in range(40, 420, 95):
        c.rect(x, 70, x + 90, 210, sage, radius=5)
        c.rect(x + 40, 170, x + 50, 196, darker(sage, 0.25), radius=3)
    for y in range(222, 364, 28):
        for x in range(40, 420, 38):
            c.rect(x + 1, y + 1, x + 37, y + 27, (240, 234, 226), radius=2)
    c.rect(30, 362, 430, 384, (226, 214, 196), radius=4)
    for x in range(40, 420, 95):
        c.rect(x, 384, x + 90, 560, sage, radius=4)
        c.rect(x + 40, 398, x + 50, 424, darker(sage, 0.25), radius=3)
    c.rect(90, 318, 150, 362, (230, 140, 120), radius=10)               # kettle
    c.rect(112, 306, 128, 318, (200, 120, 104), radius=3)
    c.line([(150, 330), (166, 322)], (230, 140, 120), 6)
    c.pieslice(250, 314, 350, 374, 180, 360, (214, 196, 230))           # fruit bowl
    for x, colour in ((276, (240, 180, 100)), (300, (230, 110, 100)), (324, (180, 200, 110))):
        c.circle(x, 334, 14, colour)
    c.pieslice(250, 314, 350, 374, 0, 180, (214, 196, 230))

    # window with a plant on the sill
    window(c, 520, 90, 800, 310, (255, 250, 242), (196, 222, 238), (224, 236, 236), treetops=(200, 224, 192))
    potted_plant(c, 720, 320, 80, (216, 142, 110), (120, 176, 134))

    # sofa and a picture on the right
    c.rect(1040, 130, 1220, 260, (232, 214, 190), radius=4)
    c.rect(1052, 142, 1208, 248, (220, 236, 240))
    c.polygon([(1052, 248), (1110, 186), (1160, 248)], (180, 210, 180))
    c.polygon([(1120, 248), (1170, 200), (1208, 248)], (160, 196, 170))
    c.circle(1180, 172, 12, (250, 216, 150))
    sofa = (164, 184, 214)
    c.rect(1000, 330, 1262, 420, darker(sofa, 0.06), radius=24)
    c.rect(986, 380, 1030, 560, sofa, radius=18)
    c.rect(1232, 380, 1276, 560, sofa, radius=18)
    c.rect(1020, 410, 1240, 530, lighter(sofa, 0.1), radius=12)
    c.rect(1036, 350, 1112, 420, (246, 204, 170), radius=14)            # cushions
    c.rect(1164, 352, 1230, 420, (236, 226, 170), radius=14)

    c.rect(0, 556, 1280, 566, (226, 206, 180))                          # floor
    c.vgradient(0, 566, 1280, 720, (222, 198, 172), (212, 188, 162))
    potted_plant(c, 900, 600, 170, (200, 150, 120), (126, 178, 136))       # a big plant by the sofa

    # table with a vase of flowers and mugs
    wood = (206, 160, 120)
    c.rect(470, 440, 490, 650, darker(wood, 0.1))
    c.rect(790, 440, 810, 650, darker(wood, 0.1))
    c.rect(450, 426, 830, 448, wood, radius=6)
    c.rect(620, 370, 660, 428, (170, 206, 210), radius=12)              # vase
    c.line([(630, 374), (610, 332)], (120, 170, 120), 3)
    c.line([(640, 372), (642, 322)], (120, 170, 120), 3)
    c.line([(650, 374), (672, 336)], (120, 170, 120), 3)
    for x, y, colour in ((610, 330, (240, 160, 150)), (642, 318, (250, 206, 120)), (672, 334, (220, 170, 220))):
        c.circle(x, y, 12, colour)
        c.circle(x, y, 5, (255, 246, 220))
    for x, colour in ((520, (240, 190, 150)), (730, (190, 200, 236))):
        c.rect(x, 398, x + 30, 428, colour, radius=5)
        c.arc(x + 22, 404, x + 42, 422, 270, 90, colour, 4)
    return c.finish()


def bg_phone():
    """A soft, out-of-focus backdrop for chat scenes: gradient and blurred blobs."""
    c = Canvas(BG_SIZE, 2, (232, 226, 242))
    c.vgradient(0, 0, 1280, 720, (226, 224, 244), (250, 230, 222))
    blobs = [(180, 160, 190, (255, 214, 200)), (1100, 140, 220, (206, 232, 226)),
             (640, 620, 260, (244, 220, 240)), (980, 560, 170, (255, 236, 200)),
             (260, 600, 150, (214, 226, 250)), (760, 120, 120, (250, 244, 226))]
    for x, y, r, colour in blobs:
        c.circle(x, y, r, alpha(colour, 170))
    for x, y, w, h in ((430, 70, 150, 220), (1040, 330, 120, 190)):      # window-like panes of light
        c.rect(x, y, x + w, y + h, alpha((255, 255, 255), 70), radius=18)
    for i in range(14):                                                    # small bokeh dots
        angle = i * 2.39996                                               # golden angle, so no randomness
        x = 640 + math.cos(angle) * (150 + 35 * i)
        y = 340 + math.sin(angle) * (90 + 17 * i)
        c.circle(x, y, 18 + (i % 4) * 8, alpha((255, 255, 255), 60))
    return c.finish().filter(ImageFilter.GaussianBlur(28))


def bg_park():
    c = Canvas(BG_SIZE, 3, (206, 228, 240))
    c.vgradient(0, 0, 1280, 400, (198, 224, 242), (232, 240, 236))
    c.circle(1090, 110, 80, (246, 240, 220))                            # sun with a soft halo
    c.circle(1090, 110, 50, (252, 234, 190))
    for cx, cy, s in ((260, 90, 1.0), (720, 150, 0.8)):                 # clouds
        for dx, dy, r in ((-50, 10, 30), (-10, -12, 40), (38, 0, 32), (70, 14, 22)):
            c.circle(cx + dx * s, cy + dy * s, r * s, (250, 252, 250))
        c.rect(cx - 50 * s, cy + 10 * s, cx + 72 * s, cy + 36 * s, (250, 252, 250), radius=12)

    c.ellipse(-200, 300, 600, 560, (190, 218, 176))                     # hills
    c.ellipse(420, 290, 1500, 600, (180, 212, 168))
    c.ellipse(-500, 382, 1780, 1200, (176, 210, 154))

    # a path winding towards the hills
    def path(t):
        """Centre x, y and half-width of the path, t running from its far end (0) to the bottom edge (1)."""
        return 700 - 220 * math.sin(2.2 * t), 400 + 320 * t ** 1.6, 16 + 230 * t ** 1.5

    ends = [path(i / 20) for i in range(21)]
    c.polygon([(x - half, y) for x, y, half in ends] + [(x + half, y) for x, y, half in reversed(ends)],
              (234, 218, 186))

    round_tree(c, 520, 400, 150, (160, 120, 96), (150, 196, 140))     # far trees
    round_tree(c, 980, 396, 130, (160, 120, 96), (140, 190, 136))
    round_tree(c, 170, 470, 400, (150, 110, 86), (130, 182, 126))     # near trees
    round_tree(c, 1170, 480, 360, (150, 110, 86), (124, 178, 124))
    for x, y, r in ((330, 460, 36), (370, 470, 28), (1010, 470, 30)):  # bushes
        c.circle(x, y, r, (140, 190, 130))

    # a bench
    wood, metal = (196, 146, 104), (126, 126, 136)
    c.rect(772, 420, 782, 490, metal)
    c.rect(928, 420, 938, 490, metal)
    for y in (384, 404):
        c.rect(760, y, 950, y + 14, wood, radius=4)
    c.rect(752, 432, 958, 446, darker(wood, 0.08), radius=4)

    # flowers in the grass (placed by a fixed pattern, not at random)
    for i in range(26):
        x = (i * 197) % 1240 + 20
        y = 520 + (i * 71) % 190
        path_x, _, half = path(((y - 400) / 320) ** (1 / 1.6))
        if abs(x - path_x) < half + 20:
            continue  # keep the path clear
        colour = [(250, 220, 140), (250, 200, 210), (255, 250, 250)][i % 3]
        for a in range(5):
            c.circle(x + 6 * math.cos(a * 1.2566), y + 6 * math.sin(a * 1.2566), 4, colour)
        c.circle(x, y, 3, (240, 170, 100))
    return c.finish()


def bg_office():
    c = Canvas(BG_SIZE, 3, (236, 234, 226))
    c.vgradient(0, 0, 1280, 560, (240, 238, 230), (230, 228, 218))

    # bookshelf on the left (book sizes follow a fixed pattern, not randomness)
    wood = (196, 158, 124)
    c.rect(50, 110, 340, 560, wood, radius=6)
    c.rect(64, 124, 326, 532, lighter(wood, 0.3))
    book_colours = [(232, 168, 150), (170, 200, 206), (246, 214, 150), (190, 180, 220), (176, 206, 170),
                    (240, 196, 196)]
    for s, shelf_y in enumerate((220, 320, 420, 520)):
        c.rect(64, shelf_y, 326, shelf_y + 12, wood)
        x, i = 74, s * 3
        while x < 300:
            w = 18 + (i * 7) % 14
            h = 58 + (i * 13) % 30
            if x + w > 316:
                break
            c.rect(x, shelf_y - h, x + w, shelf_y, book_colours[i % len(book_colours)], radius=2)
            c.rect(x + 4, shelf_y - h + 10, x + w - 4, shelf_y - h + 14, (255, 250, 240))
            x, i = x + w + 3, i + 1
            if i % 5 == 4:  # now and then a book leans over into a gap
                c.polygon([(x + 4, shelf_y), (x + 24, shelf_y), (x + 44, shelf_y - 62), (x + 26, shelf_y - 66)],
                          book_colours[(i + 2) % len(book_colours)])
                x += 50

    # window with blinds
    c.rect(420, 80, 720, 310, (252, 250, 244), radius=6)
    c.vgradient(432, 92, 708, 298, (194, 220, 238), (224, 236, 238))
    for y in range(98, 200, 14):
        c.rect(432, y, 708, y + 9, (246, 240, 226))
    c.rect(400, 300, 740, 316, (240, 236, 226), radius=4)

    # pinboard with notes and a rainbow poster
    c.rect(800, 80, 1180, 260, (212, 180, 142), radius=6)
    c.rect(810, 90, 1170, 250, (226, 196, 158), radius=4)
    for i, colour in enumerate([(236, 150, 140), (246, 200, 130), (170, 206, 160), (150, 190, 220)]):
        r = 70 - i * 14
        c.arc(900 - r, 210 - r, 900 + r, 210 + r, 180, 360, colour, 13)
    for x0, y0, colour in ((1000, 104, (255, 246, 200)), (1080, 112, (206, 228, 240)), (1010, 178, (246, 216, 226)),
                           (1090, 182, (220, 240, 210))):
        c.rect(x0, y0, x0 + 64, y0 + 56, colour, radius=2)
        c.circle(x0 + 32, y0 + 6, 4, (200, 110, 100))
        for ly in range(y0 + 18, y0 + 50, 11):
            c.rect(x0 + 8, ly, x0 + 56, ly + 3, darker(colour, 0.12))

    potted_plant(c, 1196, 560, 180, (214, 150, 118), (124, 176, 134))

    c.rect(0, 556, 1280, 566, (214, 206, 194))                           # floor (carpet)
    c.vgradient(0, 566, 1280, 720, (206, 202, 214), (198, 194, 206))

    # desk with a monitor, mug, papers and a small plant
    c.rect(640, 318, 744, 410, (160, 178, 208), radius=18)              # the desk chair's back
    c.rect(652, 330, 732, 410, (176, 192, 218), radius=12)
    desk = (214, 178, 140)
    c.rect(540, 420, 1080, 580, darker(desk, 0.08), radius=4)
    c.rect(520, 400, 1100, 424, desk, radius=6)
    c.rect(790, 306, 950, 396, (120, 128, 150), radius=8)                # monitor
    c.rect(798, 314, 942, 388, (190, 208, 226), radius=4)
    c.rect(860, 388, 880, 404, (150, 156, 172))
    c.rect(836, 396, 904, 404, (150, 156, 172), radius=3)
    c.rect(600, 382, 680, 402, (250, 250, 246), radius=2)               # papers
    c.rect(606, 374, 684, 384, (240, 240, 236), radius=2)
    c.rect(980, 366, 1006, 402, (236, 170, 140), radius=5)              # mug
    c.arc(998, 372, 1018, 392, 270, 90, (236, 170, 140), 4)
    potted_plant(c, 1050, 402, 60, (170, 200, 210), (130, 180, 140))
    return c.finish()


# ---------------------------------------------------------------- avatars
#
# Round head-and-shoulders pictures. Shapes are drawn on a square and then
# cut to a circle, so everything outside the circle is transparent.

AVATAR_SCALE = 4


def avatar_canvas(top, bottom):
    c = Canvas(AVATAR_SIZE, AVATAR_SCALE, top)
    c.vgradient(0, 0, 160, 160, top, bottom)
    return c


def cut_circle(c, ring=(255, 255, 255)):
    """Finish an avatar: add a thin ring and make the corners transparent."""
    c.circle(80, 80, 80, outline=ring, width=3)
    mask = Image.new("L", c.im.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, c.im.width - 1, c.im.height - 1), fill=255)
    im = c.im.convert("RGBA")
    im.putalpha(mask)
    return im.reduce(c.k)


def shoulders(c, colour, top=124, width=112, neck_skin=None, neck_width=22):
    """Shoulders and a neck: the body is a big rounded shape rising from the bottom edge."""
    if neck_skin:
        c.rect(80 - neck_width / 2, top - 24, 80 + neck_width / 2, top + 10, darker(neck_skin, 0.1), radius=6)
    c.rect(80 - width / 2, top, 80 + width / 2, 200, colour, radius=width * 0.3)


def face(c, cx, cy, rx, ry, skin, eye_gap=13, eye_r=3.6, eye_y=2, mouth=(150, 70, 70)):
    """An oval face with ears, dot eyes, brows, a small nose, a smile and soft cheeks."""
    ink = (60, 44, 44)
    c.circle(cx - rx + 1, cy + 4, 7, darker(skin, 0.06))                # ears
    c.circle(cx + rx - 1, cy + 4, 7, darker(skin, 0.06))
    c.ellipse(cx - rx, cy - ry, cx + rx, cy + ry, skin)
    ey = cy + eye_y
    for side in (-1, 1):
        ex = cx + side * eye_gap
        c.circle(ex, ey, eye_r, ink)
        c.circle(ex + 1.2, ey - 1.2, eye_r * 0.32, (255, 255, 255))
        c.arc(ex - 6, ey - 12, ex + 6, ey - 4, 200, 340, darker(skin, 0.45), 2.2)   # brow
        c.circle(ex + side * 4, ey + 10, 5, mix(skin, (236, 120, 116), 0.25))     # cheek
    c.arc(cx - 3, ey + 3, cx + 3, ey + 10, 20, 160, darker(skin, 0.25), 2)          # nose
    c.arc(cx - 9, ey + 6, cx + 9, ey + 20, 25, 155, mouth, 2.6)


def avatar_niko():
    """Niko: a teen with light skin, swept brown hair and a teal hoodie."""
    skin, hair, hoodie = (238, 200, 170), (120, 80, 56), (96, 172, 168)
    c = avatar_canvas((206, 226, 246), (184, 210, 238))
    shoulders(c, hoodie, neck_skin=skin)
    c.ellipse(52, 112, 108, 140, darker(hoodie, 0.15))                    # hood round the neck
    c.rect(71, 112, 89, 128, darker(skin, 0.1), radius=6)
    c.line([(72, 130), (70, 150)], (240, 240, 236), 2.5)                  # drawstrings
    c.line([(88, 130), (90, 150)], (240, 240, 236), 2.5)
    c.ellipse(44, 30, 116, 92, hair)                                      # hair behind the face
    face(c, 80, 72, 33, 37, skin)
    c.pieslice(44, 30, 116, 88, 180, 360, hair)                           # hair on top, swept sideways
    c.polygon([(45, 70), (46, 52), (70, 46), (114, 54), (115, 68), (104, 58), (86, 56), (66, 60), (54, 66)], hair)
    return cut_circle(c)


def avatar_luis():
    """Luis: a teen with brown skin, short black curls and a mustard T-shirt."""
    skin, hair, shirt = (194, 138, 98), (44, 36, 36), (236, 190, 90)
    c = avatar_canvas((206, 236, 220), (180, 220, 200))
    shoulders(c, shirt, neck_skin=skin)
    c.pieslice(62, 108, 98, 134, 0, 180, darker(skin, 0.1))              # crew neck
    c.arc(60, 104, 100, 136, 0, 180, darker(shirt, 0.15), 4)
    face(c, 80, 74, 33, 37, skin)
    c.pieslice(46, 34, 114, 94, 180, 360, hair)
    for i in range(11):                                                   # a ring of curls
        angle = math.pi + math.pi * i / 10
        c.circle(80 + 33 * math.cos(angle), 62 + 27 * math.sin(angle), 9, hair)
    c.rect(48, 56, 112, 62, hair)
    return cut_circle(c)


def avatar_mateo():
    """Mateo: younger, so a rounder face, bigger eyes and smaller shoulders; striped T-shirt."""
    skin, hair, shirt = (214, 164, 124), (76, 52, 40), (226, 120, 110)
    c = avatar_canvas((252, 240, 200), (248, 226, 170))
    shoulders(c, shirt, top=126, width=100, neck_skin=skin, neck_width=20)
    for y in (138, 152):
        c.rect(20, y, 140, y + 7, (250, 236, 220))
    c.pieslice(66, 116, 94, 136, 0, 180, darker(skin, 0.1))
    face(c, 80, 82, 38, 37, skin, eye_gap=15, eye_r=4.8, eye_y=5)
    c.pieslice(40, 40, 120, 96, 180, 360, hair)                           # rounded cut with a soft fringe
    c.rect(42, 64, 50, 80, hair, radius=3)
    c.rect(110, 64, 118, 80, hair, radius=3)
    for x in range(52, 109, 8):
        c.circle(x, 65, 6.5, hair)
    return cut_circle(c)


def avatar_jade():
    """Jade: a teen with deep brown skin, a big curly hair bun and a lavender top."""
    skin, hair, top = (128, 84, 58), (40, 30, 30), (190, 170, 226)
    c = avatar_canvas((252, 220, 206), (246, 200, 184))
    shoulders(c, top, neck_skin=skin)
    c.pieslice(62, 106, 98, 136, 0, 180, darker(skin, 0.1))
    c.circle(80, 30, 20, hair)                                            # the bun
    c.ellipse(64, 42, 96, 52, (236, 150, 160))                            # hair band
    c.ellipse(42, 34, 118, 98, hair)
    face(c, 80, 74, 32, 36, skin, mouth=(66, 30, 30))
    c.pieslice(46, 36, 114, 100, 180, 360, hair)
    c.polygon([(48, 70), (52, 54), (80, 46), (108, 54), (112, 70), (96, 56), (64, 56)], hair)
    c.circle(48, 86, 3.5, (246, 210, 110))                                # small stud earrings
    c.circle(112, 86, 3.5, (246, 210, 110))
    return cut_circle(c)


def avatar_adult():
    """A friendly grown-up: greying hair, glasses, a cardigan and a staff lanyard."""
    skin, hair, cardigan = (242, 214, 186), (150, 144, 146), (100, 120, 164)
    c = avatar_canvas((212, 230, 214), (190, 216, 196))
    shoulders(c, cardigan, top=120, width=124, neck_skin=skin, neck_width=24)
    c.polygon([(64, 120), (96, 120), (80, 160)], (250, 248, 242))          # collar
    c.polygon([(64, 120), (80, 138), (72, 144), (58, 124)], (236, 234, 228))
    c.polygon([(96, 120), (80, 138), (88, 144), (102, 124)], (236, 234, 228))
    c.line([(66, 122), (80, 138), (94, 122)], (236, 140, 90), 3)          # lanyard
    c.rect(71, 136, 89, 154, (250, 250, 246), radius=3)
    c.rect(74, 141, 86, 145, (236, 140, 90))
    face(c, 80, 70, 31, 37, skin, eye_y=1)
    c.pieslice(47, 30, 113, 82, 180, 360, hair)                           # short hair with a side parting
    c.polygon([(47, 66), (47, 52), (62, 44), (113, 50), (113, 62), (100, 54), (72, 52), (56, 56)], hair)
    c.line([(62, 44), (72, 38)], lighter(hair, 0.3), 2)
    frame = (80, 70, 80)
    for ex in (67, 93):                                                   # glasses
        c.rect(ex - 10, 62, ex + 10, 79, None, radius=5, outline=frame, width=2.4)
    c.line([(77, 69), (83, 69)], frame, 2.2)
    return cut_circle(c)


def avatar_madison():
    """The made-up account's profile picture. Deliberately NOT a person: a camera and sparkles."""
    c = avatar_canvas((255, 206, 224), (244, 150, 190))
    white = (255, 252, 254)
    c.rect(62, 48, 90, 62, white, radius=5)                              # camera
    c.rect(42, 56, 118, 112, white, radius=14)
    c.circle(80, 84, 21, (244, 166, 200))
    c.circle(80, 84, 14, (250, 200, 222))
    c.circle(86, 78, 4, white)
    c.circle(104, 68, 4, (244, 166, 200))
    for x, y, r in ((122, 40, 12), (38, 120, 9), (126, 118, 6), (36, 44, 5)):
        c.polygon(sparkle_points(x, y, r), white)
    return cut_circle(c)


# ------------------------------------------------------------------ icons
#
# 64 x 64 with a transparent background. Bold shapes and few details so they
# read at small sizes; each has its own colour.

ICON_SCALE = 4


def icon_canvas():
    return Canvas(ICON_SIZE, ICON_SCALE, CLEAR, mode="RGBA")


def icon_red_flag():
    c = icon_canvas()
    red, pole = (222, 64, 60), (116, 112, 124)
    c.ellipse(8, 54, 28, 62, darker(pole, 0.05))
    c.line([(16, 8), (16, 58)], pole, 5)
    c.circle(16, 7, 4, (200, 196, 206))
    top = [(18 + 40 * i / 16, 11 + 4 * math.sin(math.pi * 2 * i / 16)) for i in range(17)]
    bottom = [(x, y + 26) for x, y in top]
    c.polygon(top + bottom[::-1], red)
    shade = [(x, y + 4) for x, y in top]
    c.line(shade[:9], lighter(red, 0.25), 3)
    return c.finish()


def icon_safe_action():
    c = icon_canvas()
    green = (56, 164, 92)

    def shield(inset):
        points = [(32, 4 + inset)]
        for i in range(9):                                               # shoulder curve, top right
            t = i / 8
            points.append((32 + (22 - inset) * t, 4 + inset + 7 * math.sin(math.pi / 2 * t) ** 0.5))
        for i in range(1, 13):                                           # down to the point
            t = i / 12
            points.append((54 - inset - (22 - inset) * t ** 1.7, 11 + inset * 0.6 + (49 - inset * 1.6) * t))
        return points + [(64 - x, y) for x, y in reversed(points[1:-1])]

    c.polygon(shield(0), darker(green, 0.15))
    c.polygon(shield(3.5), green)
    c.line([(20, 32), (29, 41), (45, 22)], (255, 255, 255), 6.5)
    return c.finish()


def icon_upstander():
    c = icon_canvas()
    back, front = (96, 196, 186), (22, 146, 140)

    def person(x, head_y, r, colour, grow=0):
        c.circle(x, head_y, r + grow, colour)
        c.rect(x - r * 1.7 - grow, head_y + r * 1.35 - grow, x + r * 1.7 + grow, head_y + r * 5.4 + grow, colour,
               radius=r * 1.5 + grow)

    person(43, 19, 7.5, back)
    person(23, 22, 7.5, CLEAR, grow=2.5)                           # a see-through gap between the two
    person(23, 22, 7.5, front)
    c.polygon(heart_points(33, 7, 13), (240, 110, 110))
    return c.finish()


def icon_key_message():
    c = icon_canvas()
    blue = (52, 120, 214)
    c.polygon([(14, 40), (28, 44), (10, 58)], blue)
    c.rect(4, 6, 60, 48, blue, radius=13)
    c.polygon(heart_points(32, 27, 26), (255, 255, 255))
    return c.finish()


def icon_adult_action():
    c = icon_canvas()
    orange, roof, cream = (244, 150, 50), (214, 110, 34), (255, 236, 206)
    c.rect(12, 28, 52, 60, orange, radius=3)
    c.rect(42, 8, 50, 24, roof, radius=2)                                # chimney
    c.line([(5, 32), (32, 8), (59, 32)], roof, 7)                        # roof
    c.rect(26, 40, 38, 60, cream, radius=3)                              # door
    c.circle(35, 51, 1.4, roof)
    c.polygon(heart_points(32, 25, 11), cream)
    return c.finish()


def icon_help():
    c = icon_canvas()
    coral, white, edge = (236, 96, 88), (255, 255, 255), (184, 64, 60)
    c.circle(32, 32, 29, edge)
    c.circle(32, 32, 27, coral)
    for start in (20, 110, 200, 290):                                    # four white bands
        c.pieslice(5, 5, 59, 59, start, start + 50, white)
    c.circle(32, 32, 14, edge)
    c.circle(32, 32, 12, CLEAR)
    return c.finish()


# ------------------------------------------------------------------- main

PICTURES = {
    "bg bedroom.png": bg_bedroom,
    "bg hallway.png": bg_hallway,
    "bg kitchen.png": bg_kitchen,
    "bg phone.png": bg_phone,
    "bg park.png": bg_park,
    "bg office.png": bg_office,
    "avatar niko.png": avatar_niko,
    "avatar luis.png": avatar_luis,
    "avatar mateo.png": avatar_mateo,
    "avatar jade.png": avatar_jade,
    "avatar adult.png": avatar_adult,
    "avatar madison.png": avatar_madison,
    "icon red_flag.png": icon_red_flag,
    "icon safe_action.png": icon_safe_action,
    "icon upstander.png": icon_upstander,
    "icon key_message.png": icon_key_message,
    "icon adult_action.png": icon_adult_action,
    "icon help.png": icon_help,
}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Draw the game's pictures into PNG files.")
    parser.add_argument("--out", default=DEFAULT_OUT, help="folder to write into (default: game/images/)")
    parser.add_argument("--only", nargs="*", metavar="NAME", help="draw only these files, e.g. 'bg park.png'")
    args = parser.parse_args(argv)

    names = args.only or list(PICTURES)
    unknown = [name for name in names if name not in PICTURES]
    if unknown:
        parser.error("unknown picture(s): " + ", ".join(unknown))
    os.makedirs(args.out, exist_ok=True)
    for name in names:
        path = os.path.join(args.out, name)
        PICTURES[name]().save(path, optimize=True)
        print("wrote", os.path.relpath(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
