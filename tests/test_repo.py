"""Promises the repository makes to a newcomer stay true."""

from __future__ import annotations

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def readme_commands() -> list[str]:
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    block = re.search(r"```sh\n(.*?)```", text, flags=re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_readme_opens_with_a_play_command_and_a_test_command():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    first_screen = "\n".join(text.splitlines()[:15])
    play, test = readme_commands()[:2]
    assert play in first_screen and test in first_screen
    assert play.endswith("python3 build.py play") and test.endswith("python3 build.py test")
    assert play.startswith("bash tools/setup.sh") and test.startswith("bash tools/setup.sh --test")


def test_ci_runs_the_readme_test_command_word_for_word():
    ci = open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8").read().splitlines()
    commands = [line.strip() for line in ci if line.strip() and not line.lstrip().startswith(("#", "set ", "cd "))]
    assert commands == [readme_commands()[1]]


def test_top_level_layout():
    for name in ("game", "scenarios", "assets", "tools", "tests", "build.py", "pyproject.toml", "README.md", ".ci/run"):
        assert os.path.exists(os.path.join(ROOT, name)), name
