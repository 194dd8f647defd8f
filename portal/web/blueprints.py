"""Every blueprint of the portal, in one list the factory registers: one journey a line."""

from portal.public import bp as public
from portal.public.guides import bp as guides
from portal.staff import bp as staff
from portal.staff.admin import bp as admin
from portal.staff.auth import bp as staff_auth
from portal.staff.feedback import bp as staff_feedback
from portal.staff.review import bp as staff_review
from portal.supporter import bp as supporter
from portal.victim import bp as victim
from portal.victim.auth import bp as victim_auth
from portal.victim.copy import bp as victim_copy
from portal.victim.feedback import bp as victim_feedback
from portal.victim.review import bp as victim_review
from portal.victim.sharing import bp as victim_sharing

BLUEPRINTS = [public, guides]
BLUEPRINTS += [victim_auth, victim, victim_sharing, victim_copy, victim_review, victim_feedback]
BLUEPRINTS += [supporter]
BLUEPRINTS += [staff_auth, staff, staff_review, staff_feedback, admin]
