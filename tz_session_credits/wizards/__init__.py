from . import session_credit_add
