"""load -> check -> lower -> emit, and the write that follows.

Errors stop the build before anything is written; warnings do not.

The work is done file by file where it can be: each scenario file is a
``Unit`` whose load, per-scenario checks (references and graph, conditions,
way back, reading level, wording) and generated script depend only on its own
bytes and the catalogue's. Units come from the build cache (``cache.py``) when
one is given and nothing they depend on changed; the others are computed, in
two processes when there is enough of them to pay for it (PyYAML holds the
GIL, so threads would not help). A changed file is computed scene by scene
(``increment``): the scenes whose text did not change come from its memo in
the cache, and only the others are read, text-checked and emitted; the story
checks and the minutes still run on the whole tree. When the scenes read afresh
are many, their text is checked in a forked process while the story is
measured, lowered and emitted.
Generated scripts stay UTF-8 bytes from the emitter (or the cache) to the
disk. The project-wide rules (unique ids across files, catalogue items taught
nowhere, translations) run on what the units keep, and the report is
assembled in the same two rounds as ever: checks run only when every file
reads cleanly, and so on. Output is the same, byte for byte, with or without
the cache, the memo and the processes (tests/test_build_cache.py,
tests/test_increment.py).
"""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass, field

from tyg.compile.diagnostics import Diagnostic, Loc, Report, Severity
from tyg.compile.increment import Memo
from tyg.compile.load import CATALOGUE_NAME, display_path, load_catalogue, load_scenario, plan_sources
from tyg.compile.nodes import Catalogue, Project, Scenario

#: Uncached source bytes above which files are parsed in two processes: below it, starting them costs more than it saves.
PARALLEL_MIN_BYTES = 1_500_000
#: When a file's scenes read afresh hold about this many bytes, their text is checked in a second
#: process while the story is measured, lowered and emitted: below it, the fork costs more than it saves.
SPLIT_MIN_BYTES = 400_000


@dataclass
class Unit:
    """What one scenario file gives the build; everything but ``scenario`` is kept in the cache."""

    file: str  # as shown in diagnostics
    load: list[Diagnostic] = field(default_factory=list)
    check: list[Diagnostic] = field(default_factory=list)  # references and the story graph
    deep: list[Diagnostic] = field(default_factory=list)  # conditions searched (TYG044, never on screen)
    teach: list[Diagnostic] = field(default_factory=list)  # way back after a risky choice
    text: list[Diagnostic] = field(default_factory=list)  # reading level and wording
    loaded: bool = False
    id: tuple[str, Loc] | None = None
    prompts: list[tuple[str, Loc]] = field(default_factory=list)
    taught: list[tuple[str, str, list[str]]] = field(default_factory=list)  # matrix rows with places
    files: dict[str, bytes] = field(default_factory=dict)  # generated (UTF-8), when the file has no errors of its own
    order: tuple = ()  # (order, id): its place in the main menu
    measured_minutes: int | None = None  # words.measure_scenario's, which the tree carries too
    scenario: Scenario | None = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["scenario"] = None  # the tree is rebuilt from the file when asked for
        return state


@dataclass
class CatalogueUnit:
    file: str
    catalogue: Catalogue | None
    load: list[Diagnostic] = field(default_factory=list)
    text: list[Diagnostic] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)


class Result:
    """A check or build: its report, and the project (loaded only when asked for, if it came from the cache)."""

    def __init__(self, report: Report, project: Project | None = None, loader=None, scenario_count: int = 0) -> None:
        self.report = report
        self._project = project
        self._loader = loader
        self.scenario_count = scenario_count if project is None else len(project.scenarios)
        self.files: dict[str, bytes] = {}  # generated files by name, as written (UTF-8)
        self.written: list[str] = []
        self.removed: list[str] = []
        self.changed: list[str] = []  # source files read afresh (not from the cache)

    @property
    def project(self) -> Project | None:
        if self._project is None and self._loader is not None:
            self._project, self._loader = self._loader(), None
        return self._project

    @project.setter
    def project(self, value: Project | None) -> None:
        self._project, self._loader = value, None

    @property
    def ok(self) -> bool:
        return not self.report.errors


