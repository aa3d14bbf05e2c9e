# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits for Events: paid tickets",
    "summary": "A class registration paid with its own ticket uses no session credit",
    "version": "18.0.1.0.0",
    "category": "Marketing/Events",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "license": "LGPL-3",
    "depends": ["tz_session_credits_event", "event_sale"],
    "installable": True,
    "auto_install": True,
}
