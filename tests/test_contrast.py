"""Text colours meet WCAG's 4.5:1 contrast against the backgrounds they are drawn on."""

from __future__ import annotations

import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUI = open(os.path.join(ROOT, "game", "gui.rpy"), encoding="utf-8").read()
COLOURS = dict(re.findall(r'^define (tyg_colour_\w+) = "(#[0-9a-fA-F]{6})"', GUI, flags=re.M))

WHITE, PANEL_HOVER, PANEL_SELECTED = "#ffffff", "#e6eef8", "#cfe0f5"
PHONE_BAR, QUICK_EXIT = "#2b3240", "#1f2430"

PAIRS = [
    ("tyg_colour_text", "tyg_colour_background"),
    ("tyg_colour_text", "tyg_colour_panel"),
    ("tyg_colour_muted", "tyg_colour_panel"),
    ("tyg_colour_muted", "tyg_colour_background"),
    ("tyg_colour_accent", "tyg_colour_panel"),
    ("tyg_colour_accent", PANEL_HOVER),
    ("tyg_colour_accent", PANEL_SELECTED),
    ("tyg_colour_accent_hover", PANEL_HOVER),
    ("tyg_colour_flag", "tyg_colour_panel"),
    ("tyg_colour_safe", "tyg_colour_panel"),
    (WHITE, PHONE_BAR),
    (WHITE, QUICK_EXIT),
]


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_colours_are_defined():
    assert {"tyg_colour_text", "tyg_colour_background", "tyg_colour_panel", "tyg_colour_accent"} <= set(COLOURS)


@pytest.mark.parametrize("fg,bg", PAIRS)
def test_text_contrast_is_at_least_4_5(fg, bg):
    fg, bg = COLOURS.get(fg, fg), COLOURS.get(bg, bg)
    assert ratio(fg, bg) >= 4.5, f"{fg} on {bg}: {ratio(fg, bg):.2f}:1"


def test_the_ratio_itself():
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#ffffff") < 4.5
