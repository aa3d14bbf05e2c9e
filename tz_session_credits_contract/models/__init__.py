# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    account_move,
    account_move_line,
    contract_contract,
    contract_line,
    product_template,
    res_partner,
    session_credit,
)
