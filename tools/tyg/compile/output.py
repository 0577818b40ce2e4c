"""Writing generated files: only into game/generated/, only over our own files.

The whole set of files is planned first. Nothing is written if any planned
file would replace a hand-written one. Files are written through a temporary
file and an atomic rename, and only when their bytes change, so an
interrupted build never leaves a half-written script and an unchanged build
touches nothing. Generated files whose source is gone are removed, with the
``.rpyc`` Ren'Py compiled from them.
"""

from __future__ import annotations

import os
import tempfile

from tyg.compile.diagnostics import Loc, Report
from tyg.compile.emit import MARKER
from tyg.compile.load import display_path


def is_generated(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.readline().rstrip(b"\r\n") == MARKER.encode()
    except OSError:
        return False


def plan_conflicts(gen_dir: str, files: dict[str, str] | dict[str, bytes], report: Report) -> None:
    """Report each planned file that would overwrite a hand-written one."""
    for name in sorted(files):
        path = os.path.join(gen_dir, name)
        if os.path.exists(path) and not is_generated(path):
            report.add(
                "TYG030",
                Loc(display_path(path)),
                f"is not a generated file, so the build will not overwrite it; move it out of {display_path(gen_dir)}/",
            )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _atomic_write(path: str, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    try:
        # mkstemp makes the file readable by its owner only; a game folder copied to a
        # shared drive must be readable by everyone, as any other file the user makes.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _generated_names(gen_dir: str) -> list[str]:
    """Every file under ``gen_dir``, as a '/'-separated path relative to it."""
    out = []
    for dirpath, _dirs, names in os.walk(gen_dir):
        rel = os.path.relpath(dirpath, gen_dir).replace(os.sep, "/")
        out += [name if rel == "." else f"{rel}/{name}" for name in names]
    return sorted(out)


def write_files(gen_dir: str, files: dict[str, str] | dict[str, bytes]) -> tuple[list[str], list[str]]:
    """Write planned files (text, or text already encoded as UTF-8) and remove stale generated ones.
    A file whose bytes are already there is left alone. Returns (written, removed)."""
    os.makedirs(gen_dir, exist_ok=True)
    written, removed = [], []
    for name in sorted(files):
        path = os.path.join(gen_dir, name)
        content = files[name]
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        try:
            with open(path, "rb") as fh:
                if fh.read() == data:
                    continue
        except OSError:
            pass
        os.makedirs(os.path.dirname(path), exist_ok=True)  # translations go in tl/<language>/
        _atomic_write(path, data)
        written.append(path)
    for name in _generated_names(gen_dir):
        path = os.path.join(gen_dir, name)
        if name.endswith(".rpy") and name not in files and is_generated(path):
            os.unlink(path)
            removed.append(path)
            for suffix in ("c", "mc"):
                if os.path.exists(path + suffix):
                    os.unlink(path + suffix)
    return written, removed
