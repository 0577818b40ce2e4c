"""Using a translation: look strings up, and make a translated copy of a project.

``Translation`` answers "what does this English say in Spanish here" for one
PO file: a translated, non-fuzzy entry gives its text; anything else gives
the English back, as the game does (Ren'Py shows the original when a
translation is missing).

``translate_project`` returns a deep copy of a project with every visible
string replaced, so the interpreter, the terminal player, the guide and the
reading-level and wording checks work on Spanish without knowing about
languages. ``ui`` translates the terminal player's own strings (context
``ui``, shared with the game's runtime).
"""

from __future__ import annotations

import copy
import os
from typing import TYPE_CHECKING

from tyg.compile.diagnostics import Report
from tyg.compile.nodes import Project
from tyg.i18n.messages import GUIDE, RUNTIME_ROOT, UI, project_msgs, runtime_msgs, string_key

if TYPE_CHECKING:  # Babel is slow to import, and playing or building in English needs none of it
    from babel.messages.catalog import Catalog


class Translation:
    def __init__(self, lang: str, catalog: Catalog | None) -> None:
        self.lang = lang
        self.table: dict[tuple[str, str | None], str] = {}
        if catalog is not None:
            for m in catalog:
                if m.id and m.string and "fuzzy" not in m.flags and isinstance(m.string, str):
                    self.table[(m.id, m.context)] = m.string

    def get(self, text: str, context: str | None) -> str:
        return self.table.get((text, context), text)

    def has(self, text: str, context: str | None) -> bool:
        return (text, context) in self.table


ENGLISH = Translation("en", None)
_active: Translation = ENGLISH


def load(source: str, lang: str, report: Report) -> Translation | None:
    """The translation of ``source`` into ``lang`` (None after a diagnostic); English for "en"."""
    if lang in ("en", "", None):
        return ENGLISH
    from tyg.i18n import po as pofile

    path = os.path.join(pofile.translations_dir(source), f"{lang}.po")
    if not os.path.exists(path):
        known = ", ".join(sorted(pofile.LANGUAGES))
        raise LookupError(f"no translation {path} (languages with a PO file: {known}); make it with: python3 build.py translations update --lang {lang}")
    cat = pofile.read(path, report)
    return None if cat is None else Translation(lang, cat)


def activate(tr: Translation) -> None:
    """The language of ``ui`` from now on (the terminal player's strings)."""
    global _active
    _active = tr


def current_language() -> str:
    """The active language's code ("en" when none is active)."""
    return _active.lang


def guide_text(text: str) -> str:
    """A fixed piece of the facilitator guide's HTML in the active language (context ``guide``)."""
    return _active.get(text, GUIDE)


def gt(text: str, /, **fields) -> str:
    """A guide string in the active language, with its named fields filled in (context ``guide``)."""
    out = _active.get(text, GUIDE)
    return out.format(**fields) if fields else out


def G_(text: str) -> str:
    """Marks a guide string for extraction where it is defined; ``gt`` translates it where it is used."""
    return text


def N_(text: str) -> str:
    """Marks a terminal-player string for extraction where it is defined; ``ui`` translates it where it is used."""
    return text


def ui(text: str, /, **fields) -> str:
    """A terminal-player string in the active language, with its named fields filled in."""
    out = _active.get(text, UI)
    return out.format(**fields) if fields else out


def translate_project(project: Project, tr: Translation) -> Project:
    """A copy of ``project`` with every visible string as the game shows it in ``tr``'s language.

    As in Ren'Py: a line shows its own translation; every other string (menu
    captions, names, feedback, the catalogue) is translated by its English text,
    with the first translation of that text (``renpy_tl.string_table``'s order);
    and a line left untranslated still shows a string's translation when its
    English is the same ("What do you do?"), because Ren'Py translates every
    text it displays.
    """
    if tr is ENGLISH:
        return project
    out = copy.deepcopy(project)
    msgs = project_msgs(out)  # listed from the copy, so each names the copy's own node
    by_text: dict[str, str] = {}
    for m in [*msgs, *runtime_msgs(RUNTIME_ROOT)]:
        if m.loc is None and tr.has(m.text, m.context):
            by_text.setdefault(string_key(m, m.text), tr.get(m.text, m.context))
    for m in msgs:
        own = m.loc is not None and tr.has(m.text, m.context)
        setattr(m.owner, m.attr, tr.get(m.text, m.context) if own else by_text.get(string_key(m, m.text), m.text))
    return out
