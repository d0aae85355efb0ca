"""Open data: exactly what the boards show, as JSON for the county's systems and for anyone checking.

Built from the same :mod:`noticeboard.boards.township` views as the pages, so a member
who is not named on a board is not named here either. Output is stable byte
for byte (sorted keys, no timestamps) so that builds are reproducible.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from noticeboard.boards.statistics import Stats
from noticeboard.boards.township import Boards, CommitmentRow, YearView
from noticeboard.rules.ratings import Rating


def _number(value: Decimal | None) -> float | int | None:
    """A published score as a JSON number (scores have at most four decimals, so floats print exactly)."""
    if value is None:
        return None
    return (
        int(value) if value == value.to_integral_value() and value.as_tuple().exponent == 0 else float(value)
    )


def _rating(rating: Rating | None) -> dict[str, Any]:
    return {"score": _number(rating.score if rating else None), "stars": rating.stars if rating else None}


def summary(view: YearView) -> dict[str, Any]:
    """``summary.json``: counts of branches and members per star level, commitments per status."""
    return view.summary.as_dict()


def branches(boards: Boards, view: YearView) -> list[dict[str, Any]]:
    """``branches.json``: every rated branch, its stars this year and in every year of the data."""
    result = []
    for row in (page.branch for page in view.pages.values()):
        history = {
            str(year): _rating(other.pages[row.id].branch.rating)
            for year, other in sorted(boards.years.items())
            if row.id in other.pages
        }
        result.append(
            {
                "id": row.id,
                "name": row.name,
                "kind": row.kind,
                "parent": row.parent,
                "secretary": row.secretary,
                "year": view.year,
                **_rating(row.rating),
                "history": history,
            }
        )
    return result


def members(view: YearView) -> list[dict[str, Any]]:
    """``members.json``: the members named on the star boards, and nobody else."""
    return [
        {
            "id": row.id,
            "name": row.name,
            "branch": row.branch,
            "year": view.year,
            "points": _number(row.points),
            "stars": row.stars,
        }
        for page in view.pages.values()
        for row in page.members.rows
    ]


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _commitment(row: CommitmentRow) -> dict[str, Any]:
    """A commitment names its maker but carries no member id: with ``members.json`` an id
    would tell whether the maker is on a star board, and the commitment must not tell that."""
    return {
        "id": row.id,
        "year": row.year,
        "maker": row.maker,
        "maker_kind": "member" if row.by_member else "branch",
        "branch": row.branch,
        "text": row.text,
        "category": row.category,
        "status": row.status,
        "overdue": row.overdue,
        "made": _date(row.made),
        "due": _date(row.due),
        "approved_by": row.approved_by,
        "approved_on": _date(row.approved_on),
        "fulfilled_on": _date(row.fulfilled_on),
        "updates": [{"date": _date(u.date), "note": u.note} for u in row.updates],
    }


def commitments(view: YearView) -> list[dict[str, Any]]:
    """``commitments.json``: every commitment of the year with its status and whether it is overdue."""
    return [_commitment(row) for group in view.commitments.groups for row in group.rows]


def reviews(view: YearView) -> list[dict[str, Any]]:
    """``reviews.json``: the public reviews of the year (``public: true`` only), by organisation."""
    return [
        {
            "organisation": org_id,
            "organisation_name": board.org.name,
            "subject": row.subject,
            "subject_kind": "member" if row.of_member else "organisation",
            "reviewer": row.reviewer,
            "reviewer_post": row.reviewer_post,
            "level": row.level,
            "date": _date(row.date),
            "overall": row.overall,
            "achievements": row.achievements,
            "problems": row.problems,
            "direction": row.direction,
            "grade": row.grade,
        }
        for org_id, board in view.reviews.items()
        for row in board.rows
    ]


def pioneers(boards: Boards) -> list[dict[str, Any]]:
    """``pioneers.json``: the pioneer posts as the wall board lists them (no photos, no member ids)."""
    return [
        {
            "branch": branch_id,
            "name": row.name,
            "gender": row.gender,
            "ethnicity": row.ethnicity,
            "education": row.education,
            "post": row.title,
            "duties": row.duties,
            "since": _date(row.since),
        }
        for branch_id, board in boards.pioneers.items()
        for row in board.rows
    ]


def venues(view: YearView) -> list[dict[str, Any]]:
    """``venues.json``: each venue's stars, whether awarded or derived, and its checklist."""
    return [
        {
            "organisation": row.org.id,
            "year": view.year,
            "stars": row.rating.stars or None,
            "awarded": row.rating.awarded,
            "passed": row.rating.passed if row.checks else None,
            "checks": {check.item: check.passed for check in row.checks},
        }
        for row in view.venues.rows
    ]


def classification(view: YearView) -> list[dict[str, Any]]:
    """``classification.json``: each organisation's grade and, for 较差, its rectification."""
    result = []
    for group in view.classification.groups:
        for row in group.rows:
            fix = row.rectification
            result.append(
                {
                    "organisation": row.org.id,
                    "year": view.year,
                    "grade": row.grade,
                    "rectification": {
                        "responsible": fix.responsible,
                        "deadline": _date(fix.deadline),
                        "progress": fix.progress,
                    }
                    if fix
                    else None,
                }
            )
    return result


def duty_reports(view: YearView) -> list[dict[str, Any]]:
    """``duty-reports.json``: each secretary's scores, weighted total and grade."""
    return [
        {
            "organisation": row.org.id,
            "secretary": row.org.secretary,
            "year": view.year,
            "scores": {part.key: _number(part.value) for part in row.rating.parts},
            "score": _number(row.rating.score),
            "grade": row.rating.words,
        }
        for row in view.duty_reports.rows
    ]


def files(boards: Boards, stats: Stats | None = None) -> dict[str, str]:
    """Every open-data file: the current year under ``data/``, each year also under ``data/<year>/``."""
    out: dict[str, str] = {}
    current = boards.registry.site.year
    for year, view in sorted(boards.years.items()):
        prefixes = [f"data/{year}/"] + (["data/"] if year == current else [])
        documents: dict[str, Any] = {
            "summary.json": summary(view),
            "branches.json": branches(boards, view),
            "members.json": members(view),
            "commitments.json": commitments(view),
            "reviews.json": reviews(view),
            "venues.json": venues(view),
            "classification.json": classification(view),
            "duty-reports.json": duty_reports(view),
        }
        if year == current:
            documents["pioneers.json"] = pioneers(boards)
            if stats is not None:
                documents["stats.json"] = stats.as_dict()
        for name, document in documents.items():
            # Compact: the C encoder is ten times faster than the indenting one at county scale.
            text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
            for prefix in prefixes:
                out[prefix + name] = text
    return out
