# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Low-balance emails: one per crossing of the event type's threshold."""

from odoo import api, fields, models


class SessionCreditLowBalance(models.Model):
    """A client was told that their balance of one event type is low.

    One row per client, event type and company while the balance stays at or
    below the type's ``low_balance_threshold``: it is what makes the email go
    once per crossing, not on every booking. A grant, a credit given back or
    an extended expiry that lifts the balance above the threshold removes the
    row, so the next booking that brings it down again emails again.

    The row is also what the email template renders (client, type, credits
    left, next expiry). Written by the booking API only.
    """

    _name = "tz.session.credit.low.balance"
    _description = "Low Session Credit Balance"
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="cascade"
    )
    event_type_id = fields.Many2one(
        "tz.session.event.type",
        string="Session Type",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, ondelete="cascade"
    )
    quantity_available = fields.Integer(string="Credits Left", readonly=True)
    next_expiry_date = fields.Date(string="Next Expiry", readonly=True)

    _sql_constraints = [
        (
            "client_type_company_unique",
            "UNIQUE(partner_id, event_type_id, company_id)",
            "A client is told once about a low balance of one session type.",
        ),
    ]

    @api.model
    def _usable_by_key(self, keys):
        """Usable credits and next expiry per (client, type, company) of ``keys``."""
        if not keys:
            return {}
        Credit = self.env["tz.session.credit"].sudo()
        result = Credit._read_group(
            [
                ("partner_id", "in", list({k[0] for k in keys})),
                ("event_type_id", "in", list({k[1] for k in keys})),
                ("company_id", "in", list({k[2] for k in keys})),
                *Credit._usable_domain(),
            ],
            ["partner_id", "event_type_id", "company_id"],
            ["quantity_remaining:sum", "expiry_date:min"],
        )
        return {
            (partner.id, etype.id, company.id): (left, expiry)
            for partner, etype, company, left, expiry in result
        }

    @api.model
    def _after_booking(self, uses, at_least=None):
        """Email the clients whom these new uses leave at or below their
        type's threshold, unless they were told already since their balance
        was last above it. The emails are queued: nothing leaves before the
        commit.

        :param at_least: ``{(client, type, company): n}``, credits the booking
            knows to be still usable today (the grants it locked); a balance
            above its threshold by that count alone needs no reading
        """
        at_least = at_least or {}
        thresholds = {
            etype.id: etype.low_balance_threshold for etype in uses.event_type_id
        }
        keys = {
            key
            for key in {
                (u.partner_id.id, u.event_type_id.id, u.company_id.id) for u in uses
            }
            if 0 < thresholds[key[1]] >= at_least.get(key, 0)
        }
        if not keys:
            return self.browse()
        usable = self._usable_by_key(keys)
        # a booking only lowers a balance: the ones still above their
        # threshold need nothing (grants and give-backs lift, see _reset)
        low = {
            key: usable.get(key, (0, False))
            for key in keys
            if usable.get(key, (0, False))[0] <= thresholds[key[1]]
        }
        if not low:
            return self.browse()
        told = {
            (row.partner_id.id, row.event_type_id.id, row.company_id.id)
            for row in self.sudo().search(
                [
                    ("partner_id", "in", list({k[0] for k in low})),
                    ("event_type_id", "in", list({k[1] for k in low})),
                ]
            )
        }
        vals_list = [
            {
                "partner_id": key[0],
                "event_type_id": key[1],
                "company_id": key[2],
                "quantity_available": left,
                "next_expiry_date": expiry,
            }
            for key, (left, expiry) in sorted(low.items())
            if key not in told
        ]
        alerts = self.sudo().create(vals_list)
        alerts._send_email()
        return alerts

    @api.model
    def _reset(self, credits):
        """The balance of these credits' clients may have risen (a grant, a
        credit given back, a later expiry): forget the low-balance emails of
        those now above their threshold."""
        if not credits:
            return
        rows = self.sudo().search(
            [
                ("partner_id", "in", credits.partner_id.ids),
                ("event_type_id", "in", credits.event_type_id.ids),
            ]
        )
        if not rows:
            return
        usable = self._usable_by_key(
            {(r.partner_id.id, r.event_type_id.id, r.company_id.id) for r in rows}
        )
        rows.filtered(
            lambda r: usable.get(
                (r.partner_id.id, r.event_type_id.id, r.company_id.id), (0, False)
            )[0]
            > r.event_type_id.low_balance_threshold
        ).unlink()

    def _send_email(self):
        if not self:
            return
        template = self.env.ref(
            "tz_session_credits.mail_template_session_credit_low_balance",
            raise_if_not_found=False,
        )
        to_notify = self.filtered(lambda r: r.partner_id.email)
        if template and to_notify:
            # Queued (force_send=False): nothing leaves before the commit.
            template.sudo().send_mail_batch(to_notify.ids, force_send=False)
