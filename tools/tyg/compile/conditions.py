"""The small condition language used by ``if:`` keys.

    cond   := or
    or     := and ("or" and)*
    and    := unary ("and" unary)*
    unary  := "not" unary | atom
    atom   := FLAG | "(" or ")"

A lexer and a recursive-descent parser, kept apart as in jinja2. Errors are
returned as (message, column offset) rather than raised, so that the loader
can turn them into diagnostics and carry on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tyg.compile.diagnostics import Loc
from tyg.compile.nodes import BoolOp, Cond, FlagExpr, NotExpr

_TOKEN = re.compile(r"\s*(?:(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[()])|(?P<bad>\S))")
FLAG_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
KEYWORDS = {"and", "or", "not"}
#: Words that can never be flag names: the operators, and values a reader might expect to work.
RESERVED = KEYWORDS | {"true", "false", "yes", "no", "on", "off", "null"}


@dataclass
class Token:
    kind: str  # "word", "punct", "bad", "end"
    text: str
    offset: int


class ConditionError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while True:
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos:
            break
        kind = m.lastgroup or "bad"
        tokens.append(Token(kind, m.group(kind), m.start(kind)))
        pos = m.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


class _Parser:
    def __init__(self, source: str, loc: Loc) -> None:
        self.tokens = tokenize(source)
        self.i = 0
        self.loc = loc

    def at(self, offset: int) -> Loc:
        return self.loc._replace(col=self.loc.col + offset, end_line=0, end_col=0)

    def peek(self) -> Token:
        return self.tokens[self.i]

    def next(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Cond:
        cond = self.parse_binary("or")
        tok = self.peek()
        if tok.kind != "end":
            raise ConditionError(f"unexpected '{tok.text}'; join conditions with 'and' or 'or'", tok.offset)
        return cond

    def parse_binary(self, op: str) -> Cond:
        sub = (lambda: self.parse_binary("and")) if op == "or" else self.parse_unary
        first_tok = self.peek()
        operands = [sub()]
        while self.peek().kind == "word" and self.peek().text == op:
            self.next()
            operands.append(sub())
        if len(operands) == 1:
            return operands[0]
        return BoolOp(op, operands, self.at(first_tok.offset))

    def parse_unary(self) -> Cond:
        tok = self.peek()
        if tok.kind == "word" and tok.text == "not":
            self.next()
            return NotExpr(self.parse_unary(), self.at(tok.offset))
        return self.parse_atom()

    def parse_atom(self) -> Cond:
        tok = self.next()
        if tok.kind == "punct" and tok.text == "(":
            inner = self.parse_binary("or")
            close = self.next()
            if close.text != ")":
                raise ConditionError("missing ')'", close.offset)
            return inner
        if tok.kind == "word" and tok.text.lower() in RESERVED - KEYWORDS:
            raise ConditionError(
                f"'{tok.text}' is not a flag; conditions read flags set with 'set:' (there are no true/false values)",
                tok.offset,
            )
        if tok.kind == "word" and tok.text not in KEYWORDS:
            if not FLAG_NAME.match(tok.text):
                raise ConditionError(
                    f"flag name '{tok.text}' must be lower_case letters, digits and single underscores",
                    tok.offset,
                )
            return FlagExpr(tok.text, self.at(tok.offset))
        if tok.kind == "end":
            raise ConditionError("expected a flag name", tok.offset)
        raise ConditionError(f"expected a flag name, found '{tok.text}'", tok.offset)


def parse_condition(source: str, loc: Loc) -> Cond:
    """Parse ``source``; raises ConditionError with a column offset."""
    return _Parser(source, loc).parse()


def flags_read(cond: Cond | None) -> list[FlagExpr]:
    """Every flag a condition reads, in source order."""
    if cond is None:
        return []
    if isinstance(cond, FlagExpr):
        return [cond]
    if isinstance(cond, NotExpr):
        return flags_read(cond.operand)
    return [f for c in cond.operands for f in flags_read(c)]


def evaluate(cond: Cond | None, flags: dict[str, bool]) -> bool:
    """The meaning of a condition; unset flags are false."""
    if cond is None:
        return True
    if isinstance(cond, FlagExpr):
        return bool(flags.get(cond.name, False))
    if isinstance(cond, NotExpr):
        return not evaluate(cond.operand, flags)
    if cond.op == "and":
        return all(evaluate(c, flags) for c in cond.operands)
    return any(evaluate(c, flags) for c in cond.operands)
