"""Teach: a loaded project in, findings about what it teaches and how it says it out.

``texts`` lists every piece of visible text with its scene; ``teaching`` checks that every
catalogue item is taught; ``readability`` measures reading level; ``safeguarding`` is the
wording lint. Their findings are ordinary diagnostics. ``guide`` turns the same project into
the printable facilitator guide (HTML).
"""
