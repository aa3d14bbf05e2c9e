# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Session Credits: test extension (tests only, never shipped)",
    "summary": "Inherits the ledger as any third-party module would, to prove "
    "that the grant path goes through the framework",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "TZ Session Credits",
    "website": "https://github.com/tz-session-credits/tz_session_credits",
    "depends": ["tz_session_credits"],
    "installable": True,
}
