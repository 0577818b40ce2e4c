import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))
sys.path.insert(0, HERE)


import pytest  # noqa: E402

ROOT = os.path.dirname(HERE)
#: The checklist of what the source guides teach (shared/seed-items.md): TYG_SEED_ITEMS if set, else
#: beside this checkout, else where the project's shared folder lives on the build machine.
SEED_CANDIDATES = [
    os.environ.get("TYG_SEED_ITEMS", ""),
    os.path.join(os.path.dirname(ROOT), "shared", "seed-items.md"),
    "/work/shared/seed-items.md",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def seed_items() -> str:
    """The checklist's text. Missing: a skip on a developer's machine, a failure under CI."""
    path = next((p for p in SEED_CANDIDATES if p and os.path.exists(p)), None)
    if path is None:
        where = ", ".join(p for p in SEED_CANDIDATES if p)
        if in_ci():  # CI must check against the checklist, never skip it
            pytest.fail(f"seed-items.md not found (looked in {where}); set TYG_SEED_ITEMS to its path")
        pytest.skip(f"seed-items.md not found (looked in {where})")
    with open(path, encoding="utf-8") as fh:
        return fh.read()