@contextlib.contextmanager
def _no_cycle_collection():
    """Pause Python's cyclic garbage collector for one batch job.

    A build allocates millions of objects that all stay alive until it ends;
    every collection would walk the whole growing heap, which made large
    builds grow faster than linearly (bench/build_scaling.py). Nothing a
    build makes is freed by the cycle collector anyway: reference counting
    frees it.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# ------------------------------------------------------------------ one file


def _scenario_unit(path: str, data: bytes | None, catalogue: Catalogue | None, root: str, keep_tree: bool,
                   split_min: int | None = None, memo: Memo | None = None) -> tuple[Unit, Memo | None]:
    """Load one scenario file and do everything that depends only on it and the catalogue; with
    the scene memo for its next build (``increment``), when given one (``{}`` at first) and the
    file splits into scenes.

    ``memo``: what its scenes gave last time: unchanged scenes are not read, text-checked or
    emitted again; None: there is no cache to keep one in. ``split_min`` (two cores to use): a
    file of at least that many bytes is measured in a forked process while this one checks the
    story, and when the scenes read afresh hold that many, their text is checked in another
    while this one lowers and emits (``_forked``): the same unit, sooner. Nothing else differs
    (tests/test_build_cache.py, tests/test_increment.py).
    """
    from tyg.compile import increment
    from tyg.compile.check import _check_scenario, discussion_prompts
    from tyg.play.coverage import check_never_on_screen, check_winnable
    from tyg.teach.readability import KNOWN
    from tyg.teach.teaching import check_way_back

    unit = Unit(display_path(path))
    report = Report()
    sc, parts = increment.load(path, report, data, memo)
    unit.load = report.items
    if sc is None or report.errors:  # the build stops at load errors: nothing more is needed
        return unit, None
    unit.loaded = True
    unit.id = (sc.id, sc.loc)
    unit.order = (sc.order is None, sc.order or 0, sc.id)
    unit.prompts = discussion_prompts(sc)
    one = Project(root, catalogue, [sc], whole=False)
    # The minutes are measured only on a sound story, but a big one is measured beside its checks,
    # in a forked process, and the answer is thrown away if they find errors.
    minutes = (lambda: _minutes(sc, catalogue))
    minutes = _forked(minutes) if split_min is not None and len(data or b"") >= split_min else _here(minutes)
    report = Report()
    _check_scenario(one, sc, report)
    unit.check = report.items
    errors = bool(unit.load) or bool(report.errors)
    if not errors:  # conditions are searched only on a sound story graph
        report = Report()
        check_winnable(one, report)
        check_never_on_screen(one, report)
        unit.deep = report.items
        errors = bool(report.errors)
    report = Report()
    check_way_back(one, report)
    unit.teach = report.items
    errors = errors or bool(report.errors)
    pieces = [p.piece for p in parts] if parts else [None] * len(sc.scenes)
    text = (lambda: _text_findings(sc, catalogue, root, pieces))
    size = len(data or b"")
    if parts:  # about the bytes of the scenes read afresh
        size = size * sum(p.kept is None for p in parts) // len(parts)
    if split_min is not None and size >= split_min:
        text = _forked(text)
    minutes_items, files, scripts = [], {}, [None] * len(sc.scenes)
    measured = minutes(not errors)
    if measured is not None:
        sc.measured_minutes, minutes_items = measured
        if not any(d.severity is Severity.ERROR for d in minutes_items):
            files, scripts = _lowered(sc, pieces)
    text_items, unit.taught, learnt, found = text()
    KNOWN.update(learnt)  # syllables a forked process looked up, for the cache to remember
    report = Report()
    report.items = text_items + minutes_items
    unit.text = report.items
    if not report.errors:
        unit.files = files
    unit.measured_minutes = sc.measured_minutes
    if keep_tree:
        unit.scenario = sc
    if parts is None or memo is None:
        return unit, None
    return unit, increment.memo_after(parts, found, scripts)


def _text_findings(sc: Scenario, catalogue: Catalogue | None, root: str, pieces: list) -> tuple[list[Diagnostic], list, dict[str, int], list[dict]]:
    """Reading level and wording (TYG042, TYG043), the teaching matrix's rows, the syllable
    counts looked up on the way (new to ``readability.KNOWN``), and for each scene what was
    worked out afresh (``increment.Piece``'s fields; a kept piece's are used as they are)."""
    from tyg.teach import readability
    from tyg.teach.safeguarding import check_wording, scene_wording
    from tyg.teach.teaching import matrix, scene_teaches

    kept = {id(s): p for s, p in zip(sc.scenes, pieces) if p is not None}
    found: dict[int, dict] = {}

    def provider(name: str, work):
        def get(scene):
            value = getattr(kept.get(id(scene)), name, None)
            if value is None:
                value = found.setdefault(id(scene), {})[name] = work(scene)
            return value

        return get

    known = set(readability.KNOWN)
    report = Report()
    readability.check_reading_level(Project(root, catalogue, [sc], whole=False), report,
                                    counts_of=provider("counts", readability.scene_counts))
    check_wording(Project(root, None, [sc], whole=False), report, wording_of=provider("wording", scene_wording))
    taught = [] if catalogue is None else [(r.section, r.id, r.places)
                                           for r in matrix(Project(root, catalogue, [sc]), provider("teaches", scene_teaches))]
    return report.items, taught, readability.looked_up_since(known), [found.get(id(s), {}) for s in sc.scenes]


def _minutes(sc: Scenario, catalogue: Catalogue | None) -> tuple[int | None, list[Diagnostic]]:
    """The menu's minutes, from random play-throughs of a sound story, and TYG051."""
    from tyg.play.words import measure_scenario

    report = Report()
    measure_scenario(sc, catalogue, report)
    return sc.measured_minutes, report.items


