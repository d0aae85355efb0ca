"""While ``mkdocs serve`` rebuilds, let edits to the ``noticeboard`` package take effect.

MkDocs loads every hook file anew for each rebuild, in the order ``mkdocs.yml`` lists
them, but Python keeps modules it imported once. Listed before ``noticeboard_hooks.py``,
this file forgets the package's modules, so that hook imports the package as it is now.
On the first load of a build nothing is imported yet and nothing happens.
"""

from __future__ import annotations

import sys

for _name in [name for name in sys.modules if name == "noticeboard" or name.startswith("noticeboard.")]:
    del sys.modules[_name]
