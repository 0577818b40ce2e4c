"""load -> check -> lower -> emit, and the write that follows.

Errors stop the build before anything is written; warnings do not.
"""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass, field

from tyg.compile.check import check_project
from tyg.play.coverage import check_winnable
from tyg.teach.readability import check_reading_level
from tyg.teach.safeguarding import check_wording
from tyg.teach.teaching import check_teaching
from tyg.compile.diagnostics import Report
from tyg.compile.emit import emit_module
from tyg.compile.load import CATALOGUE_NAME, display_path, load_project
from tyg.compile.lower import GENERATED_DIR, lower_project
from tyg.compile.nodes import Project
from tyg.compile.output import plan_conflicts, write_files


@dataclass
class Result:
    report: Report
    project: Project | None = None
    files: dict[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

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


def check(source: str) -> Result:
    with _no_cycle_collection():
        return _check(source)


def _check(source: str) -> Result:
    report = Report()
    project = load_project(source, report)
    # Every load error is reported at once. Graph checks need a complete
    # tree: run on a partial one, they would report cascades of false errors.
    if not report.errors:
        check_project(project, report)
        if not report.errors:  # conditions are searched only on a sound story graph
            check_winnable(project, report)
        if not report.errors:  # with broken references, "taught nowhere" would only repeat them
            check_teaching(project, report)
        check_reading_level(project, report)
        check_wording(project, report)
    return Result(report, project)


def compile_files(project: Project) -> dict[str, str]:
    """The generated files, by name, for a project that checked clean."""
    with _no_cycle_collection():
        return _compile_files(project)


def _compile_files(project: Project) -> dict[str, str]:
    catalogue_source = display_path(os.path.join(project.root, CATALOGUE_NAME))
    project_shown = Project(display_path(project.root), project.catalogue, project.scenarios)
    return {m.filename: emit_module(m) for m in lower_project(project_shown, catalogue_source)}


def build(source: str, game_dir: str) -> Result:
    with _no_cycle_collection():
        return _build(source, game_dir)


def _build(source: str, game_dir: str) -> Result:
    result = _check(source)
    if not result.ok or result.project is None:
        return result
    gen_dir = os.path.join(game_dir, GENERATED_DIR)
    result.files = _compile_files(result.project)
    plan_conflicts(gen_dir, result.files, result.report)
    if result.ok:
        result.written, result.removed = write_files(gen_dir, result.files)
    return result
