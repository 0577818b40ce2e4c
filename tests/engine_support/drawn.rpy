## drawn.rpy: test support, never shipped. Reports how the text of the last
## frame was actually drawn, so that a test can see that a setting changed
## the picture and not only a preference.
##
## The engine keeps the last frame as a tree of Renders; each Text in it has
## a layout made of segments, and a segment carries the font file, size and
## colour it was drawn with (a font group is already split into
## the font file of each run of letters), after the font transform (the dyslexia-friendly
## font) was applied. The text size preference scales glyphs as they are drawn (the
## style's size stays), so it shows in the size of the text's box. High-contrast text is an
## outline that the layout adds to every text. Each call traces one "drawn"
## event: {"what": label, "texts": [{"text", "fonts", "sizes", "box", "colors", "outlines"}]}.

init python:

    def tyg_drawn_texts():
        root = renpy.display.interface.surftree
        Render = renpy.display.render.Render
        Text = renpy.text.text.Text
        out = [ ]
        seen = set()
        todo = [root] if root is not None else [ ]
        while todo:
            r = todo.pop()
            for d in (r.render_of or [ ]):
                if not isinstance(d, Text) or id(d) in seen:
                    continue
                seen.add(id(d))
                layout = d.get_layout()
                if layout is None:
                    continue
                segments = [ts for p in layout.paragraphs for ts, s in p if s.strip()]
                out.append({
                    "text": tyg_plain(d.get_all_text()),
                    "fonts": sorted(set(str(ts.font) for ts in segments)),
                    "sizes": sorted(set(int(ts.size) for ts in segments)),
                    "box": [r.width, r.height],
                    "colors": sorted(set(str(tuple(ts.color)) if ts.color is not None else "None" for ts in segments)),
                    "outlines": [list(o[:2]) if o[1] is None else [o[0], list(o[1])] for o in layout.outlines],
                })
            for c in r.children:
                if isinstance(c[0], Render):
                    todo.append(c[0])
        return out

    def tyg_trace_drawn(what):
        tyg_trace("drawn", what=what, texts=tyg_drawn_texts())
