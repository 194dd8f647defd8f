"""All models, imported here so that Alembic and the app see one complete metadata."""

from portal.models.audit import AuditEvent
from portal.models.base import Base, utcnow
from portal.models.cases import (
    Case,
    CaseStatus,
    Message,
    MessageKind,
    Obligation,
    OfferResponse,
    RightsRecord,
    Update,
)
from portal.models.notifications import Notification, NotificationStatus
from portal.models.sessions import AuthSession
from portal.models.staff import StaffRole, StaffUser, Team
from portal.models.supporters import ShareScope, Supporter, SupporterKind, SupportGrant
from portal.models.victims import Channel, Terminology, Victim
from portal.models.voice import (
    Clarity,
    ComplaintRequest,
    ExperienceCheck,
    ReviewOutcome,
    ReviewRequest,
    UpdateFeedback,
)

__all__ = [
    "AuditEvent",
    "AuthSession",
    "Base",
    "Case",
    "CaseStatus",
    "Channel",
    "Clarity",
    "ComplaintRequest",
    "ExperienceCheck",
    "Message",
    "MessageKind",
    "Notification",
    "NotificationStatus",
    "Obligation",
    "OfferResponse",
    "ReviewOutcome",
    "ReviewRequest",
    "RightsRecord",
    "ShareScope",
    "StaffRole",
    "StaffUser",
    "SupportGrant",
    "Supporter",
    "SupporterKind",
    "Team",
    "Terminology",
    "Update",
    "UpdateFeedback",
    "Victim",
    "utcnow",
]
