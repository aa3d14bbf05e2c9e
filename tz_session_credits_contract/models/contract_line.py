# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A membership line of a contract: the periods its posted invoices paid for
grant their credits (once each), the previous period's unused credits roll
over, a suspension freezes the credits' expiry."""

import itertools
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

# above this many grants in the previous period, the rollover picks them
# greedily instead of trying every combination (a period grants one or two)
ROLLOVER_EXACT_MAX = 8


class ContractLine(models.Model):
    _inherit = "contract.line"

    session_credit_ids = fields.One2many(
        "tz.session.credit",
        "contract_line_id",
        string="Session Credits",
        readonly=True,
    )
    # related fields compute as superuser: readable by whoever reads the line
    # (a portal client, who cannot read products)
    session_credit_event_type_id = fields.Many2one(
        related="product_id.session_credit_event_type_id", string="Session Type"
    )
    session_credits_per_period = fields.Integer(
        string="Credits per Period",
        compute="_compute_session_credits_per_period",
        compute_sudo=True,
        help="The credits each invoiced period of this membership grants.",
    )
    session_credits_granted_until = fields.Date(
        string="Credits Granted Through",
        readonly=True,
        copy=False,
        help="The last day of the latest period of this membership line whose "
        "credits were granted (its invoice was posted).",
    )

    @api.depends("product_id", "quantity", "uom_id")
    def _compute_session_credits_per_period(self):
        for line in self:
            product = line.product_id
            if not product.session_credit_event_type_id or line.display_type:
                line.session_credits_per_period = 0
                continue
            qty = line.uom_id._compute_quantity(
                line.quantity, product.uom_id, rounding_method="HALF-UP"
            )
            line.session_credits_per_period = round(
                qty * product.session_credit_quantity
            )

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------

    def _is_session_credit_membership(self):
        self.ensure_one()
        return bool(
            not self.display_type
            and self.product_id.product_tmpl_id._session_credit_is_membership()
        )

    @api.constrains("product_id", "contract_id")
    def _check_session_credit_membership_company(self):
        for line in self.filtered(lambda line: line._is_session_credit_membership()):
            line.contract_id._check_session_credit_membership_company(line)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_session_credits(self):
        lines = self.sudo().filtered("session_credit_ids")
        if lines:
            raise UserError(
                _(
                    "The membership lines of %s granted session credits: they "
                    "stay in their history. Stop or terminate the contract "
                    "instead.",
                    ", ".join(lines.contract_id.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # The period an invoice line pays for
    # ------------------------------------------------------------------

    def _prepare_invoice_line(self):
        """The invoice line says which period of this line it pays for: the
        period the contract invoices now (the stack's own
        ``_get_period_to_invoice``, as its ``_prepare_invoice_line`` reads it)."""
        vals = super()._prepare_invoice_line()
        if vals and not self.display_type:
            first, last, __ = self._get_period_to_invoice(
                self.last_date_invoiced, self.recurring_next_date
            )
            vals["contract_period_start"] = first
            vals["contract_period_end"] = last
        return vals

    # ------------------------------------------------------------------
    # Grants: every invoiced period once
    # ------------------------------------------------------------------

    def _session_credits_lock(self):
        """Serialize every grant, rollover and credit note of these lines:
        the second of two concurrent posts waits here, and under REPEATABLE
        READ fails with a serialization error once the first one has written
        the line (``session_credits_granted_until``); Odoo retries it, and
        the retry sees the first one's credits."""
        if self:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE",
                    SQL.identifier(self._table),
                    tuple(sorted(self.ids)),
                )
            )

    def _session_credits_chain(self):
        """This line and the lines it continues (a suspension or a renewal
        plans a successor line): one membership."""
        chain = self
        earlier = self.predecessor_contract_line_id - chain
        while earlier:
            chain |= earlier
            earlier = earlier.predecessor_contract_line_id - chain
        return chain

    def _session_credits_grants_period(self, period_start):
        """A canceled line, or a period after the line's end (stopped,
        terminated, ended), grants nothing."""
        self.ensure_one()
        if self.is_canceled:
            return False
        if self.date_end and period_start > self.date_end:
            return False
        contract = self.contract_id
        return not (
            contract.is_terminated
            and contract.terminate_date
            and period_start > contract.terminate_date
        )

    @api.model
    def _session_credits_expiry(self, product, period_start, period_end, today):
        """The last day of a period's credits: the period's end, or the
        product's own validity (from the period's start) when it sets one;
        never before today (an invoice posted late)."""
        if product.session_credit_validity_unit in (False, "none"):
            expiry = period_end
        else:
            expiry = product._session_credit_expiry(max(period_start, today))
        return max(expiry, today)

    def _session_credits_grant(self, invoice_lines):
        """Grant the credits of the periods ``invoice_lines`` (posted invoice
        lines of these membership lines) paid for, each period once: a period
        already granted (the invoice posted again, a copy of it, a concurrent
        post) grants nothing more. Called as superuser by the invoice's
        posting, once the user posted it.

        :return: the credits granted
        """
        Credit = self.env["tz.session.credit"]
        lines = invoice_lines.contract_line_id
        lines._session_credits_lock()
        today = Credit._today()
        # the periods granted so far, of these lines and the lines they
        # continue (for the rollover), in one query
        chains = {line: line._session_credits_chain() for line in lines}
        periods = defaultdict(set)
        for credit in Credit.search_fetch(
            [("contract_line_id", "in", lines.union(*chains.values()).ids)],
            ["contract_line_id", "contract_period_start"],
        ):
            periods[credit.contract_line_id].add(credit.contract_period_start)
        granted = {(line.id, start) for line in lines for start in periods[line]}
        vals_list, granted_until = [], {}
        for aml in invoice_lines.sorted(
            lambda aml: (aml.contract_period_start, aml.contract_line_id.id, aml.id)
        ):
            line, start = aml.contract_line_id, aml.contract_period_start
            end = aml.contract_period_end
            if (line.id, start) in granted or not line._session_credits_grants_period(
                start
            ):
                continue
            product = aml.product_id.product_tmpl_id
            qty = aml.product_uom_id._compute_quantity(
                aml.quantity, aml.product_id.uom_id, rounding_method="HALF-UP"
            )
            if qty <= 0:
                continue
            credits = Credit._whole_credits(
                qty * product.session_credit_quantity,
                aml.product_id,
                aml.move_id.name,
                aml.quantity,
            )
            granted.add((line.id, start))
            earlier = [
                day
                for chained in chains[line]
                for day in periods[chained]
                if day < start
            ]
            if earlier:
                line._session_credits_rollover(chains[line], max(earlier), end, today)
            values = {
                "partner_id": line.contract_id.partner_id.id,
                "event_type_id": product.session_credit_event_type_id.id,
                "expiry_date": self._session_credits_expiry(product, start, end, today),
                "source": "contract",
                "contract_line_id": line.id,
                "contract_period_start": start,
                "contract_period_end": end,
                "company_id": line.contract_id.company_id.id,
            }
            # the credits that may roll over into the next period are a grant
            # of their own, used after the rest of the period's (the booking
            # takes the soonest expiry, then the oldest grant): the next
            # period carries what is left of it, up to the cap
            cap = product.session_credit_rollover_max
            parts = [credits - cap, cap] if 0 < cap < credits else [credits]
            vals_list += [{**values, "quantity": part} for part in parts]
            granted_until[line] = max(end, granted_until.get(line, end))
        credits = Credit.create(vals_list) if vals_list else Credit
        for line, day in granted_until.items():
            line.session_credits_granted_until = max(
                day, line.session_credits_granted_until or day
            )
        return credits

    def _session_credits_rollover(self, chain, previous_start, period_end, today):
        """At a new period of this line, ending ``period_end``, up to the
        product's rollover cap of the unused credits of the previous period
        of the membership (``chain``: this line and the lines it continues;
        that period started ``previous_start``), which would expire before
        the new period's end, carry into it: their expiry moves to that end,
        recorded as an expiry extension with the reason "Rollover"."""
        self.ensure_one()
        cap = self.product_id.product_tmpl_id.session_credit_rollover_max
        if cap <= 0 or period_end < today:
            return
        Credit = self.env["tz.session.credit"]
        # locked: a booking running at the same time waits, or this one is
        # retried (the core's _search_for_update)
        candidates = Credit._search_for_update(
            [
                ("contract_line_id", "in", chain.ids),
                ("contract_period_start", "=", previous_start),
                ("quantity_remaining", ">", 0),
                ("expiry_date", "!=", False),
                ("expiry_date", "<", period_end),
            ]
        )
        carried = self._session_credits_pick_rollover(candidates, cap)
        if carried:
            carried._extend_expiry(_("Rollover"), new_date=period_end)

    @api.model
    def _session_credits_pick_rollover(self, credits, cap):
        """The grants whose unused credits carry over: as many credits as
        possible, at most ``cap`` (each grant carries whole, as its expiry is
        one date)."""
        left = {credit: credit.quantity_remaining for credit in credits}
        best, best_total = credits.browse(), 0
        if len(credits) <= ROLLOVER_EXACT_MAX:
            for size in range(1, len(credits) + 1):
                for combination in itertools.combinations(credits, size):
                    total = sum(left[credit] for credit in combination)
                    if best_total < total <= cap:
                        best = credits.browse([c.id for c in combination])
                        best_total = total
            return best
        for credit in credits.sorted(lambda c: (-left[c], c.id)):
            if best_total + left[credit] <= cap:
                best |= credit
                best_total += left[credit]
        return best

    def _session_credits_revoke(self, refund_lines):
        """A posted credit note on periods of these lines takes back those
        periods' unused credits, up to the refunded quantity × credits per
        unit (the core's ``_revoke_for``: posting it again takes nothing
        more). Used credits stay used. Called as superuser by the posting.

        :return: ``[(contract, text)]`` what was taken back, for the chatters
        """
        Credit = self.env["tz.session.credit"]
        refund_lines.contract_line_id._session_credits_lock()
        wanted = defaultdict(float)
        for aml in refund_lines:
            product = aml.product_id.product_tmpl_id
            qty = aml.product_uom_id._compute_quantity(
                aml.quantity, aml.product_id.uom_id, rounding_method="HALF-UP"
            )
            key = (aml.move_id, aml.contract_line_id, aml.contract_period_start)
            wanted[key] += qty * product.session_credit_quantity
        notes = []
        for (move, line, start), quantity in wanted.items():
            credits = Credit.search(
                [
                    ("contract_line_id", "=", line.id),
                    ("contract_period_start", "=", start),
                ]
            )
            done, used = credits._revoke_for(
                move,
                int(round(quantity)),
                _("Credit note %(move)s", move=move.name),
            )
            if not done and not used:
                continue
            text = _(
                "%(qty)s × %(type)s of the period from %(start)s revoked from "
                "%(client)s (credit note %(move)s)",
                qty=done,
                type=line.product_id.session_credit_event_type_id.display_name,
                start=format_date(self.env, start),
                client=line.contract_id.partner_id.display_name,
                move=move.name,
            )
            if used:
                text += " " + _(
                    "%s already used: they stay used, nothing left to revoke.",
                    used,
                )
            notes.append((move, line.contract_id, text))
        return notes

    # ------------------------------------------------------------------
    # Suspension (contract_line_successor): the credits freeze
    # ------------------------------------------------------------------

    def _prepare_value_for_plan_successor(
        self, date_start, date_end, is_auto_renew, recurring_next_date=False
    ):
        """The successor line starts with no credits of its own: the stack
        copies every field of the line (``read``), which would move this
        line's credits to it."""
        values = super()._prepare_value_for_plan_successor(
            date_start, date_end, is_auto_renew, recurring_next_date
        )
        for field in (
            "session_credit_ids",
            "session_credits_granted_until",
            "session_credit_event_type_id",
            "session_credits_per_period",
        ):
            values.pop(field, None)
        return values

    def stop_plan_successor(self, date_start, date_end, is_auto_renew):
        """Suspend these lines from ``date_start`` to ``date_end`` (the
        stack's own suspension: the line stops the day before, a successor
        starts the day after, so the next period moves out by the suspended
        days and nothing is invoiced for them), then move out by the
        suspended days the expiry of the unused credits of the membership
        lines, recorded as expiry extensions with the reason "Freeze"."""
        if not date_start or not date_end:
            raise UserError(_("Give the first and the last day of the suspension."))
        date_start = fields.Date.to_date(date_start)
        date_end = fields.Date.to_date(date_end)
        if date_end < date_start:
            raise UserError(
                _(
                    "The suspension ends (%(end)s) before it starts (%(start)s).",
                    end=format_date(self.env, date_end),
                    start=format_date(self.env, date_start),
                )
            )
        res = super().stop_plan_successor(date_start, date_end, is_auto_renew)
        # the user suspended the lines with their own rights just now
        self.check_access("write")
        self.sudo()._session_credits_freeze(date_start, date_end)
        return res

    def _session_credits_freeze(self, date_start, date_end):
        memberships = self.filtered(lambda line: line._is_session_credit_membership())
        if not memberships:
            return
        Credit = self.env["tz.session.credit"]
        memberships._session_credits_lock()
        credits = Credit._search_for_update(
            [
                ("contract_line_id", "in", memberships._session_credits_chain().ids),
                ("expiry_date", "!=", False),
                *Credit._usable_domain(),
            ]
        )
        if credits:
            days = (date_end - date_start).days + 1
            credits._extend_expiry(_("Freeze"), period=relativedelta(days=days))
            for contract, contract_credits in credits.grouped("contract_id").items():
                contract._message_log(
                    body=_(
                        "Suspended from %(start)s to %(end)s: the expiry of "
                        "%(qty)s unused session credits moves %(days)s days "
                        "later (Freeze).",
                        start=format_date(self.env, date_start),
                        end=format_date(self.env, date_end),
                        qty=sum(contract_credits.mapped("quantity_remaining")),
                        days=days,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_session_credits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tz_session_credits.tz_session_credit_action"
        )
        action["domain"] = [("contract_line_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
