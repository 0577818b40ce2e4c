#!/usr/bin/env python3
"""Trust Your Gut: check scenarios/ and compile them into the Ren'Py game in game/.

    python3 build.py [build]   check and compile (the default)
    python3 build.py check     validate only
    python3 build.py lint      Ren'Py's own lint of the compiled game
    python3 build.py play      build and launch the game
    python3 build.py test      the whole test suite

The toolchain lives in tools/tyg; this file only puts it on the path.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools"))

from tyg.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(quick_exit=True))
