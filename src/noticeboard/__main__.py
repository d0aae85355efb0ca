"""``python -m noticeboard``."""

import sys

from noticeboard.cli import main

sys.exit(main())
