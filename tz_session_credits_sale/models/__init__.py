# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import product_template
from . import session_credit
from . import sale_order
from . import sale_order_line
from . import account_move
