"""Noticeboard: the public notice boards (公示栏) of township Party organisations.

Sub-packages, each importing only from the ones before it (``make lint`` enforces it):

- ``registries``: reading and checking ``data/`` (YAML source, models, messages, cross-checks, errors);
- ``rules``: the published rules (ratings) and a year's results;
- ``boards``: one module per board kind, declaring everything about it;
- ``outputs``: what is published (page catalogue, posters, screens, share cards, open data);
- ``office``: the office's tools (import, export, diff, new year, git history, change log);
- ``cli``, ``demo`` and ``publication`` on top.

Nothing here imports MkDocs or Jinja: the site engine is reached only through ``hooks/``.
"""
