# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits for Events: tickets in the shop",
    "summary": "A class ticket paid with a session credit says so, not 'Free'",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "license": "LGPL-3",
    "depends": ["tz_session_credits_website_event", "website_event_sale"],
    "data": ["views/event_templates.xml"],
    "installable": True,
    "auto_install": True,
}
