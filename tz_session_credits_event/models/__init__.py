# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    event_event,
    event_registration,
    event_type,
    res_partner,
    session_credit,
    session_credit_usage,
)
