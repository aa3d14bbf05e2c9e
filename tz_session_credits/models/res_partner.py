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


class ClientsIn(SQL):
    """The value of a domain leaf ``("id", "=", ClientsIn(ids))``: the clients
    whose id is in the array constant ``ids`` (or not, with ``negate``).

    ``res.partner._condition_to_sql`` writes it. A few ids are a plain
    ``id = ANY(ids)``, which the planner sizes exactly and serves from the
    primary key. Thousands of them are wrapped in a ``CASE``: the planner then
    does not estimate the array element by element (≈ 10 ms per query at
    50,000 ids), and PostgreSQL still hashes the array once per query. Its
    own SQL is invalid on purpose: no other model may take it for ``id``.
    """

    __slots__ = ("ids", "negate")
    EXACT = 1000  # ids up to which the planner is given the exact form

    def __init__(self, ids, negate=False):
        super().__init__("ClientsIn is written by res.partner only")
        self.ids = ids
        self.negate = negate

    def condition(self, column):
        if self.ids.count(",") < self.EXACT:
            return SQL(
                "%s %s %s(%s::int[])",
                column,
                SQL("<>" if self.negate else "="),
                SQL("ALL" if self.negate else "ANY"),
                self.ids,
            )
        inside, outside = ("FALSE", "TRUE") if self.negate else ("TRUE", "FALSE")
        return SQL(
            "(CASE WHEN %s = ANY(%s::int[]) THEN %s ELSE %s END)",
            column,
            self.ids,
            SQL(inside),
            SQL(outside),
        )


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

    _SESSION_CREDIT_TOTALS_MEMO = "tz_session_credits.totals"

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        """The list view's search and its count read the same balances: they
        are aggregated once for the request (see ``_session_credit_totals``)."""
        memo = self.env.cr.cache
        owner = self._SESSION_CREDIT_TOTALS_MEMO not in memo
        if owner:
            memo[self._SESSION_CREDIT_TOTALS_MEMO] = {}
        try:
            return super().web_search_read(
                domain,
                specification,
                offset=offset,
                limit=limit,
                order=order,
                count_limit=count_limit,
            )
        finally:
            if owner:
                memo.pop(self._SESSION_CREDIT_TOTALS_MEMO, None)

    def _session_credit_totals(self):
        """The clients that have credits usable today, grouped by how many:
        a list of ``(total, '{ids}')``, the ids as an array constant, the most
        common total first.

        One aggregate query, built by the ORM from ``_usable_domain`` (the same
        definition as the compute) with the user's access rights and record
        rules. Sorting and filtering the contacts list then use its result as
        constants (``_session_credits_sql``, ``_search_session_credits_available``):
        no join to the ledger, so no plan that depends on how fresh the
        ledger's statistics are. Within one ``web_search_read`` (a search and
        its count) it runs once.
        """
        Credit = self.env["tz.session.credit"]
        memo = self.env.cr.cache.get(self._SESSION_CREDIT_TOTALS_MEMO)
        key = (
            self.env.uid,
            self.env.su,
            tuple(self.env.companies.ids),
            Credit._today(),
        )
        if memo is not None and key in memo:
            return memo[key]
        Credit.flush_model(["partner_id", "quantity_remaining", "expiry_date"])
        query = Credit._search(Credit._usable_domain())
        partner = SQL.identifier(Credit._table, "partner_id")
        total = SQL("SUM(%s)", SQL.identifier(Credit._table, "quantity_remaining"))
        query.groupby = partner
        totals = self.env.execute_query(
            SQL(
                "SELECT t.s, array_agg(t.p)::text FROM (%s) t(p, s) "
                "GROUP BY t.s ORDER BY count(*) DESC, t.s",
                query.select(partner, total),
            )
        )
        if memo is not None:
            memo[key] = totals
        return totals

    def _session_credits_sql(self, alias):
        """The credits usable today of the client ``alias.id``, as an SQL
        expression over constants: one hashed lookup per distinct total."""
        partner_id = SQL.identifier(alias, "id")
        branches = [
            SQL("WHEN %s = ANY(%s::int[]) THEN %s", partner_id, ids, total)
            for total, ids in self._session_credit_totals()
        ]
        if not branches:
            return SQL("0")
        return SQL("(CASE %s ELSE 0 END)", SQL(" ").join(branches))

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        if fname != "session_credits_available":
            return super()._field_to_sql(alias, fname, query, flush)
        self.check_field_access_rights("read", [fname])
        return self._session_credits_sql(alias)

    def _search_session_credits_available(self, operator, value):
        if (
            operator not in OPERATORS
            or isinstance(value, bool)
            or not isinstance(value, int | float)
        ):
            raise UserError(_("Unsupported search on available session credits."))
        self.check_field_access_rights("read", ["session_credits_available"])
        test = OPERATORS[operator]
        totals = self._session_credit_totals()
        # a client without usable credits has 0: does 0 match?
        if test(0, value):
            # all but the clients with credits that do not match
            others = [ids for total, ids in totals if not test(total, value)]
            return [("id", "=", ClientsIn(self._join_id_arrays(others), negate=True))]
        matching = [ids for total, ids in totals if test(total, value)]
        return [("id", "=", ClientsIn(self._join_id_arrays(matching)))]

    def _condition_to_sql(self, alias, fname, operator, value, query):
        if isinstance(value, ClientsIn):
            return value.condition(SQL.identifier(alias, "id"))
        return super()._condition_to_sql(alias, fname, operator, value, query)

    @api.model
    def _join_id_arrays(self, arrays):
        """One array constant of the ids of several (``'{1,2}'``, ``'{3}'``)."""
        return "{" + ",".join(array[1:-1] for array in arrays) + "}"

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
            raise UserError(_("event_type_id must be the id of an event type."))
        event_type = self.env["tz.session.event.type"].browse(event_type_id)
        credits = Credit._grant(
            self, event_type, quantity, expiry_date=expiry_date, note=note
        )
        return credits.ids
