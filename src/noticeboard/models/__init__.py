"""The registry models, one module per data file kind."""

from .branch import KIND_LABELS, Branch
from .commitment import STATUS_LABELS, Commitment, Update
from .ledger import LedgerEntry
from .member import CATEGORY_LABELS, Member
from .scheme import COMPONENT_LABELS, BranchScheme, LedgerScheme, MemberScheme, Schemes
from .site import Notice, Privacy, Site

__all__ = [
    "CATEGORY_LABELS",
    "COMPONENT_LABELS",
    "KIND_LABELS",
    "STATUS_LABELS",
    "Branch",
    "BranchScheme",
    "Commitment",
    "LedgerEntry",
    "LedgerScheme",
    "Member",
    "MemberScheme",
    "Notice",
    "Privacy",
    "Schemes",
    "Site",
    "Update",
]
