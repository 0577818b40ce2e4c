"""Per-language checks of a PO file against what the build would extract now.

* TYG046 (warning; an error with ``--strict``): an entry with no translation,
  or marked fuzzy, or missing from the PO file (run ``translations update``).
* TYG047: the translation drops or adds a placeholder (``{name}``), a
  Ren'Py interpolation or text tag, a line break, or a number (phone numbers,
  ages and keywords of help services must stay exactly as they are).
* TYG048 (warning): a PO entry whose English is no longer in the source.
* TYG049: one English text translated two ways; Ren'Py translates strings
  by their English text, so it can show only one.
* TYG050 (``po.py``): a PO syntax error at its file:line.
* Spanish reading level and wording, reported with the English codes TYG042
  and TYG043 at the YAML line of the English.

Reading level. ``textstat`` 0.7.8 offers two Spanish formulas offline. Its
Fernández-Huerta counts sentences per 100 words and subtracts them, so a
text of longer sentences scores *easier*; Szigriszt-Pazos (the "perspicuity"
index, 206.835 − 62.3 × syllables/words − words/sentences) gets harder with
both longer words and longer sentences, and has a validated scale (INFLESZ,
Barrio-Cantalejo et al. 2008): 65-80 "bastante fácil" is the reading of the
end of primary school, up to age 12, which is US grade 6. So each scene of
at least 30 words, and each teen scenario as a whole, must score at least
65 on Szigriszt-Pazos.
"""

from __future__ import annotations

import re
from collections import Counter

from babel.messages.catalog import Catalog

from tyg.compile.diagnostics import Loc, Report
from tyg.compile.load import display_path
from tyg.compile.nodes import Project
from tyg.i18n.apply import Translation
from tyg.i18n.messages import GUIDE, UI, Msg, string_key
from tyg.teach.readability import MIN_WORDS
from tyg.teach.texts import scene_texts

#: Szigriszt-Pazos at or above this reads like the end of primary school (US grade 6).
MIN_PERSPICUITY = 65.0

_FIELDS = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]")
_NUMBER = re.compile(r"\d+")
_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?>|&[a-z]+;")


def _marks(s: str, runtime: bool) -> Counter:
    """What must survive translation: line breaks and numbers; in the runtime's strings also fields, tags, interpolations.

    In YAML text, ``[`` and ``{`` are shown literally (the compiler escapes them), so they are the translator's to change.
    """
    marks = Counter(m.group(0) for m in _FIELDS.finditer(s.replace("{{", "").replace("[[", ""))) if runtime else Counter()
    marks.update(m.group(0) for m in _TAG.finditer(s))  # the guide's HTML (and any tag in YAML text) stays as it is
    marks.update(m.group(0) for m in _NUMBER.finditer(s))
    marks["\\n"] = s.count("\n")
    return +marks


def check_catalog(po: Catalog, path: str, msgs: list[Msg], report: Report, strict: bool = False) -> None:
    shown = display_path(path)
    wanted = {m.key: m for m in msgs}
    entries = {(e.id, e.context): e for e in po if e.id}
    untranslated = "TYG046"
    for key, m in wanted.items():
        e = entries.get(key)
        where = Loc(shown, getattr(e, "lineno", 0) or 1, 1) if e is not None else Loc(shown, 1, 1)
        if e is None:
            _add(report, untranslated, where, f"'{m.context}' {m.text[:40]!r} is not in this file yet (from {m.file}:{m.line}); run: python3 build.py translations update", strict)
        elif not e.string:
            _add(report, untranslated, where, f"'{m.context}' {m.text[:40]!r} is not translated yet (from {m.file}:{m.line})", strict)
        elif "fuzzy" in e.flags:
            _add(report, untranslated, where, f"'{m.context}' is marked fuzzy: its English changed; check the translation and remove the fuzzy mark", strict)
        else:
            src, dst = _marks(m.text, m.context == UI), _marks(e.string, m.context == UI)
            lost, extra = src - dst, dst - src
            if lost or extra:
                said = ", ".join([*(f"missing {k!r}" for k in lost), *(f"added {k!r}" for k in extra)])
                report.add("TYG047", where, f"'{m.context}': the translation must keep what the English has: {said}")
    for key, e in entries.items():
        if key not in wanted:
            report.add("TYG048", Loc(shown, e.lineno or 1, 1), f"'{e.context}' ({e.id[:40]!r}) is no longer in the source; run: python3 build.py translations update")


