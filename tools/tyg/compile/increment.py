"""Scene by scene: a changed scenario file is read, text-checked and emitted again only where it changed.

In: a scenario file's text, cut by ``chunks.split`` into its head and one chunk per
scene, and the ``Memo`` its last build left: for each scene chunk's text (by digest),
the line it started at and what it gave, a ``Piece`` (its ``Scene``, its reading
counts, wording findings and what it teaches, and its generated script). Out:
``load`` gives the same ``Scenario`` tree a whole read gives, with a ``Part`` per
scene saying what was kept; after the build, ``memo_after`` gives the memo for next
time. The project-wide and whole-scenario work (story checks, measuring minutes)
still runs on the whole tree; a kept piece only spares reading, text checks and
emitting its scene.

Only a file that loads cleanly is read this way: at any diagnostic from the loader,
the whole file is read again as ever, so what an author is told comes from one
place. A piece kept from another line is moved there as it is unpickled (its places
are stored counted from its chunk's first line; its script by ``emit.shift_part``). A piece depends only on its chunk's text and the file's path
(part of the memo's key), except its script, which names the scenario and is kept
with the scenario id it was made for. Output is the same, byte for byte, as a whole
read (tests/test_increment.py edits files at random and compares).
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass

from tyg.compile import chunks
from tyg.compile.diagnostics import Loc, Report
from tyg.compile.nodes import Scenario, Scene

#: digest of a chunk's text -> (0-based line it started at, pickled ``Piece`` as made there)
Memo = dict[str, tuple[int, bytes]]


@dataclass
class Piece:
    """What one scene chunk gave; a field is None until the build has needed it."""

    scene: Scene
    counts: object = None  # readability.Counts
    wording: list[tuple[Loc, str]] | None = None  # safeguarding.scene_wording
    teaches: list[tuple[str, str]] | None = None  # teaching.scene_teaches
    script: tuple[str, str, str] | None = None  # (scenario id, defines, label): emit.scene_part


@dataclass
class Part:
    """One scene of the file as read now."""

    digest: str
    start: int  # 0-based line its chunk starts at
    piece: Piece  # kept (moved to ``start``) or made now
    kept: tuple[int, bytes] | None = None  # the memo entry it came from, while unchanged
    changed: bool = True  # the memo needs this piece stored again


def _digest(split: chunks.Split, i: int) -> str:
    """A chunk's key: its text, and whether it is the last (YAML ends a scene's mapping at the
    next token, which is the next scene's ``-`` or else what follows the list)."""
    last = i == len(split.chunks) - 1
    return hashlib.sha256(split.chunks[i].text.encode("utf-8") + (b"\0last" if last else b"")).hexdigest()


def load(path: str, report: Report, data: bytes | None, memo: Memo | None) -> tuple[Scenario | None, list[Part] | None]:
    """``load.load_scenario``, taking unchanged scenes from ``memo``; with the file's scenes as
    ``Part``s when it loaded cleanly and splits into scene chunks (else None: nothing to keep)."""
    from tyg.compile.load import _ScenarioReader, compose, display_path, read_source

    text = read_source(path, report, data)
    if text is None:
        return None, None
    shown = display_path(path)
    split = chunks.split(text)
    if split is not None and memo:
        reused = _reuse(shown, split, memo)
        if reused is not None:
            return reused
    node = compose(text, shown, report)
    if node is None:
        return None, None
    sc = _ScenarioReader(shown, report).read(node)
    if sc is None or report.items or split is None or not chunks.agrees(split, _value(node, "scenes")):
        return sc, None
    return sc, [Part(_digest(split, i), c.start, Piece(s)) for i, (c, s) in enumerate(zip(split.chunks, sc.scenes))]