def _lowered(sc: Scenario, pieces: list) -> tuple[dict[str, bytes], list]:
    """The generated script of a checked, measured story, with each scene's script part made
    afresh (None: kept from its piece)."""
    from tyg.compile.emit import scenario_script, scene_part
    from tyg.compile.lower import scenario_filename

    made = []
    scripts = []
    for scene, piece in zip(sc.scenes, pieces):
        script = piece.script if piece is not None else None
        if script is None or script[0] != sc.id:
            script = (sc.id, *scene_part(sc.id, scene))
            made.append(script)
        else:
            made.append(None)
        scripts.append(script[1:])
    return {scenario_filename(sc.id): scenario_script(sc, scripts).encode("utf-8")}, made


def _here(work):
    """``work`` as ``_forked`` gives it back: ``result()`` runs it, ``result(False)`` does not."""
    return lambda wanted=True: work() if wanted else None


def _forked(work):
    """Start ``work()`` in a forked process; returns a function that waits for its result
    (``result()``), or stops the process when the result is not wanted after all (``result(False)``).

    Where there is no fork, or it fails, or the process dies, ``work`` is run here when the
    result is asked for instead: the answer is the same, only later.
    """
    import pickle
    import signal

    if not hasattr(os, "fork"):
        return _here(work)
    r, w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return _here(work)
    if pid == 0:  # the child: its result down the pipe, then out without running any exit handlers
        code = 1
        try:
            os.close(r)
            with os.fdopen(w, "wb") as fh:
                fh.write(pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        finally:
            os._exit(code)
    os.close(w)

    def result(wanted: bool = True):
        if not wanted:
            os.kill(pid, signal.SIGKILL)
        with os.fdopen(r, "rb") as fh:
            payload = fh.read()
        _, status = os.waitpid(pid, 0)
        if not wanted:
            return None
        return pickle.loads(payload) if status == 0 and payload else work()

    return result


def _catalogue_unit(path: str, data: bytes | None, root: str) -> CatalogueUnit:
    from tyg.compile.emit import emit_module
    from tyg.compile.lower import lower_catalogue
    from tyg.teach.safeguarding import check_wording

    report = Report()
    cat = load_catalogue(path, report, data)
    unit = CatalogueUnit(display_path(path), cat, report.items)
    if cat is not None:
        report = Report()
        check_wording(Project(root, cat, [], whole=False), report)
        unit.text = report.items
        if not unit.load:
            mod = lower_catalogue(cat, display_path(os.path.join(root, CATALOGUE_NAME)))
            unit.files = {mod.filename: emit_module(mod).encode("utf-8")}
    return unit


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None  # the loader says why, with its own code


def _work(job: tuple) -> tuple[Unit, dict[str, int], Memo | None]:
    """One scenario file, in a worker process; with the syllable counts it looked up, for the
    cache, and its scene memo."""
    from tyg.teach import readability

    path, data, catalogue, root, memo = job
    known = set(readability.KNOWN)
    with _no_cycle_collection():
        unit, memo = _scenario_unit(path, data, catalogue, root, keep_tree=False, memo=memo)
    return unit, readability.looked_up_since(known), memo


def _parallel(jobs: list[tuple], processes: int) -> list[tuple[Unit, Memo | None]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    ctx = multiprocessing.get_context(method)
    # Largest first, so that the two processes finish together.
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][1] or b""))
    out: list = [None] * len(jobs)
    from tyg.teach import readability

    with ProcessPoolExecutor(max_workers=processes, mp_context=ctx) as pool:
        for i, (unit, learnt, memo) in zip(order, pool.map(_work, [jobs[i] for i in order])):
            out[i] = unit, memo
            readability.KNOWN.update(learnt)
    return out


