"""Values as the open data writes them: exact scores as JSON numbers, dates as ISO text.

Every kind's open-data file uses these, so a score or a date reads the same in every file.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from noticeboard.rules.ratings import Rating


def number(value: Decimal | None) -> float | int | None:
    """A published score as a JSON number (scores have at most four decimals, so floats print exactly)."""
    if value is None:
        return None
    return int(value) if value.as_tuple().exponent == 0 else float(value)  # exponent 0: a whole number


def rating(value: Rating | None) -> dict[str, object]:
    """``{"score": …, "stars": …}``, both null when not rated."""
    return {"score": number(value.score if value else None), "stars": value.stars if value else None}


def date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
