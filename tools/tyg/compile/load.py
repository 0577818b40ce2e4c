"""Stage 1: read YAML files into the typed tree of ``nodes.py``.

Built on PyYAML's node API (``compose``) with safe loading only, so that every
value keeps its file, line and column. Nothing here raises for an author's
mistake: problems become diagnostics in the ``Report`` and loading carries on
with what it can, so that all errors are reported at once.
"""

from __future__ import annotations

import difflib
import os
import re
from typing import Callable, TypeVar

import yaml

from tyg.compile.conditions import FLAG_NAME, RESERVED, ConditionError, parse_condition
from tyg.compile.diagnostics import Loc, Report
from tyg.compile.spec import COLOUR_PATTERN, COUNTRY_PATTERN, ID_PATTERN, SPEC, STEP_KINDS
from tyg.compile.nodes import (
    CHARACTER_ROLES,
    AUDIENCES,
    CHOICE_KINDS,
    ENDING_KINDS,
    LEARNING_SECTIONS,
    Branch,
    Catalogue,
    CatalogueItem,
    Character,
    Chat,
    Choice,
    Cond,
    Discuss,
    Ending,
    Feedback,
    If,
    Narrate,
    Project,
    Question,
    Ref,
    Resource,
    Say,
    Scenario,
    Scene,
    SetFlags,
    Step,
    Text,
)

#: Largest source file read, in bytes. A real scenario is a few hundred KiB at most.
MAX_FILE_BYTES = 2 * 1024 * 1024
FORMAT_VERSION = 1
CATALOGUE_NAME = "catalogue.yaml"
CATALOGUE_NAMES = (CATALOGUE_NAME, "catalogue.yml")

ID_RE = re.compile(ID_PATTERN)
COLOUR_RE = re.compile(COLOUR_PATTERN)
COUNTRY_RE = re.compile(COUNTRY_PATTERN)
#: Control characters (Unicode category Cc) other than newline and tab, and surrogates (Cs).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {_TAG + "map", _TAG + "seq"}


class _FastResolver(yaml.resolver.Resolver):
    """YAML's safe tag resolution, minus the path-resolver machinery we never use.

    Same answers as ``yaml.resolver.Resolver`` (tests/test_load_speed.py checks
    it), but the composer calls this once per node, so it is kept lean.
    """

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                table = self.yaml_implicit_resolvers
                for tag, regexp in table.get(value[:1], ()) if value else table.get("", ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


if yaml.__with_libyaml__:  # libyaml's parser, when the wheel has it: same nodes and marks, much faster
    from yaml.cyaml import CParser

    class _Loader(CParser, yaml.constructor.SafeConstructor, _FastResolver):  # type: ignore[misc]
        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _FastResolver.__init__(self)

else:  # pragma: no cover - depends on the PyYAML build

    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,  # type: ignore[no-redef]
                  yaml.constructor.SafeConstructor, _FastResolver):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _FastResolver.__init__(self)

T = TypeVar("T")


