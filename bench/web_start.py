"""How fast the web edition starts, on a desktop and on an emulated phone.

    python3 bench/web_start.py                 # builds the page from scenarios/ (or --page FILE), 7 loads each
    python3 bench/web_start.py --runs 3 --source tests/sample

Target (issue 13): the player starts in under a second on a phone. A phone is
approximated in Chromium (Debian's, through Playwright) by a 360 x 640 touch
viewport and CPU throttling through the DevTools protocol
(``Emulation.setCPUThrottlingRate``, 4x and 6x slower: a mid-range and a low-end
phone, as Lighthouse's mobile preset uses 4x). The file comes from disk (file://),
as from a USB stick or a download.

For each setting it prints the median and worst of ``--runs`` fresh loads:
* parsed: the page's DOMContentLoaded (HTML, CSS and script parsed, story JSON read);
* ready: the first screen shown and focused (the player marks ``data-screen``);
* paint: first contentful paint.
Prints PASS/MISS against the one-second target and exits 0 (benchmarks measure; they do not fail).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))

TARGET_MS = 1000
SETTINGS = [("desktop", None, 1), ("phone, 4x slower CPU", {"width": 360, "height": 640}, 4), ("phone, 6x slower CPU", {"width": 360, "height": 640}, 6)]

#: Read once the first screen is up: the navigation timings and the paint.
TIMES = """() => new Promise((done) => {
  const check = () => {
    if (!document.body.getAttribute('data-screen')) return requestAnimationFrame(check);
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    done({parsed: nav.domContentLoadedEventEnd, ready: window.tygReady || performance.now(), paint: paint ? paint.startTime : null});
  };
  check();
})"""


def build(source: str, out: str) -> str:
    from tyg.compile import pipeline
    from tyg.engine.dist import game_version
    from tyg.web import page

    result = pipeline.check(source)
    if not result.ok:
        sys.exit(result.report.render_text())
    game = os.path.join(ROOT, "game")
    text = page.render(result.project, game, game_version(game), {"lab": True, "exit_url": page.DEFAULT_EXIT_URL, "country": "US"})
    path = os.path.join(out, "index.html")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", default=os.path.join(ROOT, "scenarios"))
    ap.add_argument("--page", default=None, help="an already built index.html")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        path = args.page or build(args.source, tmp)
        size = os.path.getsize(path)
        print(f"page: {size:,} bytes ({size / 1e6:.2f} MB; budget 1.5 MB)")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium")
            print(f"browser: Chromium {browser.version}; {args.runs} fresh loads each; milliseconds, median (worst)")
            print(f"{'setting':24} {'parsed':>14} {'ready':>14} {'paint':>14}  target < {TARGET_MS} ms ready")
            for name, viewport, rate in SETTINGS:
                got: dict[str, list[float]] = {"parsed": [], "ready": [], "paint": []}
                for _ in range(args.runs):
                    ctx = browser.new_context(viewport=viewport or {"width": 1280, "height": 800}, has_touch=bool(viewport), is_mobile=bool(viewport))
                    pg = ctx.new_page()
                    if rate > 1:
                        cdp = ctx.new_cdp_session(pg)
                        cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                    pg.goto("file://" + os.path.abspath(path))
                    t = pg.evaluate(TIMES)
                    for k in got:
                        if t[k] is not None:
                            got[k].append(t[k])
                    ctx.close()

                def cell(xs: list[float]) -> str:
                    return f"{statistics.median(xs):6.0f} ({max(xs):5.0f})" if xs else "-"

                verdict = "PASS" if got["ready"] and statistics.median(got["ready"]) < TARGET_MS else "MISS"
                print(f"{name:24} {cell(got['parsed']):>14} {cell(got['ready']):>14} {cell(got['paint']):>14}  {verdict}")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
