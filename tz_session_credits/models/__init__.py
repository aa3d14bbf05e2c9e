from . import (
    calendar_event,
    res_partner,
    session_credit,
    session_credit_balance,
    session_credit_change,
    session_credit_extension,
    session_credit_grant,
    session_credit_low_balance,
    session_credit_reminder,
    session_credit_revocation,
    session_credit_usage,
    session_event_type,
)
