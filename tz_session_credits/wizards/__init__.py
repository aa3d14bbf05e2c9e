from . import session_credit_add, session_credit_extend
