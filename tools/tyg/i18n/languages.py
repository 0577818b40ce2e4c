"""The translation steps the build and the command line run: extract, update, check, compile.

A project's translations live in its ``translations/`` folder
(``po.translations_dir``): ``trust-your-gut.pot`` and one ``<lang>.po`` per
language. ``LINGUAS`` lists the languages that are finished and ship: those
are checked by every ``check`` and ``build`` (zero warnings means complete).
A language still being translated is checked when asked for
(``check --lang es``); every PO file, finished or not, is compiled into the
game, where a missing translation shows the English.
"""

from __future__ import annotations

import contextlib
import os

from tyg.compile.diagnostics import Report
from tyg.compile.lower import lower_project
from tyg.compile.nodes import Project
from tyg.compile.load import display_path
from tyg.i18n import po as pofile
from tyg.i18n.apply import Translation, translate_project
from tyg.i18n.checks import check_catalog, check_conflicts, check_spanish_reading, check_spanish_wording
from tyg.i18n.messages import RUNTIME_ROOT, all_msgs
from tyg.i18n.renpy_tl import tl_files



def po_files(source: str) -> dict[str, str]:
    """Language code -> its PO file, for every PO file of the project."""
    folder = pofile.translations_dir(source)
    if not os.path.isdir(folder):
        return {}
    return {n[:-3]: os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".po")}


def shipped(source: str) -> list[str]:
    """The languages ``LINGUAS`` lists (one code per line or space-separated; '#' starts a comment)."""
    path = os.path.join(pofile.translations_dir(source), "LINGUAS")
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return [w for line in fh for w in line.split("#", 1)[0].split()]
    except OSError:
        return []


def extract(project: Project, source: str, root: str = RUNTIME_ROOT) -> tuple[str, bool]:
    """Write the POT file; returns its path and whether it changed."""
    path = os.path.join(pofile.translations_dir(source), pofile.POT_NAME)
    return path, pofile.write(path, pofile.make_pot(all_msgs(project, root)))


def update(project: Project, source: str, langs: list[str], report: Report, root: str = RUNTIME_ROOT) -> list[str]:
    """Write the POT, then merge it into each language's PO file (made when missing). Returns the files written."""
    pot = pofile.make_pot(all_msgs(project, root))
    folder = pofile.translations_dir(source)
    written = [p for p in [os.path.join(folder, pofile.POT_NAME)] if pofile.write(p, pot)]
    for lang in langs or list(po_files(source)):
        path = os.path.join(folder, f"{lang}.po")
        with _locked(path):  # a translator's import may be writing it
            if os.path.exists(path):
                old = pofile.read(path, report)
                if old is None:
                    continue  # a syntax error, reported: merging would lose what could not be read
                cat = pofile.update(old, pot)
            else:
                cat = pofile.new_po(pot, lang)
            if pofile.write(path, cat):
                written.append(path)
    return written


def export(source: str, lang: str, prefix: str, out: str, report: Report) -> int:
    """Write the entries of ``<lang>.po`` whose context starts with ``prefix`` to ``out``; returns how many."""
    path = os.path.join(pofile.translations_dir(source), f"{lang}.po")
    cat = pofile.read(path, report)
    if cat is None:
        return 0
    part = pofile.new_po(pofile.make_pot([]), lang)
    part.header_comment = cat.header_comment
    for m in cat:
        if m.id and (m.context or "").startswith(prefix):
            part.add(m.id, m.string, locations=m.locations, flags=m.flags, auto_comments=m.auto_comments,
                     user_comments=m.user_comments, previous_id=m.previous_id, context=m.context)
    pofile.write(out, part)
    return sum(1 for m in part if m.id)


def import_(source: str, lang: str, fragment: str, report: Report) -> tuple[int, int]:
    """Copy the translations of ``fragment`` into ``<lang>.po``; returns (copied, not found).

    Only translated, non-fuzzy entries are copied, onto the entry with the same
    context and English. The PO file is locked while it is read and written, so
    several translators can import at the same time without losing each other's work.
    """
    path = os.path.join(pofile.translations_dir(source), f"{lang}.po")
    part = pofile.read(fragment, report)
    if part is None:
        return 0, 0
    with _locked(path):
        cat = pofile.read(path, report)
        if cat is None:
            return 0, 0
        copied = missing = 0
        for m in part:
            if not m.id or not m.string or "fuzzy" in m.flags:
                continue
            target = cat.get(m.id, m.context)
            if target is None:
                missing += 1
                continue
            target.string = m.string
            target.flags.discard("fuzzy")
            copied += 1
        pofile.write(path, cat)
    return copied, missing


@contextlib.contextmanager
def _locked(path: str):
    """Hold the lock of a PO file while reading and writing it (``update`` and ``import``).

    The lock file lives in the temporary folder, outside the project: nothing to commit or ignore.
    """
    import fcntl
    import hashlib
    import tempfile

    digest = hashlib.sha1(os.path.abspath(path).encode("utf-8")).hexdigest()[:16]
    with open(os.path.join(tempfile.gettempdir(), f"tyg-po-{digest}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def check(project: Project, source: str, report: Report, langs: list[str] | None = None, strict: bool = False, root: str = RUNTIME_ROOT) -> dict[str, Translation]:
    """Check the given languages (default: those LINGUAS ships); returns their translations."""
    files = po_files(source)
    out: dict[str, Translation] = {}
    msgs = all_msgs(project, root)
    for lang in shipped(source) if langs is None else langs:
        path = files.get(lang)
        if path is None:
            raise LookupError(f"no translation for '{lang}': {display_path(os.path.join(pofile.translations_dir(source), lang + '.po'))} does not exist")
        cat = pofile.read(path, report)
        if cat is None:
            continue
        tr = out[lang] = Translation(lang, cat)
        check_catalog(cat, path, msgs, report, strict)
        check_conflicts(cat, path, msgs, tr, report)
        if lang == "es":
            check_spanish_wording(msgs, tr, report)
            check_spanish_reading(translate_project(project, tr), report)
    return out


def compiled(project: Project, source: str, catalogue_source: str, report: Report, root: str = RUNTIME_ROOT) -> dict[str, str]:
    """The Ren'Py translation files of every PO file, by name under ``game/generated/``."""
    files: dict[str, str] = {}
    msgs = all_msgs(project, root)
    modules = None
    for lang, path in po_files(source).items():
        cat = pofile.read(path, report)
        if cat is None:
            continue
        if modules is None:
            shown = Project(display_path(project.root), project.catalogue, project.scenarios)
            modules = lower_project(shown, catalogue_source)
        name = pofile.LANGUAGES.get(lang, (lang, lang))[0]
        files.update(tl_files(name, modules, msgs, Translation(lang, cat), display_path(path), pofile.VOICES.get(lang)))
    return files
