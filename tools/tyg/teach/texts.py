"""Every piece of player-visible text in a scenario, with the scene it belongs to."""

from __future__ import annotations

from typing import Iterator

from tyg.compile.nodes import Catalogue, Chat, Discuss, Narrate, Say, Scenario, Scene, Text, walk_steps


def scene_texts(scene: Scene) -> Iterator[Text]:
    """What a player reads in one scene: its lines, prompt, choices and their feedback."""
    for st in walk_steps(scene.steps):
        if isinstance(st, (Narrate, Say, Chat)):
            yield st.text
    if scene.prompt:
        yield scene.prompt
    for c in scene.choices:
        yield c.text
        fb = c.feedback
        if fb is not None:
            yield from (t for t in (fb.title, fb.happened, fb.why, fb.safer) if t is not None)


def scene_all_texts(scene: Scene) -> Iterator[Text]:
    """A scene's text for players and for groups: ``scene_texts`` and its discussion prompts."""
    yield from scene_texts(scene)
    for st in walk_steps(scene.steps):
        if isinstance(st, Discuss):
            yield st.question
            yield st.notes


def head_texts(sc: Scenario) -> Iterator[Text]:
    """The text outside the scenes before them: title, player, summary, content note, names."""
    yield from (sc.title, sc.player_name, sc.summary, sc.content_note)
    for ch in sc.characters:
        yield ch.name


def ending_texts(sc: Scenario) -> Iterator[Text]:
    for e in sc.endings:
        yield e.title
        yield e.summary


def scenario_texts(sc: Scenario) -> Iterator[Text]:
    """All of a scenario's visible text, including metadata, names, prompts for groups and endings."""
    yield from head_texts(sc)
    for scene in sc.scenes:
        yield from scene_all_texts(scene)
    yield from ending_texts(sc)


def catalogue_texts(cat: Catalogue) -> Iterator[Text]:
    for key in ("red_flags", "safe_actions", "upstander_steps", "key_messages", "adult_actions", "resources"):
        for item in cat.section(key):
            yield item.name
            yield item.explain
    for q in cat.discussion_questions:
        yield q.question
