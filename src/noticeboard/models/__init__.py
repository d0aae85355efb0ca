"""The registry models, one module per data file kind."""

from .branch import KIND_LABELS, Branch
from .commitment import STATUS_LABELS, Commitment, Update
from .ledger import LedgerEntry
from .member import CATEGORY_LABELS, Member, Post
from .organisation import GRADES, Rectification, Venue
from .review import LEVEL_LABELS, Review, Reviewer
from .scheme import (
    COMPONENT_LABELS,
    BranchScheme,
    DutyReportScheme,
    LedgerScheme,
    MemberScheme,
    Schemes,
    VenueScheme,
)
from .site import Notice, Privacy, Site

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
