# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits: Client Portal",
    "summary": "Clients see their session credits, history and upcoming "
    "sessions in the portal (/my/session_credits)",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "license": "LGPL-3",
    "depends": ["tz_session_credits", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/session_credits_portal_rules.xml",
        "views/portal_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "tz_session_credits_portal/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "auto_install": True,
}