# ------------------------------------------------------------------ the project


@dataclass
class _Loaded:
    report: Report
    root: str
    whole: bool
    catalogue: CatalogueUnit | None
    units: list[Unit]
    paths: list[str]
    changed: list[str]
    keys: list[str] = field(default_factory=list)  # the cache keys of the catalogue and every file read


def _remembered_syllables(cache) -> int | None:
    """Put the syllable counts the cache remembers into readability's table, and let a new word be
    looked up in the pronouncing dictionary's syllables the cache keeps; how many there were."""
    if cache is None:
        return None
    from tyg.teach import readability

    known = cache.get(cache.key("syllables"))
    if isinstance(known, dict):
        readability.KNOWN.update(known)
    readability.LEXICON = _cached_lexicon(cache)
    return len(readability.KNOWN)


def _cached_lexicon(cache):
    """``readability.lexicon()`` from the cache (made and kept there the first time), once asked for."""
    table: dict[str, int] = {}

    def get() -> dict[str, int]:
        if not table:
            from tyg.teach import readability

            key = cache.key("lexicon")
            found = cache.get(key)
            if not isinstance(found, dict) or not found:
                found = readability.lexicon()
                cache.put(key, found)
            table.update(found)
        return table

    return get


def _remember_syllables(cache, before: int | None) -> None:
    from tyg.teach import readability

    if before is not None and len(readability.KNOWN) > before:
        cache.put(cache.key("syllables"), dict(readability.KNOWN))


def _load_units(source: str, cache, processes: int | None) -> _Loaded:
    report = Report()
    planned = plan_sources(source, report)
    if planned is None:
        return _Loaded(report, source, False, None, [], [], [])
    root, catalogue_path, files = planned
    whole = os.path.isdir(source)
    changed: list[str] = []
    keys: list[str] = []
    cat_unit = None
    cat_key = ""
    if catalogue_path is not None:
        data = _read(catalogue_path)
        key = cache.key("catalogue", display_path(catalogue_path), root, data) if cache is not None and data is not None else None
        cat_unit = cache.get(key) if key else None
        if cat_unit is None:
            cat_unit = _catalogue_unit(catalogue_path, data, root)
            changed.append(cat_unit.file)
            if key:
                cache.put(key, cat_unit)
        cat_key = key or ""
        keys.append(cat_key)
    catalogue = cat_unit.catalogue if cat_unit else None
    units: list[Unit | None] = []
    todo: list[tuple[int, str | None, tuple]] = []
    for path in files:
        data = _read(path)
        key = None
        if cache is not None and data is not None and (catalogue_path is None or cat_key):
            key = cache.key("scenario", display_path(path), root, cat_key, data)
        keys.append(key or "")
        unit = cache.get(key) if key else None
        units.append(unit)
        if unit is None:
            # The scenes' memo (increment.py) depends on the file's path only: not on the catalogue.
            memo_key = cache.key("scenes", display_path(path)) if cache is not None else None
            memo = cache.get(memo_key) if memo_key else None
            memo = None if cache is None else memo if isinstance(memo, dict) else {}
            todo.append((len(units) - 1, key, memo_key, (path, data, catalogue, root, memo)))
    syllables = _remembered_syllables(cache) if todo else None
    size = sum(len(job[-1][1] or b"") for job in todo)
    auto = processes is None
    if processes is None:
        processes = 2 if (os.cpu_count() or 1) >= 2 and len(todo) >= 2 and size >= PARALLEL_MIN_BYTES else 1
    if processes > 1 and len(todo) >= 2:
        computed = _parallel([job for *_, job in todo], processes)
    else:  # one process, or two for each big change's text checks (_scenario_unit's split) when it pays
        split = processes > 1 or (auto and (os.cpu_count() or 1) >= 2)
        computed = [_scenario_unit(*job[:4], keep_tree=True, split_min=SPLIT_MIN_BYTES if split else None, memo=job[4])
                    for *_, job in todo]
    for (i, key, memo_key, job), (unit, memo) in zip(todo, computed):
        units[i] = unit
        changed.append(unit.file)
        if key:
            cache.put(key, unit)
        if memo_key and memo is not None and memo != job[4]:
            cache.put(memo_key, memo)
    if cache is not None and todo:
        _remember_syllables(cache, syllables)
        cache.prune()
    return _Loaded(report, root, whole, cat_unit, units, files, changed, keys)  # type: ignore[arg-type]


