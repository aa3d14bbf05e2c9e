# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

SYNC_TRIGGERS = frozenset(
    {
        "session_event_type_id",
        "event_type_id",
        "date_begin",
        "date_end",
        "date_tz",
        "active",
        "name",
    }
)

# what the company check of the session type depends on: ``event.event`` does
# not set ``_check_company_auto`` (Odoo leaves its organizer and venue
# unchecked), so the session type is checked on its own, by the documented
# ``_check_company``
COMPANY_TRIGGERS = frozenset({"session_event_type_id", "event_type_id", "company_id"})


class EventEvent(models.Model):
    _inherit = "event.event"

    session_event_type_id = fields.Many2one(
        "tz.session.event.type",
        string="Session Type",
        compute="_compute_session_event_type_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        help="Registering a client to this class uses one of their credits of "
        "this session type. Defaults from the template.",
    )

    @api.depends("event_type_id")
    def _compute_session_event_type_id(self):
        for event in self:
            if event.event_type_id:
                event.session_event_type_id = event.event_type_id.session_event_type_id
            elif not event.session_event_type_id:
                event.session_event_type_id = False

    def _session_day(self):
        """The class's day where it takes place (its own timezone)."""
        self.ensure_one()
        return fields.Datetime.context_timestamp(
            self.with_context(tz=self.date_tz or "UTC"), self.date_begin
        ).date()

    def _session_registrations(self):
        return (
            self.env["event.registration"]
            .with_context(active_test=False)
            .search([("event_id", "in", self.ids)])
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._check_company(["session_event_type_id"])
        return events

    def write(self, vals):
        res = super().write(vals)
        if COMPANY_TRIGGERS.intersection(vals):
            self._check_company(["session_event_type_id"])
        if SYNC_TRIGGERS.intersection(vals):
            self._session_registrations()._sync_session_credits()
        return res

    def unlink(self):
        Usage = self.env["tz.session.credit.usage"].sudo()
        Usage.search(
            [
                ("registration_id.event_id", "in", self.ids),
                ("state", "in", Usage._LIVE_STATES),
            ]
        )._give_back(late_cancel=False)
        return super().unlink()
