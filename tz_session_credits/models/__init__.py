from . import res_partner, session_credit, session_credit_balance, session_event_type