def display_path(path: str) -> str:
    """The path as an author would type it: relative to the working directory when inside it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


# ------------------------------------------------------------------ reading


def read_source(path: str, report: Report, data: bytes | None = None) -> str | None:
    """Read a source file as UTF-8 text, or report why it cannot be used.

    ``data``: the file's bytes, when the caller has read them already (the
    build cache hashes exactly the bytes that are parsed).
    """
    shown = display_path(path)
    here = Loc(shown)
    try:
        size = os.path.getsize(path) if data is None else len(data)
        if size > MAX_FILE_BYTES:
            report.add(
                "TYG010",
                here,
                f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}. Split it into several scenarios",
            )
            return None
        if data is None:
            with open(path, "rb") as fh:
                data = fh.read()
    except FileNotFoundError:
        report.add("TYG001", here, "no such file")
        return None
    except IsADirectoryError:
        report.add("TYG001", here, "is a directory, not a YAML file")
        return None
    except OSError as exc:
        report.add("TYG001", here, f"cannot be read: {exc.strerror or exc}")
        return None
    if b"\x00" in data:
        report.add("TYG001", here, "is a binary file, not YAML text")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report.add("TYG001", Loc(shown, line, col), "is not UTF-8 text; save it as UTF-8")
        return None
    return text


def compose(text: str, file: str, report: Report) -> yaml.Node | None:
    """Parse YAML text into a node tree, or report the syntax error."""
    try:
        if "*" in text and _report_aliases(text, file, report):
            return None
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if exc.context:
            started = exc.context_mark
            where = f" (started on line {started.line + 1})" if started and started.line + 1 != line else ""
            what = f"{exc.context}{where}: {what}"
        report.add("TYG002", Loc(file, line, col), f"YAML syntax error: {what}")
        return None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position] if isinstance(exc.position, int) else ""
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        report.add("TYG002", Loc(file, line, col), f"YAML cannot contain character {exc.character!r}")
        return None
    except yaml.YAMLError as exc:
        report.add("TYG002", Loc(file), f"YAML error: {exc}")
        return None
    if node is None:
        report.add("TYG003", Loc(file), "file is empty; expected a 'format: 1' document")
    return node


def _report_aliases(text: str, file: str, report: Report) -> bool:
    """Refuse aliases (*name): they share one node between places and hide where a value is written."""
    found = False
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            m = event.start_mark
            report.add(
                "TYG009",
                Loc(file, m.line + 1, m.column + 1),
                f"aliases (*{event.anchor}) are not supported; write the value out",
            )
            found = True
    return found


# ------------------------------------------------------------------ node helpers


def _loc(file: str, node: yaml.Node) -> Loc:
    s, e = node.start_mark, node.end_mark
    return Loc(file, s.line + 1, s.column + 1, e.line + 1, e.column + 1)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _TAG + "null":
        return "nothing (null)"
    return {
        _TAG + "int": "a number",
        _TAG + "float": "a number",
        _TAG + "bool": "true/false",
    }.get(node.tag, "a string")


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class _Reader:
    """Turns one file's node tree into nodes, reporting every problem it meets."""

    def __init__(self, file: str, report: Report) -> None:
        self.file = file
        self.report = report

    def loc(self, node: yaml.Node) -> Loc:
        return _loc(self.file, node)

    def error(self, code: str, node: yaml.Node, message: str) -> None:
        self.report.add(code, self.loc(node), message)

    def visit(self, node: yaml.Node) -> bool:
        """Refuse tags other than YAML's plain ones (no !!python/object and the like)."""
        allowed = _COLLECTION_TAGS if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) else _PLAIN_TAGS
        if node.tag not in allowed:
            self.error("TYG009", node, f"YAML tag '{node.tag}' is not supported")
            return False
        return True

    # -- collections

    def mapping(
        self, node: yaml.Node, what: str, keys: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, yaml.Node] | None:
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error("TYG006", node, f"{what} must be a mapping (key: value lines), not {_kind(node)}")
            return None
        out: dict[str, yaml.Node] = {}
        first: dict[str, yaml.Node] = {}
        for knode, vnode in node.value:
            if knode.tag == _TAG + "merge":
                self.error("TYG009", knode, "merge keys (<<) are not supported; write the keys out")
                continue
            if not isinstance(knode, yaml.ScalarNode) or knode.tag not in _PLAIN_TAGS:
                self.error("TYG006", knode, f"keys in {what} must be plain words")
                continue
            key = knode.value
            if key in first:
                prev = first[key].start_mark.line + 1
                self.error("TYG004", knode, f"duplicate key '{key}' in {what} (first given on line {prev})")
                continue
            first[key] = knode
            if key not in keys:
                self.error("TYG005", knode, f"unknown key '{key}' in {what}{_suggest(key, list(keys))}")
                continue
            out[key] = vnode
        for key in required:
            if key not in out and key not in first:
                self.error("TYG007", node, f"{what} is missing required key '{key}'")
        return out

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not self.visit(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error("TYG006", node, f"{what} must be a list (lines starting with '-'), not {_kind(node)}")
            return []
        return list(node.value)

    def items(self, node: yaml.Node | None, what: str, read: Callable[[yaml.Node], T | None]) -> list[T]:
        if node is None:
            return []
        out = []
        for item in self.sequence(node, what):
            value = read(item)
            if value is not None:
                out.append(value)
        return out

    # -- scalars

    def scalar(self, node: yaml.Node, what: str) -> yaml.ScalarNode | None:
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag == _TAG + "null":
            self.error("TYG006", node, f"{what} must be a single value, not {_kind(node)}")
            return None
        return node

    def text(self, node: yaml.Node | None, what: str) -> Text | None:
        """Player-visible text. Any scalar is taken literally: `text: No` means the word No."""
        if node is None:
            return None
        s = self.scalar(node, what)
        if s is None:
            return None
        value = s.value
        if not value.strip():
            self.error("TYG008", node, f"{what} is empty")
            return None
        bad = _CONTROL.search(value)
        if bad:
            ch = bad.group()
            self.error("TYG008", node, f"{what} contains control character U+{ord(ch):04X} at offset {bad.start()}")
            return None
        return Text(value, self.loc(node))

    def ident(self, node: yaml.Node | None, what: str) -> str | None:
        if node is None:
            return None
        s = self.scalar(node, what)
        if s is None:
            return None
        if not ID_RE.match(s.value):  # `id: no` is YAML's false, but a fine id
            self.error(
                "TYG008",
                node,
                f"{what} '{s.value}' must start with a letter and use lower-case letters, digits and single underscores",
            )
            return None
        return s.value

    def ref(self, node: yaml.Node | None, what: str) -> Ref | None:
        value = self.ident(node, what)
        return None if value is None or node is None else Ref(value, self.loc(node))

    def refs(self, node: yaml.Node | None, what: str) -> list[Ref]:
        return self.items(node, f"{what} list", lambda n: self.ref(n, what))

    def integer(self, node: yaml.Node | None, what: str, low: int, high: int) -> int | None:
        if node is None:
            return None
        s = self.scalar(node, what)
        if s is None:
            return None
        if s.tag != _TAG + "int":
            self.error("TYG006", node, f"{what} must be a whole number, not {_kind(node)}")
            return None
        try:
            value = int(s.value.replace("_", ""), 0)
        except ValueError:  # YAML 1.1 ints such as 1:30 or 010 that Python's int() refuses
            self.error("TYG006", node, f"{what} must be a plain whole number like 12, not '{s.value}'")
            return None
        if not low <= value <= high:
            self.error("TYG008", node, f"{what} must be between {low} and {high}, not {value}")
            return None
        return value

    def choice_of(self, node: yaml.Node | None, what: str, options: tuple[str, ...]) -> str | None:
        if node is None:
            return None
        s = self.scalar(node, what)
        if s is None:
            return None
        if s.value not in options:
            self.error(
                "TYG008",
                node,
                f"{what} '{s.value}' is not one of {', '.join(options)}{_suggest(s.value, list(options))}",
            )
            return None
        return s.value

    def pattern(self, node: yaml.Node | None, what: str, rx: re.Pattern[str], hint: str) -> str | None:
        if node is None:
            return None
        s = self.scalar(node, what)
        if s is None:
            return None
        if not rx.match(s.value):
            self.error("TYG008", node, f"{what} '{s.value}' {hint}")
            return None
        return s.value

    def plain(self, node: yaml.Node | None, what: str) -> str | None:
        s = None if node is None else self.scalar(node, what)
        return None if s is None else s.value

    def boolean(self, node: yaml.Node | None, what: str) -> bool | None:
        if node is None or not self.visit(node):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != _TAG + "bool":
            self.error("TYG006", node, f"{what} must be true or false, not {_kind(node)}")
            return None
        return node.value.lower() in ("true", "yes", "on")

    def condition(self, node: yaml.Node | None, what: str) -> Cond | None:
        if node is None:
            return None
        s = self.scalar(node, what)
        if s is None:
            return None
        loc = self.loc(s)
        if s.style in ("'", '"'):
            loc = Loc(loc.file, loc.line, loc.col + 1)
        try:
            return parse_condition(s.value, loc)
        except ConditionError as exc:
            at = Loc(loc.file, loc.line, loc.col + exc.offset)
            self.report.add("TYG024", at, f"invalid condition {s.value!r}: {exc.message}")
            return None

    def format_version(self, m: dict[str, yaml.Node], root: yaml.Node) -> None:
        node = m.get("format")
        if node is None:
            return
        v = self.integer(node, "format", 0, 1_000_000)
        if v is not None and v != FORMAT_VERSION:
            self.error("TYG008", node, f"format {v} is not supported; this build reads format {FORMAT_VERSION}")


# ------------------------------------------------------------------ catalogue


class _CatalogueReader(_Reader):
    def read(self, root: yaml.Node) -> Catalogue | None:
        spec = SPEC["catalogue_file"]
        m = self.mapping(root, "the catalogue", spec.keys, spec.required)
        if m is None:
            return None
        self.format_version(m, root)
        cat = Catalogue(file=self.file)
        for sec in LEARNING_SECTIONS:
            kind = "key_message" if sec.key == "key_messages" else "catalogue_item"
            setattr(cat, sec.key, self.items(m.get(sec.key), sec.key, lambda n, w=sec.singular, k=kind: self.item(n, w, k)))
        cat.resources = self.items(m.get("resources"), "resources", self.resource)
        cat.discussion_questions = self.items(m.get("discussion_questions"), "discussion_questions", self.question)
        return cat

    def item(self, node: yaml.Node, what: str, kind: str = "catalogue_item") -> CatalogueItem | None:
        m = self.mapping(node, what, SPEC[kind].keys, SPEC[kind].required)
        if m is None:
            return None
        id_ = self.ident(m.get("id"), f"{what} id")
        name = self.text(m.get("name"), f"{what} name")
        explain = self.text(m.get("explain"), f"{what} explanation")
        seed = self.items(m.get("seed"), "seed", lambda n: self.plain(n, "seed id"))
        way_back = self.boolean(m.get("way_back"), "way_back")  # key messages only: "it is never too late"
        if id_ is None or name is None or explain is None:
            return None
        return CatalogueItem(id_, name, explain, self.loc(node), seed, bool(way_back))

    def question(self, node: yaml.Node) -> Question | None:
        m = self.mapping(node, "discussion question", SPEC["discussion_question"].keys, SPEC["discussion_question"].required)
        if m is None:
            return None
        id_ = self.ident(m.get("id"), "discussion question id")
        question = self.text(m.get("question"), "question")
        seed = self.items(m.get("seed"), "seed", lambda n: self.plain(n, "seed id"))
        if id_ is None or question is None:
            return None
        return Question(id_, question, self.loc(node), seed)

    def resource(self, node: yaml.Node) -> Resource | None:
        m = self.mapping(node, "resource", SPEC["resource"].keys, SPEC["resource"].required)
        if m is None:
            return None
        id_ = self.ident(m.get("id"), "resource id")
        name = self.text(m.get("name"), "resource name")
        explain = self.text(m.get("explain"), "resource explanation")
        country = self.pattern(
            m.get("country"), "country", COUNTRY_RE, "must be a two-letter country code such as US or GB, or INT"
        )
        url, phone, sms = (self.plain(m.get(k), k) for k in ("url", "phone", "sms"))
        if None in (id_, name, explain, country):
            return None
        if not (url or phone or sms):
            self.error("TYG027", node, f"resource '{id_}' needs a url, phone or sms so that a player can reach it")
        return Resource(id_, name, explain, country, url, phone, sms, self.loc(node))  # type: ignore[arg-type]


# ------------------------------------------------------------------ scenario

_STEP_KEYS = STEP_KINDS


class _ScenarioReader(_Reader):
    def read(self, root: yaml.Node, scenes: list[Scene] | None = None) -> Scenario | None:
        """``scenes``: the scenes, read already (``increment``), instead of those under ``scenes:``."""
        m = self.mapping(root, "the scenario file", SPEC["scenario_file"].keys, SPEC["scenario_file"].required)
        if m is None:
            return None
        self.format_version(m, root)
        meta = self.meta(m.get("scenario"))
        characters = self.items(m.get("characters"), "characters", self.character)
        if scenes is None:
            scenes = self.items(m.get("scenes"), "scenes", self.scene)
        endings = self.items(m.get("endings"), "endings", self.ending)
        if meta is None:
            return None
        return Scenario(file=self.file, characters=characters, scenes=scenes, endings=endings, **meta)

    def meta(self, node: yaml.Node | None) -> dict | None:
        if node is None:
            return None
        m = self.mapping(node, "scenario", SPEC["scenario"].keys, SPEC["scenario"].required)
        if m is None:
            return None
        player_name = player_age = None
        if "player" in m:
            p = self.mapping(m["player"], "player", SPEC["player"].keys, SPEC["player"].required)
            if p is not None:
                player_name = self.text(p.get("name"), "player name")
                player_age = self.integer(p.get("age"), "player age", 5, 120)
        out = dict(
            id=self.ident(m.get("id"), "scenario id"),
            title=self.text(m.get("title"), "title"),
            player_name=player_name,
            player_age=player_age,
            summary=self.text(m.get("summary"), "summary"),
            content_note=self.text(m.get("content_note"), "content note"),
            minutes=self.integer(m.get("minutes"), "minutes", 1, 600),
            minutes_loc=self.loc(m["minutes"]) if "minutes" in m else None,
            start=self.ref(m.get("start"), "start scene"),
            audience=self.choice_of(m.get("audience"), "audience", AUDIENCES) or "teen",
            order=self.integer(m.get("order"), "order", 0, 1000),
            loc=self.loc(node),
        )
        required = ("id", "title", "player_name", "player_age", "summary", "content_note")
        return None if any(out[k] is None for k in required) else out

    def character(self, node: yaml.Node) -> Character | None:
        m = self.mapping(node, "character", SPEC["character"].keys, SPEC["character"].required)
        if m is None:
            return None
        id_ = self.ident(m.get("id"), "character id")
        name = self.text(m.get("name"), "character name")
        age = self.integer(m.get("age"), "age", 1, 120)
        role = self.choice_of(m.get("role"), "role", CHARACTER_ROLES)
        colour = self.pattern(m.get("colour"), "colour", COLOUR_RE, "must be a colour like '#3a7bd5'")
        if None in (id_, name, role, colour):
            return None
        return Character(id_, name, role, colour, age, self.loc(node))  # type: ignore[arg-type]

    # -- steps

    def steps(self, node: yaml.Node | None, what: str) -> list[Step]:
        return self.items(node, what, self.step)

    def step(self, node: yaml.Node) -> Step | None:
        if not isinstance(node, yaml.MappingNode):
            self.visit(node)
            self.error("TYG006", node, f"a step must be a mapping such as 'narrate: ...', not {_kind(node)}")
            return None
        present = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value in _STEP_KEYS]
        if len(present) > 1:
            self.visit(node)
            self.error("TYG008", node, f"a step does one thing; this one has {', '.join(present)}")
            return None
        kind = present[0] if present else None
        loc = self.loc(node)
        if kind is None:
            keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
            self.visit(node)
            first = keys[0] if keys else ""
            self.report.add(
                "TYG005",
                loc,
                f"unknown step '{first}'; a step is one of {', '.join(_STEP_KEYS)}{_suggest(first, list(_STEP_KEYS))}",
            )
            return None
        if kind == "narrate":
            m = self.mapping(node, "narrate step", SPEC["narrate_step"].keys, SPEC["narrate_step"].required)
            text = self.text(m.get("narrate") if m else None, "narration")
            return Narrate(text, loc) if text else None
        if kind in ("say", "chat"):
            m = self.mapping(node, f"{kind} step", SPEC[f"{kind}_step"].keys, SPEC[f"{kind}_step"].required)
            if m is None:
                return None
            who = self.ref(m.get(kind), "speaker" if kind == "say" else "sender")
            text = self.text(m.get("text"), "dialogue" if kind == "say" else "message")
            if who is None or text is None:
                return None
            return Say(who, text, loc) if kind == "say" else Chat(who, text, loc)
        if kind == "set":
            m = self.mapping(node, "set step", SPEC["set_step"].keys, SPEC["set_step"].required)
            return self.flags(m.get("set"), loc) if m else None
        if kind == "if":
            m = self.mapping(node, "if step", SPEC["if_step"].keys, SPEC["if_step"].required)
            if m is None:
                return None
            cond = self.condition(m.get("if"), "condition")
            then = self.steps(m.get("then"), "then")
            otherwise = self.steps(m.get("else"), "else")
            return If(cond, then, otherwise, loc) if cond is not None else None
        m = self.mapping(node, "discuss step", SPEC["discuss_step"].keys, SPEC["discuss_step"].required)
        if m is None:
            return None
        d = self.mapping(m["discuss"], "discussion prompt", SPEC["discussion_prompt"].keys, SPEC["discussion_prompt"].required)
        if d is None:
            return None
        id_ = self.ident(d.get("id"), "discussion id")
        question = self.text(d.get("question"), "question")
        notes = self.text(d.get("notes"), "facilitator notes")
        asks = self.ref(d.get("asks"), "discussion question")
        if id_ is None or question is None or notes is None:
            return None
        return Discuss(id_, question, notes, self.loc(m["discuss"]), asks)

    def flags(self, node: yaml.Node | None, loc: Loc) -> SetFlags | None:
        if node is None:
            return None
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error("TYG006", node, f"set must map flag names to true or false, not {_kind(node)}")
            return None
        values: list[tuple[str, bool, Loc]] = []
        names: set[str] = set()
        for knode, vnode in node.value:
            self.visit(knode)
            self.visit(vnode)
            name = getattr(knode, "value", "")
            if not isinstance(knode, yaml.ScalarNode) or not FLAG_NAME.match(str(name)) or name in RESERVED:
                self.error(
                    "TYG008",
                    knode,
                    f"flag name '{name}' must be lower_case letters, digits and single underscores, and not {', '.join(sorted(RESERVED))}",
                )
                continue
            if name in names:
                self.error("TYG004", knode, f"flag '{name}' is set twice in one step")
                continue
            names.add(name)
            if not isinstance(vnode, yaml.ScalarNode) or vnode.tag != _TAG + "bool":
                self.error("TYG006", vnode, f"flag '{name}' must be set to true or false, not {_kind(vnode)}")
                continue
            values.append((name, vnode.value.lower() in ("true", "yes", "on"), self.loc(knode)))
        return SetFlags(values, self.loc(node))

    # -- scenes, choices, endings

    def scene(self, node: yaml.Node) -> Scene | None:
        m = self.mapping(node, "scene", SPEC["scene"].keys, SPEC["scene"].required)
        if m is None:
            return None
        id_ = self.ident(m.get("id"), "scene id")
        location = self.plain(m.get("location"), "location")
        steps = self.steps(m.get("steps"), "steps")
        prompt = self.text(m.get("prompt"), "prompt")
        choices = self.items(m.get("choices"), "choices", self.choice)
        goto = self.branches(m.get("goto"))
        if id_ is None:
            return None
        if "choices" in m and "goto" in m:
            self.error("TYG008", m["goto"], f"scene '{id_}' has both choices and goto; a scene ends one way")
        if "prompt" in m and "choices" not in m:
            self.error("TYG008", m["prompt"], f"a prompt asks the question above choices, but scene '{id_}' has none")
        return Scene(id_, location, steps, prompt, choices, goto, self.loc(node))

    def branches(self, node: yaml.Node | None) -> list[Branch]:
        if node is None:
            return []
        if isinstance(node, yaml.ScalarNode):
            target = self.ref(node, "goto target")
            return [Branch(None, target, target.loc)] if target else []

        def branch(item: yaml.Node) -> Branch | None:
            b = self.mapping(item, "goto branch", SPEC["goto_branch"].keys, SPEC["goto_branch"].required)
            if b is None:
                return None
            cond = self.condition(b.get("if"), "condition")
            target = self.ref(b.get("goto"), "goto target")
            if target is None or ("if" in b and cond is None):
                return None
            return Branch(cond, target, self.loc(item))

        out = self.items(node, "goto", branch)
        for b in out[:-1]:
            if b.cond is None:
                self.report.add(
                    "TYG028", b.loc, "a goto branch without 'if' is always taken, so the branches after it never are; put it last"
                )
        if out and out[-1].cond is not None:
            self.error("TYG015", node, "the last goto branch needs no 'if', so that some branch is always taken")
        return out

    def choice(self, node: yaml.Node) -> Choice | None:
        m = self.mapping(node, "choice", SPEC["choice"].keys, SPEC["choice"].required)
        if m is None:
            return None
        id_ = self.ident(m.get("id"), "choice id")
        text = self.text(m.get("text"), "choice text")
        kind = self.choice_of(m.get("kind"), "choice kind", CHOICE_KINDS)
        goto = self.ref(m.get("goto"), "goto target")
        cond = self.condition(m.get("if"), "condition")
        sets = self.flags(m.get("set"), self.loc(node))
        feedback = self.feedback(m.get("feedback"))
        reply = self.boolean(m.get("reply"), "reply")
        if None in (id_, text, kind, goto):
            return None
        return Choice(id_, text, kind, goto, cond, sets, feedback, self.loc(node), bool(reply))  # type: ignore[arg-type]

    def feedback(self, node: yaml.Node | None) -> Feedback | None:
        if node is None:
            return None
        m = self.mapping(node, "feedback", SPEC["feedback"].keys, SPEC["feedback"].required)
        if m is None:
            return None
        title = self.text(m.get("title"), "feedback title")
        happened = self.text(m.get("happened"), "what happened")
        why = self.text(m.get("why"), "why it matters")
        safer = self.text(m.get("safer"), "safer move")
        teaches = {sec.key: self.refs(m.get(sec.key), sec.singular) for sec in LEARNING_SECTIONS}
        if title is None or happened is None or why is None:
            return None
        return Feedback(title, happened, why, safer, teaches, self.loc(node))

    def ending(self, node: yaml.Node) -> Ending | None:
        m = self.mapping(node, "ending", SPEC["ending"].keys, SPEC["ending"].required)
        if m is None:
            return None
        id_ = self.ident(m.get("id"), "ending id")
        kind = self.choice_of(m.get("kind"), "ending kind", ENDING_KINDS)
        title = self.text(m.get("title"), "ending title")
        summary = self.text(m.get("summary"), "ending summary")
        resources = self.refs(m.get("resources"), "resource")
        if None in (id_, kind, title, summary):
            return None
        return Ending(id_, kind, title, summary, resources, self.loc(node))  # type: ignore[arg-type]


