"""The school's settings file as lab computers really get it, in the real engine.

Notepad saves "UTF-8" with a byte-order mark and "Unicode" as UTF-16 with one,
both with CRLF line endings; IT may deploy the file once per computer instead
of beside the game (on Linux /etc/trust-your-gut/, tested in a private mount
namespace over an overlay of /etc, so the real /etc is never touched). Each
must switch lab mode on, say so in log.txt, and show "Lab mode" on the main
menu.
"""

from __future__ import annotations

import os

import pytest

import enginekit

SAMPLE = os.path.join(enginekit.ROOT, "tests", "sample")
MACHINE_WIDE = "/etc/trust-your-gut/trust-your-gut.ini"

LOOK = """
testcase look:
    pause 0.5
    python:
        tyg_trace("settings", lab_mode=tyg_lab_mode, country=tyg_country, read=[list(r) for r in getattr(store, "tyg_settings_read", [])],
                  menu=tyg_screen_texts("main_menu"))
    $ renpy.quit()
"""

SETTINGS = "[school]\nlab_mode = yes\ncountry = GB\n"
NOTEPAD_UTF8 = SETTINGS.replace("\n", "\r\n").encode("utf-8-sig")


def encoded(kind: str) -> bytes:
    return {
        "utf-8 with BOM": SETTINGS.encode("utf-8-sig"),
        "utf-16 with BOM": SETTINGS.replace("\n", "\r\n").encode("utf-16"),  # a BOM, then UTF-16 LE
        "utf-16 big-endian with BOM": b"\xfe\xff" + SETTINGS.encode("utf-16-be"),
        "crlf": SETTINGS.replace("\n", "\r\n").encode("utf-8"),
    }[kind]


def look(tmp_path, ini_beside_game: bytes | None, machine_wide: bytes | None = None) -> tuple[enginekit.EngineRun, str]:
    """Start the game with these settings files; the run, and the log.txt it wrote."""
    base = enginekit.stage_game(str(tmp_path / "TrustYourGut"), SAMPLE)
    enginekit.add_script(base, "zz_look.rpy", LOOK)
    if ini_beside_game is not None:
        with open(os.path.join(base, "trust-your-gut.ini"), "wb") as fh:
            fh.write(ini_beside_game)
    outer: list[str] = []
    if machine_wide is not None:
        staged = tmp_path / "machine.ini"
        staged.write_bytes(machine_wide)
        upper, work = tmp_path / "etc-upper", tmp_path / "etc-work"
        upper.mkdir()
        work.mkdir()
        # /etc as it is, with our file added, seen only by this run.
        outer = [
            "unshare", "--mount", "--propagation", "private", "sh", "-c",
            'mount -t overlay overlay -o "lowerdir=/etc,upperdir=$1,workdir=$2" /etc'
            ' && mkdir -p "$(dirname "$3")" && cp "$4" "$3" && shift 4 && exec "$@"',
            "sh", str(upper), str(work), MACHINE_WIDE, str(staged),
        ]
    run = enginekit.run_engine(base, "test", "look", work=str(tmp_path / "work"), outer=outer)
    assert run.returncode == 0, run.output[-3000:]
    assert not os.path.exists(MACHINE_WIDE), "the test touched the real /etc"
    with open(os.path.join(base, "log.txt"), encoding="utf-8", errors="replace") as fh:
        return run, fh.read()


@pytest.mark.parametrize("kind", ["utf-8 with BOM", "utf-16 with BOM", "utf-16 big-endian with BOM", "crlf"])
def test_settings_file_as_editors_save_it_switches_lab_mode_on(tmp_path, kind):
    run, log = look(tmp_path, encoded(kind))
    (seen,) = run.of("settings")
    assert seen["lab_mode"] is True and seen["country"] == "GB", seen
    # What was read is in log.txt, and the main menu says so.
    assert "read [school] country = GB, lab_mode = yes" in log
    assert any("Lab mode" in t for t in seen["menu"]), seen["menu"]


def test_machine_wide_settings_file_switches_lab_mode_on(tmp_path):
    # IT's file for the whole computer (Notepad's UTF-8: a BOM and CRLF); a file beside
    # the game may still set other things, and wins where both set the same one.
    run, log = look(tmp_path, b"[school]\ncountry = US\n", machine_wide=NOTEPAD_UTF8)
    (seen,) = run.of("settings")
    assert seen["lab_mode"] is True and seen["country"] == "US", seen
    assert seen["read"][0] == [MACHINE_WIDE, "read [school] country = GB, lab_mode = yes"]
    assert seen["read"][1][1] == "read [school] country = US"
    assert any("Lab mode" in t for t in seen["menu"])


def test_a_broken_settings_file_is_logged_and_the_game_still_starts(tmp_path):
    run, log = look(tmp_path, b"lab_mode = yes\n")  # no [school] header
    (seen,) = run.of("settings")
    assert seen["lab_mode"] is False
    assert "ignored: File contains no section headers." in log
    assert not any("Lab mode" in t for t in seen["menu"])
