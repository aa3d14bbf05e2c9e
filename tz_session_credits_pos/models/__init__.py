# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    pos_config,
    pos_order,
    pos_order_line,
    product_product,
    product_template,
    res_partner,
    session_credit,
)
