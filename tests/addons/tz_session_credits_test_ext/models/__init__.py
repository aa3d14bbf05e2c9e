from . import session_credit
