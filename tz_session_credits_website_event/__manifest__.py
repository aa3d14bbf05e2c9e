# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits for Events: website",
    "summary": "Clients register for credit classes on the website with their "
    "session credits",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "license": "LGPL-3",
    "depends": ["tz_session_credits_event", "website_event"],
    "data": ["views/event_templates.xml"],
    "demo": ["demo/event_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "tz_session_credits_website_event/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "auto_install": True,
}
