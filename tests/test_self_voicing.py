"""Read aloud (Ren'Py's self-voicing) speaks the story through espeak, the Linux voice.

The player switches "Read aloud" on in Settings, then starts a story. Ren'Py
runs ``espeak TEXT`` for what is on screen. The ``espeak`` found first on the
PATH here is a small recorder that notes the text and then runs the real
espeak, with ``-w`` so the speech goes to a WAV file instead of a sound card
(the test machine has none), and notes whether espeak finished or Ren'Py cut
it off for a newer line. The test checks what was spoken, and that the real
espeak turned every call that finished into audio.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import wave

import pytest

import enginekit

ROOT = enginekit.ROOT
SAMPLE = os.path.join(ROOT, "tests", "sample")
ESPEAK = shutil.which("espeak")

RECORDER = """#!{python}
import json, os, signal, subprocess, sys
log = os.environ["TYG_TTS_LOG"]
wav = child = None

def cut(signum, frame):  # Ren'Py stops speech that a newer line replaces (terminate, then wait)
    if child is not None:
        os.kill(child.pid, signal.SIGTERM)
    if wav is not None:
        open(wav + ".cut", "w").close()
    os._exit(0)  # not sys.exit: the main thread may hold Popen's wait lock

# Ready to be cut before the call is logged: on a busy machine Ren'Py may cut it at once.
signal.signal(signal.SIGTERM, cut)
n = sum(1 for _ in open(log, encoding="utf-8"))
wav = os.path.join(os.path.dirname(log), "%d.wav" % n)
with open(log, "a", encoding="utf-8") as fh:
    fh.write(json.dumps({{"args": sys.argv[1:], "wav": "%d.wav" % n}}) + "\\n")
child = subprocess.Popen([{espeak!r}, "-w", wav, *sys.argv[1:]])
code = child.wait()
with open(wav + ".done", "w") as fh:
    fh.write(str(code))
"""

TESTCASE = """
testcase read_aloud:
    "Settings"
    "Read aloud"
    pause 1.0
    $ tyg_trace("voicing", on=_preferences.self_voicing)
    "Close"
    pause 1.0
    "Sample: The New"
    pause 1.5
    "Start the story"
    move (0.02, 0.98)
    pause 2.0
{lines}
    pause 2.0
    type "1"
    pause 2.0
    $ renpy.quit()
"""


def voicing_testcase() -> str:
    """Played from the keyboard, as a player who listens would: each line of the first
    scene gets time to be spoken before the next (a fast key press cuts speech off).
    The pointer is parked where nothing is, since Ren'Py reads what the pointer is on."""
    from tyg.play import interpret
    from tyg.compile import pipeline

    sample = pipeline.check(SAMPLE).project.scenarios[0]
    first = sample.scenes[0]
    t = interpret.play(sample, [], interpret.prefer("safer"))
    shown = sum(1 for loc in t.locs if first.loc.line <= loc.line < first.choices[0].loc.line) - 1  # not the prompt
    steps = ["    type RETURN\n    pause 1.5"] * shown
    return TESTCASE.replace("{lines}", "\n".join(steps))


@pytest.mark.skipif(ESPEAK is None, reason="espeak is not installed (tools/setup.sh installs espeak-ng-espeak)")
def test_read_aloud_speaks_through_espeak(tmp_path):
    tts = tmp_path / "tts"
    tts.mkdir()
    recorder = tts / "espeak"
    recorder.write_text(RECORDER.format(python=sys.executable, espeak=os.path.realpath(ESPEAK)))
    recorder.chmod(recorder.stat().st_mode | stat.S_IXUSR)
    log = tts / "spoken.jsonl"
    log.touch()

    base = enginekit.stage_game(str(tmp_path / "game"), SAMPLE)
    enginekit.add_script(base, "zz_voice.rpy", voicing_testcase())
    env = {"PATH": f"{tts}{os.pathsep}{os.environ.get('PATH', '')}", "TYG_TTS_LOG": str(log)}
    run = enginekit.run_engine(base, "test", "read_aloud", timeout=120, env=env)
    assert run.returncode == 0, run.output[-3000:]
    assert run.of("voicing") == [{"event": "voicing", "on": True}]

    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    spoken = [c["args"][-1] for c in calls]
    # In order: the content note, the story's first lines, the question, then the feedback card.
    expected = [
        "Before you start: A stranger online asks personal questions.",
        "It is Saturday morning. Sam's phone buzzes.",
        "Sam: I don't know any \"Jess\".",
        "What does Sam do?",
        "Flattery can pull you in: Sam felt good and kept chatting.",
        "Red flags: ",
    ]
    at = [next((i for i, text in enumerate(spoken) if want in text), None) for want in expected]
    assert None not in at and at == sorted(at), spoken
    # A phone message is read once, without its sender twice or the conversation before it.
    chat = next(text for text in spoken if "hey!! saw ur post" in text)
    assert chat.count("jess_xo") == 1 and "who is this?" not in chat, chat
    # The real espeak made speech of every call that ran to the end: a WAV file with audio frames.
    # (A call that Ren'Py cut off for a newer line is only noted.)
    done = []
    for i, c in enumerate(calls):
        wav = tts / c["wav"]
        assert os.path.exists(f"{wav}.done") or os.path.exists(f"{wav}.cut"), f"espeak call {i} never ended: {c}"
        if os.path.exists(f"{wav}.done"):
            assert (tts / f"{c['wav']}.done").read_text() == "0", f"espeak failed on call {i}: {c}"
            with wave.open(str(wav)) as w:
                seconds = w.getnframes() / w.getframerate()
            # At least 0.03 s a letter: about a third of espeak's normal speed.
            letters = sum(ch.isalpha() for ch in c["args"][-1])
            assert seconds >= min(0.1, 0.03 * letters) and seconds > 0, (i, c["args"][-1], seconds)
            done.append(c["args"][-1])
    # Each expected line had time to be spoken in full.
    for want in expected:
        assert any(want in text for text in done), (want, done)
