"""The web edition as one file: ``build.py web`` writes ``out/web/index.html``.

Input: the scenario folder (checked exactly as ``build.py`` checks it: any
error and nothing is written), the hand-written player beside this module and
the game's art and font. Output: one HTML file holding its CSS, script, story
JSON, avatars and the OpenDyslexic font (with its licence), and for ``--zip``
``TrustYourGut-web-<version>.zip`` beside it. The page's Content-Security-Policy
allows no network at all: the script and style are allowed by their SHA-256
hashes, images and fonts only as ``data:`` URIs.

Same input, byte-identical output: no dates, sorted JSON, fixed zip times.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import io
import json
import os
import sys
import zipfile

from tyg.compile import pipeline
from tyg.compile.load import CATALOGUE_NAME, display_path
from tyg.compile.lower import lower_project
from tyg.compile.nodes import Project
from tyg.web.story import story_json

HERE = os.path.dirname(os.path.abspath(__file__))
#: The whole page may not grow past this (issue 13): phones on slow links, USB sticks.
MAX_BYTES = 1_500_000
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
#: The fonts' licences, in game/fonts/: they travel inside the page and in the zip.
LICENCES = ("OpenDyslexic-LICENSE.txt", "Symbola-LICENSE.txt")


def _read(name: str) -> str:
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        return fh.read()


def _data_uri(path: str, mime: str) -> str:
    with open(path, "rb") as fh:
        return f"data:{mime};base64," + base64.b64encode(fh.read()).decode("ascii")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _json_for_html(value) -> str:
    """JSON that cannot end its <script> element early: "<" is written as \\u003c."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def avatars(game_dir: str, story: dict) -> dict[str, str]:
    """The avatar pictures the chat characters use, as data URIs (character id or role, as in tyg_avatar)."""
    out: dict[str, str] = {}
    images = os.path.join(game_dir, "images")
    for d in story["defines"].values():
        for key in (d.get("show_tyg_avatar"), d.get("show_tyg_role")):
            path = os.path.join(images, f"avatar {key}.png")
            if key and key not in out and os.path.isfile(path):
                out[key] = _data_uri(path, "image/png")
    return out