# ------------------------------------------------------------------ project


def _read_tree(path: str, report: Report, data: bytes | None = None) -> tuple[str, yaml.Node] | None:
    text = read_source(path, report, data)
    if text is None:
        return None
    shown = display_path(path)
    node = compose(text, shown, report)
    return None if node is None else (shown, node)


def load_catalogue(path: str, report: Report, data: bytes | None = None) -> Catalogue | None:
    tree = _read_tree(path, report, data)
    return None if tree is None else _CatalogueReader(tree[0], report).read(tree[1])


def load_scenario(path: str, report: Report, data: bytes | None = None) -> Scenario | None:
    tree = _read_tree(path, report, data)
    return None if tree is None else _ScenarioReader(tree[0], report).read(tree[1])


def scenario_files(root: str) -> list[str]:
    """The scenario files in a source folder, in a stable order."""
    names = sorted(
        n for n in os.listdir(root) if n.endswith((".yaml", ".yml")) and n not in CATALOGUE_NAMES
    )
    return [os.path.join(root, n) for n in names]


def plan_sources(source: str, report: Report) -> tuple[str, str | None, list[str]] | None:
    """(root folder, catalogue file or None, scenario files) of a source folder or file; None if it does not exist."""
    if os.path.isdir(source):
        root, files = source, scenario_files(source)
    elif os.path.exists(source) or source.endswith((".yaml", ".yml")):
        root, files = os.path.dirname(source) or ".", [source]
    else:
        report.add("TYG001", Loc(display_path(source)), "no such file or folder")
        return None
    catalogue_path = next(
        (p for p in (os.path.join(root, n) for n in CATALOGUE_NAMES) if os.path.exists(p)),
        os.path.join(root, CATALOGUE_NAME),
    )
    if os.path.exists(catalogue_path):
        return root, catalogue_path, files
    if files:
        report.add(
            "TYG023",
            Loc(display_path(catalogue_path)),
            "no catalogue: red flags, safe actions and help resources live in catalogue.yaml beside the scenarios",
        )
    return root, None, files


def load_project(source: str, report: Report) -> Project:
    """Load a source folder (catalogue.yaml plus scenarios), or one scenario file and its folder's catalogue."""
    planned = plan_sources(source, report)
    if planned is None:
        return Project(source, None, [])
    root, catalogue_path, files = planned
    catalogue = load_catalogue(catalogue_path, report) if catalogue_path else None
    scenarios = [s for s in (load_scenario(f, report) for f in files) if s is not None]
    return Project(root, catalogue, scenarios, whole=os.path.isdir(source))
