# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits for Events",
    "summary": "Group classes in the Events app use session credits, "
    "with a late-cancellation policy",
    "version": "18.0.1.0.0",
    "category": "Marketing/Events",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "license": "LGPL-3",
    "depends": ["tz_session_credits", "event"],
    "data": [
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/event_type_views.xml",
        "views/event_event_views.xml",
        "views/event_registration_views.xml",
        "views/session_credit_usage_views.xml",
    ],
    "demo": ["demo/event_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "tz_session_credits_event/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "auto_install": True,
}
