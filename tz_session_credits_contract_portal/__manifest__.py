# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Session Credits: Memberships in the Portal",
    "summary": "Clients see their memberships, with the next period date, and "
    "the period of each membership credit at /my/session_credits",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "license": "AGPL-3",
    "depends": ["tz_session_credits_contract", "tz_session_credits_portal"],
    "data": ["views/portal_templates.xml"],
    "installable": True,
    "auto_install": True,
}
