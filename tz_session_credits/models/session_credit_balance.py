# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools


class SessionCreditBalance(models.Model):
    """One row per client, session type and company that has credits.

    The rows come from the ledger (an SQL view); the figures that depend on
    "today" (available, next expiry) are computed at read time in the user's
    timezone, so they are exact whether or not the daily expiry run has passed.
    """

    _name = "tz.session.credit.balance"
    _description = "Session Credit Balance"
    _auto = False
    _order = "event_type_id"
    _rec_name = "event_type_id"
    _depends = {
        "tz.session.credit": [
            "partner_id",
            "event_type_id",
            "company_id",
            "quantity",
            "quantity_used",
            "quantity_revoked",
        ],
    }

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    event_type_id = fields.Many2one(
        "tz.session.event.type", string="Session Type", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    quantity_granted = fields.Integer(string="Granted", readonly=True)
    quantity_used = fields.Integer(string="Used", readonly=True)
    # taken back by the flow that delivered them (a cancelled or refunded sale)
    quantity_revoked = fields.Integer(string="Revoked", readonly=True)
    quantity_available = fields.Integer(
        string="Available", compute="_compute_today_figures"
    )
    quantity_expired = fields.Integer(
        string="Expired", compute="_compute_today_figures"
    )
    next_expiry_date = fields.Date(
        string="Next Expiry", compute="_compute_today_figures"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT MIN(c.id) AS id,
                       c.partner_id,
                       c.event_type_id,
                       c.company_id,
                       SUM(c.quantity) AS quantity_granted,
                       SUM(c.quantity_used) AS quantity_used,
                       SUM(c.quantity_revoked) AS quantity_revoked
                  FROM tz_session_credit c
              GROUP BY c.partner_id, c.event_type_id, c.company_id
            )"""
        )

    @api.depends_context("uid", "allowed_company_ids", "tz")
    def _compute_today_figures(self):
        Credit = self.env["tz.session.credit"]
        domain = [
            ("partner_id", "in", self.partner_id.ids),
            ("event_type_id", "in", self.event_type_id.ids),
        ]
        groupby = ["partner_id", "event_type_id", "company_id"]
        usable = {
            (partner.id, etype.id, company.id): (available, next_expiry)
            for partner, etype, company, available, next_expiry in Credit._read_group(
                [*domain, *Credit._usable_domain()],
                groupby,
                ["quantity_remaining:sum", "expiry_date:min"],
            )
        }
        expired = {
            (partner.id, etype.id, company.id): quantity
            for partner, etype, company, quantity in Credit._read_group(
                [*domain, ("state", "=", "expired")],
                groupby,
                ["quantity_remaining:sum"],
            )
        }
        for balance in self:
            key = (
                balance.partner_id.id,
                balance.event_type_id.id,
                balance.company_id.id,
            )
            balance.quantity_available, balance.next_expiry_date = usable.get(
                key, (0, False)
            )
            balance.quantity_expired = expired.get(key, 0)
