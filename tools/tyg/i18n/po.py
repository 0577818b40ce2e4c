"""POT and PO files, through Babel: write the template, merge it into PO files, read them back.

``update`` is the usual gettext merge (Babel's, like ``msgmerge``): an entry
whose context and English are unchanged keeps its translation; one whose
English changed keeps the old translation marked fuzzy, with the old English
beside it (``#| msgid``); entries whose source is gone become obsolete
(``#~``), so no translation is ever lost.

``read`` never raises for a translator's mistake: a PO syntax error becomes
TYG050 at its file:line, and the file is then not used.
"""

from __future__ import annotations

import io
import os
import re

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from tyg.compile.diagnostics import Loc, Report
from tyg.compile.load import display_path
from tyg.i18n.messages import Msg

PROJECT = "Trust Your Gut"
POT_NAME = "trust-your-gut.pot"

#: Ren'Py's name for each language code the game knows, and how the language names itself.
LANGUAGES = {"es": ("spanish", "Español")}
#: The espeak voice that reads each language aloud on Linux (Latin-American Spanish for "es").
VOICES = {"es": "es-419"}

REVIEW_NOTE = (
    "Before this translation ships, a native speaker with safeguarding experience\n"
    "must read all of it: the advice, the help services and the tone (no blame,\n"
    "no scare tactics, nothing explicit)."
)

POT_HEADER = (
    "# Translation template for Trust Your Gut. Made by: python3 build.py translations extract\n"
    "# Do not edit: translate translations/<language>.po (python3 build.py translations update makes it).\n"
    "#\n" + "".join(f"# {line}\n" for line in REVIEW_NOTE.splitlines())
)


def translations_dir(source: str) -> str:
    """Where a project's POT and PO files live: ``<source>/translations`` if it exists, else beside the source."""
    folder = source if os.path.isdir(source) else os.path.dirname(os.path.abspath(source))
    inside = os.path.join(folder, "translations")
    if os.path.isdir(inside):
        return inside
    return os.path.join(os.path.dirname(os.path.abspath(folder)), "translations")


def make_pot(msgs: list[Msg]) -> Catalog:
    cat = Catalog(project=PROJECT, version="1", header_comment=POT_HEADER, fuzzy=False)
    cat.creation_date = cat.revision_date = _FIXED_DATE
    for m in msgs:
        cat.add(
            m.text,
            locations=[(m.file, m.line), *m.more],
            auto_comments=[m.comment] if m.comment else [],
            flags=m.flags,
            context=m.context,
        )
    return cat


def _render(cat: Catalog, **kw) -> str:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, include_previous=True, **kw)
    text = buf.getvalue().decode("utf-8")
    # Babel stamps the generator version: keep the files byte-identical across Babel releases.
    return re.sub(r'"Generated-By: Babel [^"]*"\n', "", text)


def render_pot(cat: Catalog) -> str:
    return _render(cat, omit_header=False)


def new_po(pot: Catalog, lang: str) -> Catalog:
    name = LANGUAGES.get(lang, (lang, lang))[1]
    header = (
        f"# Trust Your Gut in {name} ({lang}).\n"
        "# Translate in Poedit, Weblate or any PO editor; check with: python3 build.py check --lang " + lang + "\n"
        "#\n" + "".join(f"# {line}\n" for line in REVIEW_NOTE.splitlines())
    )
    po = Catalog(locale=lang, project=PROJECT, version="1", header_comment=header, fuzzy=False)
    po.creation_date = po.revision_date = _FIXED_DATE
    po.update(pot, no_fuzzy_matching=True)
    return po


def update(po: Catalog, pot: Catalog) -> Catalog:
    po.update(pot, update_header_comment=False)
    return po


# Dates in headers would make every extract differ; the files live in git, which knows when.
from datetime import datetime, timezone  # noqa: E402

_FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)

_STRING_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+(.*)$')
_QUOTED = re.compile(r'^"(?:\\.|[^\\"])*"$')


def _syntax_error(text: str) -> tuple[int, str] | None:
    """The first line a PO parser would misread, which Babel lets through: an unclosed quote."""
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _STRING_LINE.match(line)
        quoted = m.group(3) if m else line
        if (m or line.startswith('"')) and not _QUOTED.match(quoted):
            return n, f"this string is not closed by a quote (or has a stray quote inside): {raw.strip()[:60]}"
        if not m and not line.startswith('"'):
            return n, f"a PO line starts with msgctxt, msgid, msgstr, '\"' or '#', not: {raw.strip()[:60]}"
    return None


def read(path: str, report: Report) -> Catalog | None:
    """A PO (or POT) file, or None after reporting why it cannot be used."""
    shown = display_path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        report.add("TYG050", Loc(shown), f"cannot read this PO file: {exc}")
        return None
    bad = _syntax_error(text)
    if bad:
        report.add("TYG050", Loc(shown, bad[0], 1), bad[1])
        return None
    try:
        return read_po(io.BytesIO(text.encode("utf-8")), abort_invalid=True)
    except PoFileError as exc:
        report.add("TYG050", Loc(shown, int(getattr(exc, "lineno", 0)) + 1, 1), f"PO syntax error: {exc}")
        return None


def write(path: str, cat: Catalog) -> bool:
    """Write a catalogue if its bytes change; True when written."""
    text = _render(cat, omit_header=False)
    try:
        with open(path, encoding="utf-8") as fh:
            if fh.read() == text:
                return False
    except OSError:
        pass
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return True
