"""Every blueprint of the portal, in one list the factory registers."""

from portal.admin import bp as admin
from portal.feedback import staff_bp as staff_feedback
from portal.feedback import victim_bp as victim_feedback
from portal.guides import bp as guides
from portal.public import bp as public
from portal.review import staff_bp as staff_review
from portal.review import victim_bp as victim_review
from portal.staff import bp as staff
from portal.staff_auth import bp as staff_auth
from portal.supporters import bp as supporters
from portal.victim import bp as victim
from portal.victim.copy import bp as victim_copy
from portal.victim.sharing import bp as victim_sharing
from portal.victim_auth import bp as victim_auth

BLUEPRINTS = [public, victim_auth, victim, staff_auth, staff, admin, guides]
BLUEPRINTS += [supporters, victim_sharing, victim_copy]
BLUEPRINTS += [victim_review, staff_review, victim_feedback, staff_feedback]