def _add(report: Report, code: str, loc: Loc, message: str, strict: bool) -> None:
    report.add(code, loc, message)
    if strict:  # the same finding, counted as an error
        from dataclasses import replace

        from tyg.compile.diagnostics import Severity

        report.items[-1] = replace(report.items[-1], severity=Severity.ERROR)


def check_conflicts(po: Catalog, path: str, msgs: list[Msg], tr: Translation, report: Report) -> None:
    """TYG049: Ren'Py shows one translation per English string; all its contexts must agree."""
    shown = display_path(path)
    entries = {(e.id, e.context): e for e in po if e.id}
    first: dict[str, tuple[str, Msg]] = {}
    for m in msgs:
        if m.loc is not None or m.context == GUIDE or not tr.has(m.text, m.context):
            continue  # say statements are translated one by one; the guide is not in the game
        key, new = string_key(m, m.text), tr.get(m.text, m.context)
        if key not in first:
            first[key] = (new, m)
        elif first[key][0] != new:
            e = entries.get(m.key)
            other = first[key][1]
            report.add(
                "TYG049",
                Loc(shown, getattr(e, "lineno", 1) or 1, 1),
                f"'{m.context}' translates {m.text[:40]!r} as {new[:40]!r}, but '{other.context}' as {first[key][0][:40]!r}; "
                "the game shows one translation for one English text: make them the same",
            )


# ------------------------------------------------------------------ Spanish reading level and wording


def _perspicuity(texts: list[str]) -> tuple[float, int]:
    from textstat.backend.counts import count_words
    from textstat.backend.metrics import szigriszt_pazos

    # Each line is read as a sentence of its own, as in the English check.
    joined = " ".join(t.strip() if t.strip()[-1:] in ".!?…" else t.strip() + "." for t in texts if t.strip())
    return szigriszt_pazos(joined, "es"), count_words(joined)


def check_spanish_reading(project: Project, report: Report) -> None:
    """``project`` is the translated one; diagnostics point at the English YAML."""
    for sc in project.scenarios:
        if sc.audience != "teen":
            continue
        everything: list[str] = []
        for scene in sc.scenes:
            texts = [t.value for t in scene_texts(scene)]
            everything += texts
            score, words = _perspicuity(texts)
            if words >= MIN_WORDS and score < MIN_PERSPICUITY:
                report.add(
                    "TYG042",
                    scene.loc,
                    f"in Spanish, scene '{sc.id}/{scene.id}' scores {score:.1f} on Szigriszt-Pazos; teen text must score at least "
                    f"{MIN_PERSPICUITY:g} (US grade 6). Use shorter sentences and shorter words",
                )
        score, _ = _perspicuity(everything)
        if everything and score < MIN_PERSPICUITY:
            report.add("TYG042", sc.loc, f"in Spanish, scenario '{sc.id}' as a whole scores {score:.1f} on Szigriszt-Pazos; at least {MIN_PERSPICUITY:g}")


#: A negation shortly before a match ("no es tu culpa" is the message we want).
_NEGATED_ES = re.compile(r"\b(?:no|nunca|jamás|nada|ninguna|ni)\b[^.!?]{0,30}$", re.I)

