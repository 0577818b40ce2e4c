"""A scenario file's text cut into its head and one chunk per scene, for reading only what changed.

A scenario file is a mapping whose ``scenes:`` key holds a block list, one item
per scene. ``split`` finds that list in the text alone: the line ``scenes:`` at
the left margin, then the item lines (``- `` at the indent of the first one) up
to the next line at the left margin that is not blank or a comment. Each item's
lines are a ``Chunk``; the ``head`` is the rest of the file with the items'
lines left blank, so that every line keeps its number.

Text alone can be fooled (a quoted string spanning lines can hold a line that
looks like an item), so a split is only ever used after YAML has agreed with it:

* ``agrees`` checks a split against the whole file's composed tree (one item per
  chunk, each starting in its own chunk, the list ending where the chunks do);
* ``increment`` composes a changed chunk on its own, behind blank lines so that
  its marks are the file's, and the head with its ``scenes:`` still at the left
  margin of its line and empty. When every piece composes cleanly on its own,
  no string, bracket or block is open at any cut, so YAML reads each chunk of the
  whole file exactly as it reads it alone.

Anything unusual (lone carriage returns, the line breaks YAML knows beyond
``\\n``, no such list) gives no split, and the whole file is read as ever.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each pattern starts with a line break, a literal that the regular expression engine looks for
# quickly: a pattern starting with ``^`` would be tried at every character of a 2 MB file.
#: ``scenes:`` alone on its line, perhaps with a comment.
_SCENES = re.compile(r"\nscenes:[ \t]*(?:#[^\n]*)?\r?(?=\n|\Z)")
#: The first line after it with something on it other than a comment.
_CONTENT = re.compile(r"\n( *)([^ #\r\n])(.?)")
#: A line at the left margin with something on it other than a comment (ends the list) ...
_MARGIN = re.compile(r"\n[^ #\r\n]")
#: ... unless the items themselves are at the margin.
_MARGIN_NOT_ITEM = re.compile(r"\n(?!-(?: |\r?\n|\r?\Z))[^ #\r\n]")
#: Line breaks YAML counts besides ``\n`` (NEL, LS, PS): line numbers would disagree with ours.
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


@dataclass(frozen=True)
class Chunk:
    """One scene's lines: ``text`` starts at 0-based line ``start`` of the file."""

    start: int
    text: str

    @property
    def lines(self) -> int:
        return self.text.count("\n")


@dataclass(frozen=True)
class Split:
    head: str  # the file with every chunk's lines blank (their line breaks kept)
    scenes_line: int  # 0-based line of ``scenes:``
    indent: int  # of the items' ``-``
    chunks: tuple[Chunk, ...]
    end: int  # 0-based line after the last chunk


def split(text: str) -> Split | None:
    """The head and scene chunks of a scenario file's text, or None when it has no plain ``scenes:`` list."""
    if text.count("\r") != text.count("\r\n") or any(b in text for b in _OTHER_BREAKS):
        return None
    found = [m.start() for m in _SCENES.finditer("\n" + text)]  # where each such line starts in ``text``
    if len(found) != 1:
        return None
    item = _CONTENT.search(text, text.find("\n", found[0]))
    if item is None or item.group(2) != "-" or item.group(3) not in ("", " ", "\r"):
        return None
    indent, first = len(item.group(1)), item.start() + 1
    ends = (_MARGIN if indent else _MARGIN_NOT_ITEM).search(text, first)
    end = ends.start() + 1 if ends else len(text)
    marker = re.compile(rf"\n{' ' * indent}-(?= |\r?\n|\r?\Z)")
    starts = [first] + [m.start() + 1 for m in marker.finditer(text, first, end)]
    scenes_line = text.count("\n", 0, found[0])
    line = scenes_line + text.count("\n", found[0], first)
    made = []
    for a, b in zip(starts, starts[1:] + [end]):
        piece = text[a:b]
        made.append(Chunk(line, piece if piece.endswith("\n") else piece + "\n"))
        line += piece.count("\n")
    region = text.count("\n", first, end)
    head = text[:first] + "\n" * region + text[end:]
    return Split(head, scenes_line, indent, tuple(made), line if end < len(text) or text.endswith("\n") else line + 1)


def agrees(split_: Split, scenes_node) -> bool:
    """Whether the whole file's composed ``scenes`` list has one item per chunk, each starting in
    its own chunk, and ends where the chunks do (0-based marks, as YAML gives them)."""
    import yaml

    if not isinstance(scenes_node, yaml.SequenceNode) or len(scenes_node.value) != len(split_.chunks):
        return False
    bounds = [c.start for c in split_.chunks] + [split_.end]
    for item, a, b in zip(scenes_node.value, bounds, bounds[1:]):
        if not a <= item.start_mark.line < b:
            return False
    return scenes_node.end_mark.line <= split_.end
