"""The registry models, one module per data file kind."""

from noticeboard.registries.models.branch import KIND_LABELS, Branch
from noticeboard.registries.models.commitment import STATUS_LABELS, Commitment, Update
from noticeboard.registries.models.ledger import LedgerEntry
from noticeboard.registries.models.member import CATEGORY_LABELS, Member, Post
from noticeboard.registries.models.organisation import GRADES, Rectification, Venue
from noticeboard.registries.models.review import LEVEL_LABELS, Review, Reviewer
from noticeboard.registries.models.scheme import (
    COMPONENT_LABELS,
    BranchScheme,
    DutyReportScheme,
    LedgerScheme,
    MemberScheme,
    Schemes,
    VenueScheme,
)
from noticeboard.registries.models.site import Notice, Privacy, Site

__all__ = [
    "CATEGORY_LABELS",
    "COMPONENT_LABELS",
    "GRADES",
    "KIND_LABELS",
    "LEVEL_LABELS",
    "STATUS_LABELS",
    "Branch",
    "BranchScheme",
    "Commitment",
    "DutyReportScheme",
    "LedgerEntry",
    "LedgerScheme",
    "Member",
    "MemberScheme",
    "Notice",
    "Post",
    "Privacy",
    "Rectification",
    "Review",
    "Reviewer",
    "Schemes",
    "Site",
    "Update",
    "Venue",
    "VenueScheme",
]