SPANISH_RULES: list[tuple[str, re.Pattern[str], str]] = [
    ("victim-blaming", re.compile(r"\b(?:tu|su|mi)\s+(?:propia\s+)?culpa\b", re.I), "di que no es su culpa: la culpa es de quien presiona o amenaza"),
    ("victim-blaming", re.compile(r"\bdeber[íi]as?\s+(?:haberlo\s+)?sabido\b|\bdebiste\s+saber", re.I), "esto culpa a quien fue engañado"),
    ("victim-blaming", re.compile(r"\bpor\s+qu[ée]\s+(?:lo\s+)?hiciste\b", re.I), "suena a reproche; pregunta qué pasó"),
    ("victim-blaming", re.compile(r"\ben\s+qu[ée]\s+estabas\s+pensando\b", re.I), "esto culpa a quien fue engañado"),
    ("victim-blaming", re.compile(r"\bte\s+lo\s+buscaste\b", re.I), "esto culpa a quien fue engañado"),
    ("fatalism", re.compile(r"\blo\s+que\s+se\s+sube\s+(?:a\s+internet\s+)?se\s+queda\b", re.I), "quita la esperanza: las imágenes se pueden quitar y hay ayuda"),
    ("fatalism", re.compile(r"\b(?:en\s+internet|ah[íi]\s+afuera)\s+para\s+siempre\b", re.I), "quita la esperanza: hay herramientas para quitar imágenes"),
    ("fatalism", re.compile(r"\b(?:nunca|jam[áa]s)\s+(?:lo\s+)?(?:vas\s+a\s+|podr[áa]s\s+)?(?:recuperar|borrar)", re.I), "quita la esperanza: hay herramientas para quitar imágenes"),
    ("fatalism", re.compile(r"\b(?:tu\s+vida|todo)\s+(?:est[áa]\s+arruinad[oa]|se\s+acab[óo]|est[áa]\s+perdid[oa])", re.I), "quita la esperanza"),
    ("fatalism", re.compile(r"\bno\s+(?:hay|se\s+puede\s+hacer)\s+nada\s+(?:que\s+hacer)?", re.I), "quita la esperanza: siempre hay algo que hacer"),
    ("wording", re.compile(r"\bsext(?:ing|ear|eo|eando|s)?\b", re.I), 'di "compartir desnudos" (o "fotos íntimas"), no "sexting"'),
]

EXPLICIT_ES = (
    "porno", "pornografía", "pornográfico", "masturbar", "masturbarse", "masturbación", "genitales", "pene",
    "vagina", "tetas", "chichis", "verga", "polla", "coño", "cachondo", "cachonda",
    "orgasmo", "cibersexo", "xxx", "nsfw",
)
SPANISH_RULES.append(
    (
        "explicit",
        re.compile(r"\b(?:" + "|".join(re.escape(w) for w in EXPLICIT_ES) + r")\b", re.I),
        "nada explícito: insinúa lo que piden, nunca lo describas",
    )
)


def spanish_findings(text: str) -> list[tuple[str, str, str]]:
    out = []
    for kind, rx, advice in SPANISH_RULES:
        for m in rx.finditer(text):
            if kind == "victim-blaming" and "culpa" in m.group(0).lower() and _NEGATED_ES.search(text[: m.start()]):
                continue
            if kind == "wording" and _NEGATED_ES.search(text[: m.start()]):
                continue  # 'di "compartir desnudos", no "sexting"' is the advice itself
            out.append((kind, m.group(0), advice))
            break
    return out


def check_spanish_wording(msgs: list[Msg], tr: Translation, report: Report) -> None:
    for m in msgs:
        if not tr.has(m.text, m.context) or tr.get(m.text, m.context) == m.text:
            continue  # untranslated, or kept as it is (a name, a number): the English lint's business
        for kind, words, advice in spanish_findings(tr.get(m.text, m.context)):
            report.add("TYG043", Loc(m.file, m.line, 1), f"in Spanish ('{m.context}'), {kind}: '{words}': {advice}")
