# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits: Sales",
    "summary": "Sell session packs: confirming a sale order grants session credits, "
    "cancelling or refunding it revokes the unused ones",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "license": "LGPL-3",
    "depends": ["tz_session_credits", "sale"],
    "data": [
        "views/product_template_views.xml",
        "views/session_credit_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
    ],
    "demo": ["demo/session_credits_sale_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "tz_session_credits_sale/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "auto_install": True,
}
