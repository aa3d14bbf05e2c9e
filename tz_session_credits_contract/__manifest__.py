# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Session Credits: Memberships",
    "summary": "Memberships on OCA's contracts: each invoiced period of a "
    "recurring plan grants its session credits, with rollover and freeze",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    # AGPL-3, like the OCA contract addons it extends
    "license": "AGPL-3",
    "depends": [
        "tz_session_credits_sale",
        "product_contract",
        "contract_termination",
        "contract_line_successor",
    ],
    "data": [
        "views/product_template_views.xml",
        "views/session_credit_views.xml",
        "views/contract_views.xml",
        "views/res_partner_views.xml",
    ],
    "demo": ["demo/session_credits_contract_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "tz_session_credits_contract/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "auto_install": True,
}
