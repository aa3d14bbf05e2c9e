# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from operator import eq, ge, gt, le, lt, ne

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

OPERATORS = {
    "=": eq,
    "!=": ne,
    ">": gt,
    ">=": ge,
    "<": lt,
    "<=": le,
}
NEGATIONS = {"=": "!=", "!=": "=", ">": "<=", ">=": "<", "<": ">=", "<=": ">"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    session_credit_ids = fields.One2many(
        "tz.session.credit", "partner_id", string="Session Credits"
    )
    session_credit_balance_ids = fields.One2many(
        "tz.session.credit.balance",
        string="Session Credit Balances",
        compute="_compute_session_credit_balance_ids",
    )
    session_credit_usage_ids = fields.One2many(
        "tz.session.credit.usage", "partner_id", string="Session Credit Uses"
    )
    session_credit_expiring_soon = fields.Boolean(
        string="Credits Expiring Soon",
        compute="_compute_session_credit_expiring_soon",
        search="_search_session_credit_expiring_soon",
        groups="base.group_user",
        help="Has usable credits that expire within 7 days.",
    )
    session_credits_available = fields.Integer(
        string="Credits",
        compute="_compute_session_credits_available",
        search="_search_session_credits_available",
        groups="base.group_user",
        help="Session credits this client can use today, all session types together: "
        "not expired, not used.",
    )

    @api.depends("session_credit_ids.quantity_remaining")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_session_credit_balance_ids(self):
        balances = self.env["tz.session.credit.balance"].search(
            [("partner_id", "in", self.ids)]
        )
        by_partner = balances.grouped("partner_id")
        empty = balances.browse()
        for partner in self:
            partner.session_credit_balance_ids = by_partner.get(partner._origin, empty)

    @api.depends(
        "session_credit_ids.quantity_remaining", "session_credit_ids.expiry_date"
    )
    @api.depends_context("uid", "allowed_company_ids", "tz")
    def _compute_session_credits_available(self):
        Credit = self.env["tz.session.credit"]
        counts = dict(
            Credit._read_group(
                [("partner_id", "in", self.ids), *Credit._usable_domain()],
                ["partner_id"],
                ["quantity_remaining:sum"],
            )
        )
        for partner in self:
            partner.session_credits_available = counts.get(partner._origin, 0)

    def _expiring_soon_domain(self, days=7):
        Credit = self.env["tz.session.credit"]
        today = Credit._today()
        return [
            *Credit._usable_domain(today),
            ("expiry_date", "<=", today + timedelta(days=days)),
        ]

    @api.depends(
        "session_credit_ids.quantity_remaining", "session_credit_ids.expiry_date"
    )
    @api.depends_context("uid", "allowed_company_ids", "tz")
    def _compute_session_credit_expiring_soon(self):
        Credit = self.env["tz.session.credit"]
        expiring = {
            partner
            for [partner] in Credit._read_group(
                [("partner_id", "in", self.ids), *self._expiring_soon_domain()],
                ["partner_id"],
            )
        }
        for partner in self:
            partner.session_credit_expiring_soon = partner._origin in expiring

    def _search_session_credit_expiring_soon(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on credits expiring soon."))
        # staff only, like the field (clients read their own credits, not
        # other contacts' balances)
        self.check_field_access_rights("read", ["session_credit_expiring_soon"])
        domain = [("session_credit_ids", "any", self._expiring_soon_domain())]
        return domain if (operator == "=") == value else ["!", *domain]

    def _search_session_credits_available(self, operator, value):
        """The clients whose credits usable today compare to ``value``: one
        aggregate of the ledger (the user's record rules apply), as a domain
        on ``id``. A client without usable credits has 0."""
        if (
            operator not in OPERATORS
            or isinstance(value, bool)
            or not isinstance(value, int | float)
        ):
            raise UserError(_("Unsupported search on available session credits."))
        self.check_field_access_rights("read", ["session_credits_available"])
        Credit = self.env["tz.session.credit"]
        # does 0 match? then every client but those with credits that do not
        matches_zero = OPERATORS[operator](0, value)
        # totals are whole and never negative: when every total from 1 up
        # compares as 1 does, the question is only "has a usable credit", an
        # EXISTS on the ledger (the list's usual filter, "> 0"): no aggregate
        # of every client's credits
        compare = OPERATORS[operator]
        if compare(1, value) != matches_zero and (
            operator in (">", ">=", "<", "<=") or value == 0
        ):
            return [
                (
                    "session_credit_ids",
                    "not any" if matches_zero else "any",
                    Credit._usable_domain(),
                )
            ]
        having_operator = NEGATIONS[operator] if matches_zero else operator
        groups = Credit._read_group(
            Credit._usable_domain(),
            ["partner_id"],
            having=[("quantity_remaining:sum", having_operator, value)],
        )
        ids = [partner.id for [partner] in groups]
        return [("id", "not in" if matches_zero else "in", ids)]

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """Sorting by the credits usable today: the ledger aggregated once per
        client (the user's record rules apply) and joined to the clients."""
        if field_name != "session_credits_available":
            return super()._order_field_to_sql(
                alias, field_name, direction, nulls, query
            )
        self.check_field_access_rights("read", [field_name])
        Credit = self.env["tz.session.credit"]
        credits = Credit._search(Credit._usable_domain())
        partner = SQL.identifier(Credit._table, "partner_id")
        credits.groupby = partner
        totals = query.make_alias(alias, "session_credits")
        query.add_join(
            "LEFT JOIN",
            totals,
            SQL(
                "(%s)",
                credits.select(
                    SQL("%s AS partner_id", partner),
                    SQL(
                        "SUM(%s) AS total",
                        SQL.identifier(Credit._table, "quantity_remaining"),
                    ),
                ),
            ),
            SQL(
                "%s = %s",
                SQL.identifier(totals, "partner_id"),
                SQL.identifier(alias, "id"),
            ),
        )
        return SQL(
            "COALESCE(%s, 0) %s %s", SQL.identifier(totals, "total"), direction, nulls
        )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any("meeting_ids" in vals for vals in vals_list):
            partners.meeting_ids._sync_session_credits()
        return partners

    def write(self, vals):
        """Booking a client from the contact's side (``meeting_ids``, the same
        attendee table as ``calendar.event.partner_ids``) books and gives back
        credits exactly as from the event's side."""
        if "meeting_ids" not in vals:
            return super().write(vals)
        before = self.sudo().meeting_ids
        res = super().write(vals)
        (before | self.sudo().meeting_ids)._sync_session_credits()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_session_credits(self):
        with_credits = (
            self.sudo().session_credit_ids.partner_id
            | self.sudo().session_credit_usage_ids.partner_id
        ) & self
        if with_credits:
            raise UserError(
                _(
                    "These clients have session credits and cannot be deleted; "
                    "archive them instead: %s",
                    ", ".join(with_credits.mapped("display_name")),
                )
            )

    def _session_credits_portal_url(self):
        """Where this client sees their credits online, for the emails; False
        without a portal (``tz_session_credits_portal`` gives the page)."""
        self.ensure_one()
        return False

    def _session_credits_buy_url(self):
        """Where this client buys credits online, for the portal page: False
        without an online shop (``tz_session_credits_website_sale`` gives
        it)."""
        self.ensure_one()
        return False

    def _session_waitlist_entries(self):
        """What this client waits for a seat in, for the portal: a list of
        dicts with ``key`` (what ``_session_waitlist_leave`` takes), ``name``,
        ``date`` (UTC), ``tz``, ``position`` (1 = next) and ``url`` (the
        session's page, or False). None here: a consumer with a waitlist
        (``tz_session_credits_event``) gives them."""
        self.ensure_one()
        return []

    def _session_waitlist_leave(self, key):
        """Take this client off the waitlist entry ``key`` (one of
        ``_session_waitlist_entries``); nothing is charged.

        :return: whether the client was on it
        """
        self.ensure_one()
        return False

    def action_open_add_session_credits(self):
        """The client card's "+ Add" button: the wizard, for these clients."""
        self.env["tz.session.credit"]._check_grant_right()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "tz_session_credits.tz_session_credit_add_action"
        )
        action["context"] = {
            "active_model": "res.partner",
            "active_ids": self.ids,
            "active_id": self[:1].id,
        }
        return action

    def action_view_session_credits(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "tz_session_credits.tz_session_credit_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "search_default_available": 1,
        }
        return action

    def add_session_credits(
        self, event_type_id, quantity, expiry_date=False, note=False
    ):
        """Public API (RPC): add credits to every partner of ``self``.

        :param int event_type_id: a ``tz.session.event.type`` id
        :param int quantity: credits per client, 1 to 1,000
        :param expiry_date: last usable day (``YYYY-MM-DD``), or False for none
        :param note: optional text kept on each credit
        :return: the ids of the created ``tz.session.credit`` records
        """
        Credit = self.env["tz.session.credit"]
        Credit._check_grant_right()
        if isinstance(event_type_id, bool) or not isinstance(event_type_id, int):
            raise UserError(_("event_type_id must be the id of a session type."))
        event_type = self.env["tz.session.event.type"].browse(event_type_id)
        credits = Credit._grant(
            self, event_type, quantity, expiry_date=expiry_date, note=note
        )
        return credits.ids