def _assemble(loaded: _Loaded) -> Report:
    """The report, in the same rounds as ever: reading, then the story checks, then what is taught."""
    from tyg.compile.check import check_unique_globals

    report = loaded.report
    cat_unit, units = loaded.catalogue, loaded.units
    catalogue = cat_unit.catalogue if cat_unit else None
    if cat_unit:
        report.items.extend(cat_unit.load)
    for u in units:
        report.items.extend(u.load)
    # Every load error is reported at once. Graph checks need a complete
    # tree: run on a partial one, they would report cascades of false errors.
    if report.errors:
        return report
    check_unique_globals([u.id for u in units if u.id], [p for u in units for p in u.prompts], catalogue, report)
    for u in units:
        report.items.extend(u.check)
    if not report.errors:  # conditions are searched only on a sound story graph
        for u in units:
            report.items.extend(u.deep)
    if not report.errors:  # with broken references, "taught nowhere" would only repeat them
        for u in units:
            report.items.extend(u.teach)
        if loaded.whole and catalogue is not None and units:
            from tyg.teach.teaching import Row, report_untaught

            rows: dict[tuple[str, str], Row] = {}
            for u in units:
                for section, id_, places in u.taught:
                    row = rows.setdefault((section, id_), Row(section, id_, ""))
                    row.places.extend(places)
            report_untaught(catalogue, list(rows.values()), report)
    for u in units:
        report.items.extend(u.text)
    if cat_unit:
        report.items.extend(cat_unit.text)
    return report


def _project_loader(loaded: _Loaded):
    def load() -> Project:
        catalogue = loaded.catalogue.catalogue if loaded.catalogue else None
        scenarios = []
        for path, u in zip(loaded.paths, loaded.units):
            sc = u.scenario
            if sc is None and u.loaded:
                sc = load_scenario(path, Report())
                if sc is not None:
                    sc.measured_minutes = u.measured_minutes
            if sc is not None:
                scenarios.append(sc)
        return Project(loaded.root, catalogue, scenarios, whole=loaded.whole)

    return load


def _translation_folders(source: str) -> list[str]:
    """Where i18n.po.translations_dir looks: inside the source folder, or beside it. Looked at
    without importing the translation tools (Babel is slow to import, and most builds need none)."""
    folder = source if os.path.isdir(source) else os.path.dirname(os.path.abspath(source))
    return [os.path.join(d, "translations") for d in (folder, os.path.dirname(os.path.abspath(folder)))]


def _may_ship_languages(source: str) -> bool:
    return any(os.path.exists(os.path.join(d, "LINGUAS")) for d in _translation_folders(source))


def _may_have_translations(source: str) -> bool:
    return any(os.path.isdir(d) and any(n.endswith(".po") for n in os.listdir(d)) for d in _translation_folders(source))


def _languages():
    from tyg.i18n import languages

    return languages


def check(source: str, langs: list[str] | None = None, strict: bool = False, cache=None, processes: int | None = None) -> Result:
    """``langs``: the translations to check too (default: those translations/LINGUAS ships).
    ``cache``: a ``cache.Cache`` to take unchanged files from; ``processes``: None decides by size."""
    with _no_cycle_collection():
        return _check(source, langs, strict, cache, processes)[0]


def _check(source: str, langs, strict: bool, cache, processes) -> tuple[Result, _Loaded]:
    loaded = _load_units(source, cache, processes)
    report = _assemble(loaded)
    planned = loaded.root != source or os.path.exists(source)
    result = Result(report, loader=_project_loader(loaded) if planned else (lambda: Project(source, None, [])),
                    scenario_count=sum(u.loaded for u in loaded.units))
    result.changed = loaded.changed
    if not report.errors and (langs or (langs is None and _may_ship_languages(source))):
        key = _languages_key(cache, source, loaded, langs, strict)
        found = cache.get(key) if key else None
        if isinstance(found, list):
            report.items.extend(found)
        else:
            languages = _languages()
            if langs or languages.shipped(source):
                before = len(report.items)
                languages.check(result.project, source, report, langs, strict)
                if key:
                    cache.put(key, report.items[before:])
    return result, loaded