def _entry(mapping, key: str):
    """(key node, value node) of ``key`` when a mapping has it once, else None."""
    import yaml

    if not isinstance(mapping, yaml.MappingNode):
        return None
    found = [(k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key]
    return found[0] if len(found) == 1 else None


def _value(mapping, key: str):
    entry = _entry(mapping, key)
    return entry[1] if entry else None


def _reuse(shown: str, split: chunks.Split, memo: Memo) -> tuple[Scenario, list[Part]] | None:
    """The scenario from the head, the memo's pieces and the changed chunks read alone; None when
    anything is not clean, for the caller to read the whole file."""
    import yaml

    from tyg.compile.load import _TAG, _ScenarioReader, compose

    digests = [_digest(split, i) for i in range(len(split.chunks))]
    if 2 * sum(d not in memo for d in digests) > len(digests):
        return None  # most scenes changed (a word replaced everywhere): reading the whole file is quicker
    quiet = Report()
    head = compose(split.head, shown, quiet)
    entry = _entry(head, "scenes")  # at the left margin of its line, and empty
    if entry is None:  # compose says nothing without giving None
        return None
    key, empty = entry
    if ((key.start_mark.line, key.start_mark.column) != (split.scenes_line, 0)
            or not isinstance(empty, yaml.ScalarNode) or empty.tag != _TAG + "null" or empty.value != ""):
        return None
    parts: list[Part] = []
    for i, (chunk, d) in enumerate(zip(split.chunks, digests)):
        entry = memo.get(d)
        if entry is not None:
            piece = _unpickle(entry[1], chunk.start)
            if piece is None:
                return None
            # A piece that moved keeps its entry: moving it again next time costs less than storing it again.
            parts.append(Part(d, chunk.start, moved(piece, chunk.start - entry[0]), entry, changed=False))
            continue
        # Behind blank lines, for the file's line numbers; before another item, as in the file,
        # unless it is the last, so that the scene's mapping ends where it ends in the file.
        last = i == len(split.chunks) - 1
        after = "" if last else split.indent * " " + "- next\n"
        node = compose("\n" * chunk.start + chunk.text + after, shown, quiet)
        if quiet.items or not isinstance(node, yaml.SequenceNode) or len(node.value) != (1 if last else 2):
            return None
        reader = _ScenarioReader(shown, quiet)
        items = reader.sequence(node, "scenes")
        scene = reader.scene(items[0]) if items else None
        if scene is None or quiet.items:
            return None
        parts.append(Part(d, chunk.start, Piece(scene)))
    sc = _ScenarioReader(shown, quiet).read(head, scenes=[p.piece.scene for p in parts])
    return (sc, parts) if sc is not None and not quiet.items else None


def moved(piece: Piece, lines: int) -> Piece:
    """``piece``'s script for its chunk moved down ``lines`` lines (up, when negative); its
    places (``Loc``) are moved as it is unpickled (``_unpickle``)."""
    from tyg.compile.emit import shift_part

    if lines and piece.script is not None:
        sid, defines, label = piece.script
        piece.script = (sid, shift_part(defines, lines), shift_part(label, lines))
    return piece


def memo_after(parts: list[Part], found: list[dict] | None = None, scripts: list | None = None) -> Memo:
    """The memo for the next build: every scene's piece, as made at its line now (a kept one as it
    was, unless the build worked out more of it: ``found``, the fields of each piece made afresh,
    and ``scripts``, each scene's script made afresh or None)."""
    for part, fresh, script in zip(parts, found or [{}] * len(parts), scripts or [None] * len(parts)):
        for name, value in fresh.items():
            setattr(part.piece, name, value)
        if script is not None:
            part.piece.script = script
        part.changed = part.changed or bool(fresh) or script is not None
    memo: Memo = {}
    for p in parts:
        memo[p.digest] = p.kept if p.kept is not None and not p.changed else (p.start, _pickle(p.piece, p.start))
    return memo


# A piece is pickled with its places' lines counted from its chunk's first line, and unpickled
# with them counted from the file's start again, wherever the chunk is now: a scene that moved
# costs nothing to move back into place.

_base = 0  # the line its chunk starts at, while a piece is unpickled


def _at(file: str, line: int, col: int, end_line: int, end_col: int) -> Loc:
    return _tuple_new(Loc, (file, line + _base, col, end_line + _base if end_line else 0, end_col))


_tuple_new = tuple.__new__


class _Pickler(pickle.Pickler):
    def __init__(self, file, base: int) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.base = base

    def reducer_override(self, obj):
        if type(obj) is Loc:
            return _at, (obj.file, obj.line - self.base, obj.col, obj.end_line - self.base if obj.end_line else 0, obj.end_col)
        return NotImplemented


def _pickle(piece: Piece, start: int) -> bytes:
    import io

    out = io.BytesIO()
    _Pickler(out, start).dump(piece)
    return out.getvalue()


def _unpickle(blob: bytes, start: int) -> Piece | None:
    global _base
    _base = start
    try:
        piece = pickle.loads(blob)
    except Exception:  # noqa: BLE001 - a damaged entry is read afresh
        return None
    finally:
        _base = 0
    return piece if isinstance(piece, Piece) else None
