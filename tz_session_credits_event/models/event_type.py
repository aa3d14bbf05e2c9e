# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    session_event_type_id = fields.Many2one(
        "tz.session.event.type",
        string="Session Type",
        help="Classes made from this template use one credit of this session type "
        "per registration.",
    )