def _languages_key(cache, source: str, loaded: _Loaded, langs, strict: bool) -> str | None:
    """The cache key of the translations' diagnostics: everything ``languages.check`` reads (the
    story's files through their own keys, the translations folder, the runtime's scripts), so that
    a check with nothing changed needs neither Babel nor the story's tree."""
    if cache is None or not all(loaded.keys) or not loaded.keys:
        return None
    from tyg.i18n.messages import RUNTIME_ROOT

    parts: list[bytes | str] = ["languages", repr(langs), repr(strict), display_path(source), *loaded.keys]
    game = os.path.join(RUNTIME_ROOT, "game")
    named = [os.path.join(d, n) for d in _translation_folders(source) if os.path.isdir(d)
             for n in sorted(os.listdir(d)) if n == "LINGUAS" or n.endswith((".po", ".pot"))]
    named += [os.path.join(game, n) for n in sorted(os.listdir(game)) if n.endswith(".rpy")] if os.path.isdir(game) else []
    for path in named:
        data = _read(path)
        if data is None:
            return None
        parts += [display_path(path), data]
    return cache.key(*parts)


def compile_files(project: Project) -> dict[str, str]:
    """The generated files, by name, for a project that checked clean."""
    from tyg.compile.emit import emit_module
    from tyg.compile.lower import lower_project

    with _no_cycle_collection():
        catalogue_source = display_path(os.path.join(project.root, CATALOGUE_NAME))
        project_shown = Project(display_path(project.root), project.catalogue, project.scenarios)
        return {m.filename: emit_module(m) for m in lower_project(project_shown, catalogue_source)}


def _files(loaded: _Loaded) -> dict[str, bytes]:
    """The generated files, from the units (``compile_files`` on their project, encoded). Kept as
    bytes from end to end: a cached unit's script is never decoded only to be encoded again."""
    from tyg.compile.emit import emit_module
    from tyg.compile.lower import lower_catalogue, lower_index

    root_shown = display_path(loaded.root)
    catalogue_source = display_path(os.path.join(loaded.root, CATALOGUE_NAME))
    files: dict[str, bytes] = {}
    if loaded.catalogue is not None and loaded.catalogue.files:
        files.update(loaded.catalogue.files)
    else:
        mod = lower_catalogue(None, catalogue_source)
        files[mod.filename] = emit_module(mod).encode("utf-8")
    menu = Project(root_shown, None, [_MenuEntry(*u.order) for u in loaded.units if u.loaded])  # type: ignore[list-item]
    mod = lower_index(menu, root_shown)
    files[mod.filename] = emit_module(mod).encode("utf-8")
    for u in loaded.units:
        files.update(u.files)
    return files


@dataclass
class _MenuEntry:
    """What the main menu's index needs of a scenario."""

    unordered: bool
    position: int
    id: str

    @property
    def order(self) -> int | None:
        return None if self.unordered else self.position


def build(source: str, game_dir: str, cache=None, processes: int | None = None) -> Result:
    with _no_cycle_collection():
        return _build(source, game_dir, cache, processes)


def _build(source: str, game_dir: str, cache, processes) -> Result:
    from tyg.compile.lower import GENERATED_DIR
    from tyg.compile.output import plan_conflicts, write_files

    result, loaded = _check(source, None, False, cache, processes)
    if not result.ok:
        return result
    gen_dir = os.path.join(game_dir, GENERATED_DIR)
    result.files = _files(loaded)
    languages = _languages() if _may_have_translations(source) else None
    if languages is not None and languages.po_files(source):
        catalogue_source = display_path(os.path.join(loaded.root, CATALOGUE_NAME))
        compiled = languages.compiled(result.project, source, catalogue_source, result.report)
        result.files.update((name, text.encode("utf-8")) for name, text in compiled.items())
    plan_conflicts(gen_dir, result.files, result.report)
    if result.ok:
        result.written, result.removed = write_files(gen_dir, result.files)
    return result