def font_css(game_dir: str) -> str:
    fonts = os.path.join(game_dir, "fonts")
    faces = []
    for weight, name in (("normal", "OpenDyslexic-Regular.otf"), ("bold", "OpenDyslexic-Bold.otf")):
        faces.append(
            "@font-face{font-family:'OpenDyslexic';font-style:normal;font-weight:%s;font-display:swap;src:url(%s) format('opentype')}"
            % (weight, _data_uri(os.path.join(fonts, name), "font/otf"))
        )
    return "\n".join(faces) + "\n"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def symbols_css(game_dir: str, story: dict) -> str:
    """The emoji and symbols the story uses, cut out of Symbola (the Ren'Py game's fallback font).

    Phones, Chromebooks and Windows have colour emoji fonts, which the page's font
    list prefers; this small subset only fills in where a computer has none (no
    empty boxes in a chat). Deterministic: no timestamp is written into the font.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    wanted = sorted({ord(ch) for text in _strings([story["defines"], story["labels"]]) for ch in text if ord(ch) >= 0x2190 and not 0xFE00 <= ord(ch) <= 0xFE0F})
    path = os.path.join(game_dir, "fonts", "Symbola.ttf")
    if not wanted or not os.path.isfile(path):
        return ""
    font = TTFont(path, recalcTimestamp=False)
    have = [c for c in wanted if c in font.getBestCmap()]
    if not have:
        return ""
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the font's names and its licence notice
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=have)
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    ranges = ",".join(f"U+{c:X}" for c in have)
    return f"@font-face{{font-family:'TygSymbols';src:url(data:font/ttf;base64,{data}) format('truetype');unicode-range:{ranges}}}\n"


def render(project: Project, game_dir: str, version: str, config: dict, script: str | None = None) -> str:
    """The page, as text. ``config``: lab (bool), exit_url, country. ``script``: another player.js (tests break a copy)."""
    catalogue_source = display_path(os.path.join(project.root, CATALOGUE_NAME))
    shown = Project(display_path(project.root), project.catalogue, project.scenarios)
    story = story_json(lower_project(shown, catalogue_source), version)
    story["avatars"] = avatars(game_dir, story)
    style = font_css(game_dir) + symbols_css(game_dir, story) + _read("player.css")
    script = _read("player.js") if script is None else script
    licence = ""
    for name in LICENCES:
        with open(os.path.join(game_dir, "fonts", name), encoding="utf-8") as fh:
            licence += f"{name}\n\n{fh.read()}\n\n"
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src '{_sha256(script)}'",
            f"style-src '{_sha256(style)}'",
            "img-src data:",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    for name, body, end in (("player.js", script, "</script"), ("player.css", style, "</style")):
        if end in body.lower():
            raise ValueError(f"{name} may not contain {end}: it would end its element early")
    page = _read("player.html")
    parts = {
        "{{CSP}}": html.escape(csp, quote=False).replace('"', "&quot;"),
        "{{VERSION}}": html.escape(version),
        "{{STYLE}}": style,
        "{{STORY}}": _json_for_html(story),
        "{{CONFIG}}": _json_for_html(config),
        "{{LICENCE}}": html.escape(licence, quote=False),
        "{{SCRIPT}}": script,
    }
    # One pass, in template order, so that text put in never gets replaced again.
    out, rest = [], page
    while True:
        at = [(rest.find(k), k) for k in parts if rest.find(k) >= 0]
        if not at:
            out.append(rest)
            break
        pos, key = min(at)
        out.append(rest[:pos])
        out.append(parts[key])
        rest = rest[pos + len(key):]
    return "".join(out)


def _write(path: str, data: bytes) -> bool:
    """Write through a temporary file and a rename; only when the bytes change. True when written."""
    try:
        with open(path, "rb") as fh:
            if fh.read() == data:
                return False
    except OSError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return True


def zip_page(page: bytes, fonts_dir: str, zip_path: str, version: str) -> None:
    """A zip a school can download: the page and the fonts' licences, with fixed times (same bytes every build)."""
    folder = f"TrustYourGut-web-{version}"
    tmp = zip_path + ".tmp"
    files = [("index.html", page)]
    for name in LICENCES:
        with open(os.path.join(fonts_dir, name), "rb") as fh:
            files.append((name, fh.read()))
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(f"{folder}/{name}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    os.replace(tmp, zip_path)


def cmd_web(args: argparse.Namespace) -> int:
    from tyg.cli import AUTHOR_ERROR, ENV_ERROR, OK, ROOT, _paths, _print_report
    from tyg.engine.dist import game_version

    if args.exit_url and not args.exit_url.lower().startswith(("https://", "http://")):
        print(f"--exit-url must be a web address (https://...), not {args.exit_url!r}", file=sys.stderr)
        return ENV_ERROR
    source, game = _paths(args)
    result = pipeline.check(source)
    _print_report(result, args.format)
    if not result.ok or result.project is None:
        return AUTHOR_ERROR
    version = game_version(game)
    config = {"lab": bool(args.lab), "exit_url": args.exit_url or DEFAULT_EXIT_URL, "country": (args.country or "US").upper()}
    text = render(result.project, game, version, config)
    data = text.encode("utf-8")
    out = args.out or os.path.join(ROOT, "out", "web")
    path = os.path.join(out, "index.html")
    if len(data) > MAX_BYTES:  # too big for phones on slow links: said, not written
        print(f"{display_path(path)}: {len(data):,} bytes, over the {MAX_BYTES:,} byte budget; nothing written", file=sys.stderr)
        return AUTHOR_ERROR
    _write(path, data)
    if args.format == "text":
        print(f"wrote {os.path.relpath(path)} ({len(data) / 1e6:.2f} MB{', lab mode' if args.lab else ''})")
    if args.zip:
        zpath = os.path.join(out, f"TrustYourGut-web-{version}{'-lab' if args.lab else ''}.zip")
        zip_page(data, os.path.join(game, "fonts"), zpath, version)
        if args.format == "text":
            print(f"wrote {os.path.relpath(zpath)}")
    return OK
