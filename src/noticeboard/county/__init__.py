"""A county's roll-up: the boards of many townships side by side, from what each township published.

Why from published open data and not from the registries: each township keeps its own
repository and builds its own site; the county reads only the JSON those sites publish
(``summary.json``), so it never holds a private field and its build does not grow with
the townships' page counts. ``settings`` reads ``county.yml``; ``published`` reads one
township's files; ``comparison`` puts the townships side by side; ``site`` makes the
county's page catalogue for the same engine glue as a township's.
"""
