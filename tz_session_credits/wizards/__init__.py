from . import selection_mixin, session_credit_add, session_credit_extend
