# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ledger: one row per grant of credits. Its fields, "usable", finality,
and the one grant path (``create``). How a grant is validated and noted is in
``session_credit_grant.py``; revocation next to its model
(``session_credit_revocation.py``), the expiry extension next to its model
(``session_credit_extension.py``)."""

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.misc import clean_context

MAX_QUANTITY_PER_GRANT = 1000

# Once a credit exists, nobody may change what was granted: to whom, of what,
# how many, until when, from where, in which company.
FINAL_FIELDS = frozenset(
    {"partner_id", "event_type_id", "quantity", "expiry_date", "source", "company_id"}
)
# Maintained by the module itself (bookings, revocations, reminders), never
# set by a caller.
INTERNAL_FIELDS = frozenset(
    {
        "quantity_used",
        "quantity_revoked",
        "quantity_remaining",
        "state",
        "usage_ids",
        "revocation_ids",
        "extension_ids",
        "expiry_reminder_sent",
    }
)
# What a recorded expiry extension changes (see ``write``).
EXTENSION_FIELDS = frozenset({"expiry_date", "expiry_reminder_sent"})


class SessionCredit(models.Model):
    _name = "tz.session.credit"
    _description = "Session Credit"
    _order = "id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    event_type_id = fields.Many2one(
        "tz.session.event.type",
        string="Session Type",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    quantity = fields.Integer(required=True, default=1)
    quantity_used = fields.Integer(
        string="Used",
        compute="_compute_quantity_used",
        store=True,
        precompute=True,
        copy=False,
    )
    quantity_revoked = fields.Integer(
        string="Revoked",
        compute="_compute_quantity_revoked",
        store=True,
        precompute=True,
        copy=False,
    )
    quantity_remaining = fields.Integer(
        string="Remaining",
        compute="_compute_quantity_remaining",
        store=True,
        precompute=True,
    )
    usage_ids = fields.One2many("tz.session.credit.usage", "credit_id", string="Uses")
    revocation_ids = fields.One2many(
        "tz.session.credit.revocation", "credit_id", string="Revocations"
    )
    extension_ids = fields.One2many(
        "tz.session.credit.extension",
        "credit_id",
        string="Expiry Extensions",
        groups="base.group_user",
    )
    expiry_reminder_sent = fields.Boolean(readonly=True, copy=False)
    expiry_date = fields.Date(
        string="Expires On",
        index=True,
        help="The last day the credits can be used. Empty: they never expire.",
    )
    state = fields.Selection(
        selection=[
            ("active", "Active"),
            ("used", "Used"),
            ("revoked", "Revoked"),
            ("expired", "Expired"),
        ],
        compute="_compute_state",
        search="_search_state",
        help="Active: usable today. Used: nothing left, every credit used. "
        "Revoked: nothing left, the unused credits were taken back (a cancelled "
        "or refunded sale). Expired: credits left, but past their last day.",
    )
    source = fields.Selection(
        selection=[("manual", "Manual")],
        required=True,
        default="manual",
        readonly=True,
    )
    # staff only: clients reading their own credits (portal) never see it
    note = fields.Text(groups="base.group_user")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    create_uid = fields.Many2one("res.users", string="Added By", readonly=True)
    create_date = fields.Datetime(string="Added On", readonly=True)

    _sql_constraints = [
        (
            "quantity_positive",
            "CHECK(quantity > 0)",
            "The number of credits must be positive.",
        ),
        (
            "quantity_used_bounds",
            "CHECK(quantity_used >= 0 AND quantity_revoked >= 0 "
            "AND quantity_used + quantity_revoked <= quantity)",
            "A credit cannot be used or revoked more times than it was granted.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes and searches
    # ------------------------------------------------------------------

    @api.depends("usage_ids.state")
    def _compute_quantity_used(self):
        for credit in self:
            credit.quantity_used = len(
                credit.usage_ids.filtered(lambda u: u.state in u._CONSUMING_STATES)
            )

    @api.depends("revocation_ids.quantity")
    def _compute_quantity_revoked(self):
        for credit in self:
            credit.quantity_revoked = sum(credit.revocation_ids.mapped("quantity"))

    @api.depends("quantity", "quantity_used", "quantity_revoked")
    def _compute_quantity_remaining(self):
        for credit in self:
            credit.quantity_remaining = (
                credit.quantity - credit.quantity_used - credit.quantity_revoked
            )

    @api.depends("quantity_remaining", "quantity_revoked", "expiry_date")
    @api.depends_context("tz")
    def _compute_state(self):
        today = self._today()
        for credit in self:
            credit.state = credit._state_on(today)

    def _state_on(self, day):
        self.ensure_one()
        if self.quantity_remaining <= 0:
            return "revoked" if self.quantity_revoked > 0 else "used"
        if self.expiry_date and self.expiry_date < day:
            return "expired"
        return "active"

    def _search_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Unsupported search on the credit status."))
        values = {value} if operator in ("=", "!=") else set(value)
        today = self._today()
        domains = {
            "active": self._usable_domain(today),
            "used": [("quantity_remaining", "<=", 0), ("quantity_revoked", "=", 0)],
            "revoked": [("quantity_remaining", "<=", 0), ("quantity_revoked", ">", 0)],
            # "is set" too, so that the negation holds for credits without expiry
            "expired": [
                ("quantity_remaining", ">", 0),
                ("expiry_date", "!=", False),
                ("expiry_date", "<", today),
            ],
        }
        domain = expression.OR(
            [domains.get(state, expression.FALSE_DOMAIN) for state in values]
        )
        if operator in ("=", "in"):
            return domain
        return ["!", *expression.normalize_domain(domain)]

    @api.depends("quantity", "event_type_id", "partner_id")
    def _compute_display_name(self):
        for credit in self:
            credit.display_name = _(
                "%(quantity)s × %(event_type)s",
                quantity=credit.quantity,
                event_type=credit.event_type_id.display_name or "",
            )

    # ------------------------------------------------------------------
    # "Usable": the one definition
    # ------------------------------------------------------------------

    def _today(self):
        """Today in the user's timezone (the context's ``tz``, else the user's)."""
        return fields.Date.context_today(self)

    @api.model
    def _usable_domain(self, day=None):
        """The credits that can be used on ``day`` (default: today in the
        user's timezone): some left, and not past their last day.

        The one definition of "usable": balances, the contacts column, the
        reminders and the bookings all use it.
        """
        day = day or self._today()
        return [
            ("quantity_remaining", ">", 0),
            "|",
            ("expiry_date", "=", False),
            ("expiry_date", ">=", day),
        ]

    @api.model
    def _last_valid_day(self, day, number, unit):
        """The last day of credits valid ``number`` ``unit`` (days, weeks or
        months) from ``day``: valid 1 month from 10 Jan is usable through
        9 Feb. The one rule for the wizard and for the packs sold."""
        return day + relativedelta(**{unit: number}) - relativedelta(days=1)

    # ------------------------------------------------------------------
    # CRUD: the one grant path, and finality
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        """The one way credits come into being: the wizard, the RPC method
        ``res.partner.add_session_credits``, import, and the sale and POS
        bridges all end here. The right of the source first, then one
        validation of all values (clients and types in one query each), then
        the ORM's own ``create``, the chatter notes, and the settlement of
        sessions booked on account."""
        self._check_grant_right(vals_list)
        vals_list = self._prepare_grant_values(vals_list)
        # default_* keys in the context are untrusted: no field takes a value
        # the caller did not pass explicitly.
        clean_self = self.with_context(clean_context(self.env.context))  # pylint: disable=context-overridden
        # all or nothing, even for a caller that catches the error (a
        # constraint of an inheriting module refusing one client's grant)
        with self.env.cr.savepoint():
            credits = super(SessionCredit, clean_self).create(vals_list)
            credits._log_grants(vals_list)
            Usage = self.env["tz.session.credit.usage"]
            Usage._settle_on_account(credits, vals_list)
            self.env["tz.session.credit.low.balance"]._reset(credits)
        return credits.with_env(self.env)

    @api.model
    def _final_fields(self):
        """The fields a grant sets once: nobody writes them afterwards. A
        source adds its origin fields (``tz_session_credits_sale``: the order
        line and the value paid)."""
        return FINAL_FIELDS

    @api.model
    def _internal_fields(self):
        """The fields the module maintains itself (bookings, revocations,
        reminders): no caller sets or writes them. A source adds its own
        (``tz_session_credits_sale``: the unused value)."""
        return INTERNAL_FIELDS

    def write(self, vals):
        extension = self._is_recorded_extension(vals)
        final = self._final_fields().intersection(vals)
        if final and not extension:
            raise UserError(
                _(
                    "Session credits are final once added: %s cannot be changed. "
                    "Add new credits instead.",
                    ", ".join(
                        sorted(
                            self._fields[f].get_description(self.env)["string"]
                            for f in final
                        )
                    ),
                )
            )
        internal = self._internal_fields().intersection(vals)
        if (
            internal
            and not extension
            and not (self.env.su and internal == {"expiry_reminder_sent"})
        ):
            raise AccessError(
                _(
                    "These values are maintained by the system and cannot be "
                    "changed by hand: %s",
                    ", ".join(sorted(internal)),
                )
            )
        return super().write(vals)

    def _is_recorded_extension(self, vals):
        """Whether ``vals`` is the one change the finality rule allows: the
        expiry moved to the date of each credit's latest recorded extension
        (``tz.session.credit.extension``, which only ``_extend_expiry``
        writes), from the date it records. Nothing a caller passes, in its
        values or its context, can make this true otherwise."""
        if "expiry_date" not in vals or not EXTENSION_FIELDS.issuperset(vals):
            return False
        if not self or vals.get("expiry_reminder_sent"):
            return False
        new_date = fields.Date.to_date(vals["expiry_date"])
        latest = {}
        for extension in (
            self.env["tz.session.credit.extension"]
            .sudo()
            .search([("credit_id", "in", self.ids)], order="id")
        ):
            latest[extension.credit_id.id] = extension
        return all(
            credit.id in latest
            and latest[credit.id].new_expiry_date == new_date
            and latest[credit.id].old_expiry_date == credit.expiry_date
            for credit in self
        )

    def _check_company(self, fnames=None):
        """The ORM's company check, with the credits of one company checked
        together: a grant to 50,000 clients evaluates each field's company
        domain once per company, not once per credit (the ORM's loop cost a
        third of the grant). Any inconsistency, and any company-dependent
        field, goes to the ORM's own check, for its message."""
        if len(self) <= 1:
            return super()._check_company(fnames)
        if fnames is None or "company_id" in fnames:
            fnames = list(self._fields)
        fields_ = [
            self._fields[name]
            for name in fnames
            if self._fields[name].relational and self._fields[name].check_company
        ]
        if any(field.company_dependent for field in fields_):
            return super()._check_company(fnames)
        for company, credits in self.grouped("company_id").items():
            for field in fields_:
                corecords = credits.sudo()[field.name]
                if not corecords:
                    continue
                domain = corecords._check_company_domain(company)
                if domain and corecords != corecords.with_context(
                    active_test=False
                ).filtered_domain(domain):
                    return super()._check_company(fnames)
        return None

    @api.ondelete(at_uninstall=False)
    def _unlink_except_final(self):
        raise UserError(
            _(
                "Session credits are final once added and cannot be deleted. "
                "Add new credits instead."
            )
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _grant(
        self,
        partners,
        event_type,
        quantity,
        expiry_date=False,
        note=False,
        notify_client=False,
    ):
        """Add ``quantity`` credits of ``event_type`` to each of ``partners``
        (manual source): the wizard and ``add_session_credits`` map their
        inputs to this, which maps them to ``create``. One transaction: all
        clients get their credits or none does."""
        if not partners:
            self._check_grant_right()
            raise UserError(_("Select at least one client to add session credits to."))
        credits = self.create(
            [
                {
                    "partner_id": partner_id,
                    "event_type_id": event_type.id,
                    "quantity": quantity,
                    "expiry_date": expiry_date,
                    "note": note,
                }
                for partner_id in dict.fromkeys(partners.ids)  # one grant per client
            ]
        )
        if notify_client:
            credits._notify_clients()
        return credits

    @api.model
    def _search_for_update(self, domain):
        """The credits of ``domain``, locked (``FOR UPDATE``, in id order so
        that concurrent bookings wait rather than deadlock), then read through
        the ORM. Under REPEATABLE READ, a credit that another transaction
        changed since this one's snapshot makes the lock fail with a
        serialization error, and Odoo retries the request."""
        credits = self.search(domain, order="id")
        if not credits:
            return credits
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE",
                SQL.identifier(self._table),
                tuple(credits.ids),
            )
        )
        return credits
