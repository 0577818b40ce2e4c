"""Our lean YAML tag resolver gives exactly PyYAML's safe answers."""

from __future__ import annotations

import os

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tyg.compile.load import _FastResolver, _Loader

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample", "sample.yaml")
LOOKALIKES = st.sampled_from(
    ["", "~", "null", "Null", "yes", "No", "on", "OFF", "true", "1", "010", "0x1f", "1:30", "1_000", "1.5e3",
     ".inf", "-.Inf", ".nan", "2026-11-22", "2026-11-22 10:00:00", "=", "<<", "+1", "-0", "0o7", "y", "n"]
)


@settings(max_examples=1000)
@given(st.one_of(LOOKALIKES, st.text(max_size=12), st.from_regex(r"[-+.0-9eE:_xo]{1,10}", fullmatch=True)),
       st.tuples(st.booleans(), st.booleans()))
def test_scalar_resolution_matches_pyyaml(value, implicit):
    ours = _FastResolver().resolve(yaml.ScalarNode, value, implicit)
    theirs = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, implicit)
    assert ours == theirs


def test_composed_sample_matches_pyyaml_safe_loader():
    text = open(SAMPLE, encoding="utf-8").read()

    def shape(node):
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value, node.start_mark.line, node.start_mark.column)
        if isinstance(node, yaml.SequenceNode):
            return (node.tag, [shape(n) for n in node.value])
        return (node.tag, [(shape(k), shape(v)) for k, v in node.value])

    assert shape(yaml.compose(text, Loader=_Loader)) == shape(yaml.compose(text, Loader=yaml.SafeLoader))
