"""All models, imported here so that Alembic and the app see one complete metadata."""

from portal.data.models.audit import AuditAddress, AuditChainHead, AuditEvent
from portal.data.models.base import Base, utcnow
from portal.data.models.belongings import PropertyItem
from portal.data.models.cases import (
    Case,
    CaseStatus,
    Message,
    MessageKind,
    Obligation,
    OfferResponse,
    OfficerChange,
    RightsRecord,
    Update,
)
from portal.data.models.notifications import Notification, NotificationStatus
from portal.data.models.pauses import ContactPause, PauseAbout, PauseChoice
from portal.data.models.records import ApiNonce, JobRun, RecordsEvent, RecordsOutcome
from portal.data.models.records_requests import RecordsAnswer, RecordsHolder, RecordsRequest
from portal.data.models.reissues import AccessReissue, ReissueReason, ReissueStatus
from portal.data.models.safety import Release, SafetyRecord, SafetyReport
from portal.data.models.service_feedback import ItWorked, ServiceFeedback
from portal.data.models.sessions import AuthSession
from portal.data.models.staff import (
    ChangeKind,
    ChangeOutcome,
    StaffChange,
    StaffRole,
    StaffUser,
    Team,
)
from portal.data.models.supporters import ShareScope, Supporter, SupporterKind, SupportGrant
from portal.data.models.victims import Channel, Terminology, Victim
from portal.data.models.voice import (
    Clarity,
    ComplaintRequest,
    ExperienceCheck,
    ReviewOutcome,
    ReviewRequest,
    UpdateFeedback,
)

__all__ = [
    "AccessReissue",
    "ApiNonce",
    "AuditAddress",
    "AuditChainHead",
    "AuditEvent",
    "AuthSession",
    "Base",
    "Case",
    "CaseStatus",
    "ChangeKind",
    "ChangeOutcome",
    "Channel",
    "Clarity",
    "ComplaintRequest",
    "ContactPause",
    "ExperienceCheck",
    "ItWorked",
    "JobRun",
    "Message",
    "MessageKind",
    "Notification",
    "NotificationStatus",
    "Obligation",
    "OfferResponse",
    "OfficerChange",
    "PauseAbout",
    "PauseChoice",
    "PropertyItem",
    "RecordsAnswer",
    "RecordsEvent",
    "RecordsHolder",
    "RecordsOutcome",
    "RecordsRequest",
    "ReissueReason",
    "ReissueStatus",
    "Release",
    "ReviewOutcome",
    "ReviewRequest",
    "RightsRecord",
    "SafetyRecord",
    "SafetyReport",
    "ServiceFeedback",
    "ShareScope",
    "StaffChange",
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
