"""Generated files are readable by everyone, as any file the user makes: a game
folder copied by hand to a shared drive must open for every student account.

The build writes through a temporary file (tempfile.mkstemp makes it readable
by its owner only) and renames it into place; the mode must follow the umask.
Checked with the file modes and with a real other account (nobody) reading them.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile

import pytest

import enginekit

SAMPLE = os.path.join(enginekit.ROOT, "tests", "sample")


def test_generated_files_follow_the_umask_and_other_accounts_can_read_them():
    # A folder every account can walk into, like a shared drive (pytest's own is private).
    shared = tempfile.mkdtemp(prefix="tyg-shared-drive-")
    os.chmod(shared, 0o755)
    try:
        check(shared)
    finally:
        shutil.rmtree(shared)


def check(shared: str) -> None:
    old = os.umask(0o022)
    try:
        base = enginekit.stage_game(os.path.join(shared, "TrustYourGut"), SAMPLE)
    finally:
        os.umask(old)
    generated = os.path.join(base, "game", "generated")
    files = sorted(os.path.join(d, f) for d, _, names in os.walk(generated) for f in names)
    assert files
    modes = {os.path.relpath(f, generated): oct(stat.S_IMODE(os.stat(f).st_mode)) for f in files}
    assert set(modes.values()) == {"0o644"}, modes
    if shutil.which("runuser") is None or os.geteuid() != 0:
        pytest.skip("reading as another account needs root and runuser")
    read = subprocess.run(["runuser", "-u", "nobody", "--", "cat", *files], capture_output=True)
    assert read.returncode == 0, read.stderr.decode(errors="replace")
