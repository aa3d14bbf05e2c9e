from . import session_event_type
from . import session_credit
from . import session_credit_balance
from . import res_partner
