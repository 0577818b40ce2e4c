"""The format's keys, in one table: the loader enforces it, the JSON Schema is made from it.

Each kind of mapping an author writes (the scenario file, a scene, a choice,
a catalogue resource...) is an ``Obj`` with its ``Field`` s: the key, whether
it is required, what sort of value it takes and a one-line description (from
``docs/scenario-format.md``). ``load.py`` asks ``SPEC[name].keys`` and
``.required`` for every mapping it reads, so a key added here is a key the
loader accepts; ``tyg.author.schema`` turns the same table into
``docs/scenario.schema.json`` and ``docs/catalogue.schema.json``, and
``tests/test_schema.py`` fails if the published files or the loader's
behaviour disagree with it. To add a key: add a ``Field`` here, read it in
``load.py``, then run ``python3 build.py schema``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tyg.compile.nodes import AUDIENCES, CHARACTER_ROLES, CHOICE_KINDS, ENDING_KINDS, LEARNING_SECTIONS

ID_PATTERN = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
COUNTRY_PATTERN = r"^(?:[A-Z]{2}|INT)$"
STEP_KINDS = ("narrate", "say", "chat", "set", "if", "discuss")


@dataclass(frozen=True)
class Field:
    """One key of a mapping.

    ``kind`` is one of: ``id`` (a new id), ``ref`` (an id defined elsewhere),
    ``refs`` (a list of them), ``text`` (player-visible text), ``plain`` (any
    single value), ``int`` (``low``..``high``), ``bool``, ``enum``
    (``values``), ``pattern`` (``pattern``), ``cond`` (a condition),
    ``flags`` (flag: true/false), ``steps``, ``goto`` (a target or a list of
    branches), ``object``/``list`` (of the ``Obj`` named ``of``), ``format``.
    """

    key: str
    kind: str
    doc: str
    required: bool = False
    of: str = ""
    values: tuple[str, ...] = ()
    low: int = 0
    high: int = 0
    pattern: str = ""


@dataclass(frozen=True)
class Obj:
    name: str
    doc: str
    fields: tuple[Field, ...] = field(default_factory=tuple)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if f.required)


def _f(key: str, kind: str, doc: str, required: bool = False, **kw) -> Field:
    return Field(key, kind, doc, required, **kw)


FORMAT = _f("format", "format", "The format version this file is written in: always 1.", True)

_ITEM_FIELDS = (
    _f("id", "id", "How feedback refers to this item. Unique within its own list.", True),
    _f("name", "text", "A short name.", True),
    _f("explain", "text", "One or two sentences; feedback screens show the name and this explanation.", True),
    _f("seed", "list", "Ids from the checklist of what the source guides teach (RF1, SA3, ...).", of="seed_id"),
)

_OBJECTS = (
    # ---------------------------------------------------------------- scenario file
    Obj("scenario_file", "A Trust Your Gut scenario: one story, its characters, scenes and endings.", (
        FORMAT,
        _f("scenario", "object", "Title, player and other facts about the story.", True, of="scenario"),
        _f("characters", "list", "The people who speak or send messages.", of="character"),
        _f("scenes", "list", "The story itself, as a list of scenes.", True, of="scene"),
        _f("endings", "list", "The ways the story can end.", True, of="ending"),
    )),
    Obj("scenario", "Facts about the story, shown in the main menu.", (
        _f("id", "id", "The scenario's id, different from every other scenario's id in the project.", True),
        _f("title", "text", "The title shown in the main menu.", True),
        _f("player", "object", "Who the player is: name and age.", True, of="player"),
        _f("summary", "text", "One or two sentences saying what the story is about.", True),
        _f("content_note", "text", "A short, calm note about what the story touches on, shown before it starts.", True),
        _f("minutes", "int", "Roughly how long the story takes to play, in minutes (1 to 600).", low=1, high=600),
        _f("start", "ref", "The id of the first scene (a scene, not an ending). Default: the first scene."),
        _f("audience", "enum", "teen (the default; must read at US grade 6 or below) or adult.", values=AUDIENCES),
        _f("order", "int", "The story's place in the main menu (0 to 1000, lowest first).", low=0, high=1000),
    )),
    Obj("player", "Who the player is. The menu shows \"Play as NAME, AGE\".", (
        _f("name", "text", "The player character's name.", True),
        _f("age", "int", "The player character's age (5 to 120).", True, low=5, high=120),
    )),
    Obj("character", "Someone who speaks (say) or sends messages (chat).", (
        _f("id", "id", "How steps refer to this character (say: maya). Unique within the scenario.", True),
        _f("name", "text", "The name shown above their lines. Any text, emoji included.", True),
        _f("age", "int", "Their age (1 to 120), for your own reference.", low=1, high=120),
        _f("role", "enum", "What part they play; player characters' messages appear on the right.", True,
           values=CHARACTER_ROLES),
        _f("colour", "pattern", "The colour of their name: \"#\" and six hex digits, in quotes, such as \"#3a7bd5\".",
           True, pattern=COLOUR_PATTERN),
    )),
    Obj("scene", "One stretch of story: steps, then choices for the player or a goto.", (
        _f("id", "id", "The scene's id; scenes and endings share one set of ids in a scenario.", True),
        _f("location", "plain", "Where the scene takes place; picks the background (bedroom, kitchen, school, park, office, phone...)."),
        _f("steps", "steps", "What happens, in order: narrate, say, chat, set, if or discuss."),
        _f("prompt", "text", "The question shown above the choices, such as \"What does Maya do?\"."),
        _f("choices", "list", "The options the player picks from (a scene has choices or goto, not both).", of="choice"),
        _f("goto", "goto", "Where the story goes next without asking: a scene or ending id, or a list of branches."),
    )),
    Obj("goto_branch", "One branch of a scene's goto: the first whose condition holds is taken.", (
        _f("if", "cond", "A condition on flags. Every branch but the last has one; the last has none."),
        _f("goto", "ref", "The scene or ending this branch leads to.", True),
    )),
    Obj("choice", "One option for the player, followed by its feedback screen.", (
        _f("id", "id", "Unique within the scenario (across all its scenes).", True),
        _f("text", "text", "What the button says.", True),
        _f("kind", "enum", "What sort of decision this is (not shown to the player).", True, values=CHOICE_KINDS),
        _f("goto", "ref", "The id of the scene or ending that comes next.", True),
        _f("if", "cond", "A condition: when it is false, the choice is left out of the menu."),
        _f("set", "flags", "Flags to set when this choice is picked: {chatted: true}."),
        _f("feedback", "object", "The feedback screen shown after the choice (the check requires it).", of="feedback"),
        _f("reply", "bool", "true when the choice is a message the player sends in the phone chat."),
    )),
    Obj("feedback", "The feedback screen after a decision: what happened, why it matters, the safer move.", (
        _f("title", "text", "The heading.", True),
        _f("happened", "text", "What happened as a result of the choice.", True),
        _f("why", "text", "Shown under \"Why it matters\".", True),
        _f("safer", "text", "Shown under \"The safer move\". Useful for risky choices."),
        *(_f(sec.key, "refs", f"{sec.singular.capitalize()} ids from the catalogue that this feedback teaches.")
          for sec in LEARNING_SECTIONS),
    )),
    Obj("ending", "A way the story ends; every ending leads to help.", (
        _f("id", "id", "Unique within the scenario, and different from every scene id.", True),
        _f("kind", "enum", "What sort of ending this is (not shown to the player).", True, values=ENDING_KINDS),
        _f("title", "text", "The ending's heading.", True),
        _f("summary", "text", "What happened, in a sentence or two.", True),
        _f("resources", "refs", "Help resource ids from the catalogue (the check requires at least one)."),
    )),
    # ---------------------------------------------------------------- steps
    Obj("narrate_step", "Text from the narrator, with no name shown.", (
        _f("narrate", "text", "What the narrator says.", True),
    )),
    Obj("say_step", "A character speaks, in the dialogue box with their name.", (
        _f("say", "ref", "The speaker's character id.", True),
        _f("text", "text", "What they say.", True),
    )),
    Obj("chat_step", "A character sends a message, shown as a chat bubble on a phone.", (
        _f("chat", "ref", "The sender's character id.", True),
        _f("text", "text", "The message.", True),
    )),
    Obj("set_step", "Sets one or more flags: {reported: true, told_adult: false}.", (
        _f("set", "flags", "Flag names, each followed by true or false.", True),
    )),
    Obj("if_step", "Shows different steps depending on flags.", (
        _f("if", "cond", "A condition on flags: names, and, or, not and brackets.", True),
        _f("then", "steps", "The steps used when the condition holds.", True),
        _f("else", "steps", "The steps used when it does not."),
    )),
    Obj("discuss_step", "A discussion prompt for group sessions (shown in facilitator mode).", (
        _f("discuss", "object", "The prompt: id, question, notes and the catalogue question it asks.", True,
           of="discussion_prompt"),
    )),
    Obj("discussion_prompt", "A question put to the group, with notes for the facilitator.", (
        _f("id", "id", "Unique across the whole project; start it with the scenario id.", True),
        _f("question", "text", "The question put to the group.", True),
        _f("notes", "text", "Notes for the facilitator: likely answers, points to draw out.", True),
        _f("asks", "ref", "The id of a catalogue discussion question that this prompt places."),
    )),
    # ---------------------------------------------------------------- catalogue
    Obj("catalogue_file", "The shared lists that every scenario points to.", (
        FORMAT,
        *(_f(sec.key, "list", f"The catalogue's {sec.key.replace('_', ' ')}, taught by feedback screens.",
             of="key_message" if sec.key == "key_messages" else "catalogue_item")
          for sec in LEARNING_SECTIONS),
        _f("resources", "list", "Help services, shown by endings.", of="resource"),
        _f("discussion_questions", "list", "Questions for group sessions, placed by discuss steps with asks.",
           of="discussion_question"),
    )),
    Obj("catalogue_item", "A red flag, safe action, upstander step or adult action.", _ITEM_FIELDS),
    Obj("key_message", "A message every player should leave with.", (
        *_ITEM_FIELDS,
        _f("way_back", "bool", "true when the message gives a player who made a risky choice a way back "
           "(\"it is never too late to tell someone\"); every risky choice's feedback lists one."),
    )),
    Obj("resource", "A help service; it needs a url, phone or sms.", (
        _f("id", "id", "Unique among resources.", True),
        _f("name", "text", "The service's name.", True),
        _f("explain", "text", "What the service does and who it is for.", True),
        _f("country", "pattern", "Where it works: a two-letter country code in capitals (US, GB) or INT for everyone.",
           True, pattern=COUNTRY_PATTERN),
        _f("url", "plain", "A web address."),
        _f("phone", "plain", "A phone number, in quotes so that it stays as written."),
        _f("sms", "plain", "A text service, written as an instruction: Text HELP to 00000."),
    )),
    Obj("discussion_question", "One of the catalogue's questions for group sessions.", (
        _f("id", "id", "How a discuss step's asks refers to it.", True),
        _f("question", "text", "The question.", True),
        _f("seed", "list", "Ids from the checklist of what the source guides teach.", of="seed_id"),
    )),
)

#: Every kind of mapping, by name.
SPEC: dict[str, Obj] = {o.name: o for o in _OBJECTS}
#: Mappings that are not objects of their own but single values in a list.
SCALAR_LISTS = {"seed_id": "An id from the checklist of what the source guides teach."}
