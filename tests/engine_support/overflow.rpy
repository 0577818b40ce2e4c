## overflow.rpy: test support, never shipped. Finds text that spills out of
## the box it is laid out in, on every frame the engine draws.
##
## The engine keeps the last frame as a tree of Renders (position, size,
## children, the displayables drawn). A Text's box must lie inside each
## enclosing box. A clipping render (a viewport) scrolls its content
## vertically, so inside one only the left and right edges are checked.
## Findings go to the test trace as "overflow" events, once each.

init python:

    TYG_OVERFLOW_SLACK = 2  # pixels of rounding allowed

    _tyg_overflow_seen = set()

    def _tyg_overflow_label(r):
        names = [type(d).__name__ for d in (r.render_of or [])]
        return "/".join(names) or "Render"

    def _tyg_same_scale(m):
        """No transform, or one that only moves: the child keeps the parent's pixels."""
        return m is None or (abs(m.xdx - 1) < 1e-6 and abs(m.ydy - 1) < 1e-6 and m.xdy == 0 and m.ydx == 0)

    def tyg_overflow_scan():
        root = renpy.display.interface.surftree
        if root is None:
            return
        Render = renpy.display.render.Render
        Text = renpy.text.text.Text
        screens = sorted(str(t) for t in renpy.get_showing_tags("screens"))
        ## (render, x, y, ancestors); an ancestor is (x, y, w, h, label, check_y)
        todo = [(root, 0, 0, ((0, 0, root.width, root.height, "the window", True),))]
        while todo:
            r, x, y, ancestors = todo.pop()
            texts = [d for d in (r.render_of or []) if isinstance(d, Text)]
            for d in texts:
                for ax, ay, aw, ah, label, check_y in ancestors:
                    out_x = x < ax - TYG_OVERFLOW_SLACK or x + r.width > ax + aw + TYG_OVERFLOW_SLACK
                    out_y = check_y and (y < ay - TYG_OVERFLOW_SLACK or y + r.height > ay + ah + TYG_OVERFLOW_SLACK)
                    if out_x or out_y:
                        what = tyg_plain(d.get_all_text())
                        key = (what, label, aw, ah)
                        if key not in _tyg_overflow_seen:
                            _tyg_overflow_seen.add(key)
                            tyg_trace("overflow", text=what, box=label, screens=screens,
                                      text_box=[x, y, r.width, r.height], outer_box=[ax, ay, aw, ah],
                                      chain=[[a[4], a[0], a[1], a[2], a[3]] for a in ancestors])
                        break
            if r.xclipping or r.yclipping:
                ancestors = tuple((a[0], a[1], a[2], a[3], a[4], False) for a in ancestors)
                ancestors += ((x, y, r.width, r.height, _tyg_overflow_label(r), False),)
            elif r is not root:
                ancestors += ((x, y, r.width, r.height, _tyg_overflow_label(r), True),)
            for c in r.children:
                child = c[0]
                ## A zoomed or rotated child has its own coordinates: none hold text here.
                if isinstance(child, Render) and _tyg_same_scale(child.forward):
                    todo.append((child, x + c[1], y + c[2], ancestors))

    config.periodic_callbacks.append(tyg_overflow_scan)
    config.interact_callbacks.append(tyg_overflow_scan)

## A box far too small for its text: the check must catch it.
screen tyg_overflow_probe():
    frame:
        xpos 100
        ypos 100
        xysize (220, 60)
        text "This sentence is much too long for the small box it has been given here."
