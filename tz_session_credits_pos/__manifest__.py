# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits: Point of Sale",
    "summary": "Sell session packs at the Point of Sale: a paid order grants "
    "session credits, a refund revokes the unused ones, and the cashier sees "
    "the client's credits",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "license": "LGPL-3",
    "depends": ["tz_session_credits_sale", "point_of_sale"],
    "data": [
        "data/pos_category_data.xml",
        "views/session_credit_views.xml",
        "views/pos_order_views.xml",
    ],
    "demo": ["demo/session_credits_pos_demo.xml"],
    "assets": {
        "point_of_sale._assets_pos": [
            "tz_session_credits_pos/static/src/**/*",
        ],
        "web.assets_tests": [
            "tz_session_credits_pos/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
    "auto_install": True,
}
