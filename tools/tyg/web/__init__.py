"""Web: a checked project in, one offline HTML file (``out/web/index.html``) out.

``story`` turns the same lowered modules the Ren'Py emitter prints (``compile.lower``)
into one JSON document (labels of flat operations, conditions as small trees, the
catalogue, scenarios, characters, feedback, endings and discussion cards); ``page``
inlines that JSON, the hand-written vanilla player (``player.html``, ``player.css``,
``player.js``), the avatars and the OpenDyslexic font into a single deterministic file
with a strict Content-Security-Policy, and zips it for ``build.py web --zip``. The
player runs the operations with the reference interpreter's meaning (``play.interpret``);
``tests/test_web*.py`` compare the two in Chromium, path by path.
"""
