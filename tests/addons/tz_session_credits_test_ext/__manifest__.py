# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits: test extension (tests only, never shipped)",
    "summary": "Inherits the ledger as any third-party module would, to prove "
    "that the grant path goes through the framework; brings the demo payment "
    "provider for the shop tours",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    # payment_demo: Odoo's demo payment provider, for the shop tours (the
    # shipped addons do not depend on it; tests/test_tours_sale.py enables it)
    "depends": ["tz_session_credits", "payment_demo"],
    "installable": True,
}
