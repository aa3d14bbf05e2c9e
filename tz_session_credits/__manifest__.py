# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits",
    "summary": "Give clients prepaid or free session credits per session type, "
    "one client or many at once",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "license": "LGPL-3",
    "depends": ["contacts", "calendar"],
    "data": [
        "security/session_credits_groups.xml",
        "security/ir.model.access.csv",
        "security/session_credits_rules.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/session_event_type_views.xml",
        "views/session_credit_views.xml",
        "views/session_credit_usage_views.xml",
        "views/calendar_event_views.xml",
        "views/res_partner_views.xml",
        "wizards/session_credit_add_views.xml",
        "wizards/session_credit_extend_views.xml",
        "views/menus.xml",
        "views/session_credit_report_views.xml",
    ],
    "demo": ["demo/session_credits_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "tz_session_credits/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": True,
}
