"""Lab computers, in the real engine: a read-only game folder, no network, and the
settings file beside a Mac app. (Lab mode keeping no saves is in test_privacy.py; the
school's country ordering Help is in test_screens.py; a lab build having lab mode on
is in test_dist.py.)"""

from __future__ import annotations

import os
import re

import enginekit

SAMPLE = os.path.join(enginekit.ROOT, "tests", "sample")

PLAY = """
testcase lab_play:
    python:
        import os
        try:
            with open(os.path.join(config.basedir, "probe.txt"), "w") as probe:
                probe.write("x")
            writable = True
        except OSError:
            writable = False
        tyg_trace("settings", lab_mode=tyg_lab_mode, country=tyg_country, folder_writable=writable)
    run Start("tyg_s__sample")
    "Next line" until "Choice 2:"
    "Continue"
    "Next line" until "Choice 1:"
    "Continue"
    "Back to the main menu"
    $ renpy.quit()
"""


def staged(dest: str, settings: str | None) -> str:
    base = enginekit.stage_game(dest, SAMPLE)
    enginekit.add_script(base, "zz_lab.rpy", PLAY)
    if settings is not None:
        with open(os.path.join(base, "trust-your-gut.ini"), "w", encoding="utf-8") as fh:
            fh.write(settings)
    return base


def run_wrapped(basedir: str, work: str, wrap: list[str], outer: list[str] = (), timeout: int = 180) -> enginekit.EngineRun:
    """The lab play-through, with HOME, saves and the trace in ``work``, so that nothing
    the harness itself writes lands in the game folder."""
    return enginekit.run_engine(basedir, "test", "lab_play", timeout=timeout, work=work, wrap=wrap, outer=outer)


def snapshot(folder: str) -> dict[str, tuple[int, int]]:
    """Every file and folder below ``folder``, with its size and modification time."""
    found = {}
    for dirpath, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            found[os.path.relpath(path, folder)] = (st.st_size, st.st_mtime_ns)
    return found


def test_lab_mode_runs_from_a_read_only_folder(tmp_path):
    base = staged(str(tmp_path / "usb" / "TrustYourGut"), "[school]\nlab_mode = yes\n")
    before = snapshot(base)
    # A read-only bind mount of the game folder, in a private mount namespace that ends
    # with the run (we are root, so file modes alone would not stop a write).
    read_only = [
        "unshare", "--mount", "--propagation", "private", "sh", "-c",
        'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"', base,
    ]
    run = run_wrapped(base, str(tmp_path / "work"), wrap=[], outer=read_only)
    assert run.returncode == 0, run.output[-3000:]
    assert run.of("settings") == [{"event": "settings", "lab_mode": True, "country": "US", "folder_writable": False}]
    assert len(run.of("ending")) == 1, "the story was played to its ending"
    assert snapshot(base) == before, "something was written inside the game folder"
    # Lab mode kept nothing in the player's home either (no saves, no persistent data).
    home = tmp_path / "work" / "home"
    assert [p for p in home.rglob("*") if p.is_file()] == []


def test_the_game_opens_no_network_socket(tmp_path):
    base = staged(str(tmp_path / "game"), "[school]\nlab_mode = yes\n")
    log = str(tmp_path / "strace.txt")
    # Every network system call of the engine and its children is logged; the run is also
    # in a network namespace with no interfaces, so even an attempt could reach nothing.
    strace = ["strace", "-f", "-qq", "-e", "trace=%network", "-o", log]
    run = run_wrapped(base, str(tmp_path / "work"), wrap=strace, outer=["unshare", "--net"])
    assert run.returncode == 0, run.output[-3000:]
    assert len(run.of("ending")) == 1
    with open(log, encoding="utf-8", errors="replace") as fh:
        calls = fh.read()
    sockets = set(re.findall(r"\bsocket\((AF_[A-Z0-9]+), [^,]+, (\w+)\)", calls))
    assert ("AF_UNIX", "0") in sockets, "strace saw no X11 connection (AF_UNIX): is it logging?"
    # Local only: Unix sockets (X11), and the kernel's device events (SDL's udev hotplug
    # watch: AF_NETLINK, NETLINK_KOBJECT_UEVENT), which never leave the computer.
    local = {("AF_NETLINK", "NETLINK_KOBJECT_UEVENT")}
    network = {s for s in sockets if s[0] not in ("AF_UNIX", "AF_LOCAL") and s not in local}
    assert not network, f"network sockets opened: {network}"
    assert not re.search(r"sa_family=AF_INET6?\b", calls), calls[:3000]


def test_settings_file_beside_a_mac_app(tmp_path):
    # A Mac build keeps the game inside TrustYourGut.app/Contents/Resources/autorun; a school
    # edits the copy of the settings file beside the app, and that copy wins. A comment
    # after a value is allowed.
    app = tmp_path / "Applications" / "TrustYourGut.app"
    base = staged(str(app / "Contents" / "Resources" / "autorun"), "[school]\nlab_mode = yes  ; keep nothing\ncountry = US\n")
    (app.parent / "trust-your-gut.ini").write_text("[school]\ncountry = GB\n", encoding="utf-8")
    run = run_wrapped(base, str(tmp_path / "work"), wrap=[])
    assert run.returncode == 0, run.output[-3000:]
    assert run.of("settings") == [{"event": "settings", "lab_mode": True, "country": "GB", "folder_writable": True}]
