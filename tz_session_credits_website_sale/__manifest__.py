# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits: Online Shop",
    "summary": "Sell session packs in the online shop: the payment confirms the "
    "order and the credits appear on the client's card",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "license": "LGPL-3",
    # no payment provider of its own: `make run` enables Odoo's demo one in
    # the demo database (scripts/demo_payment.py)
    "depends": ["tz_session_credits_sale", "website_sale"],
    "data": ["views/website_sale_templates.xml"],
    "demo": ["demo/website_sale_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "tz_session_credits_website_sale/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "auto_install": True,
}
