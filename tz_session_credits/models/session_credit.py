# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ledger: one row per grant of credits. Fields, finality, the one grant path."""

import datetime
from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date
from odoo.tools.mail import generate_tracking_message_id
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
# Columns the ORM writes itself on every insert.
LOG_ACCESS_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")


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

    # ------------------------------------------------------------------
    # Validation of a grant (once, here)
    # ------------------------------------------------------------------

    @api.model
    def _check_grant_right(self, vals_list=({},)):
        """Manual credits need the "Add Session Credits" right. Other sources
        (sales, the POS) are granted by their own addon's code, as superuser,
        after that addon checked its own rights: never directly by a user."""
        sources = dict(self._fields["source"]._description_selection(self.env))
        for vals in vals_list:
            if vals.get("source", "manual") not in sources:
                raise ValidationError(_("Unknown credit source: %s", vals["source"]))
        if self.env.su:
            return
        if any(vals.get("source", "manual") != "manual" for vals in vals_list):
            raise AccessError(
                _("Only the sales and point-of-sale flows add credits of that source.")
            )
        if not self.env.user.has_group("tz_session_credits.group_session_credit_add"):
            raise AccessError(
                _(
                    "Only users with the “Add Session Credits” right may add "
                    "session credits. Ask your administrator."
                )
            )

    @api.model
    def _last_valid_day(self, day, number, unit):
        """The last day of credits valid ``number`` ``unit`` (days, weeks or
        months) from ``day``: valid 1 month from 10 Jan is usable through
        9 Feb. The one rule for the wizard and for the packs sold."""
        return day + relativedelta(**{unit: number}) - relativedelta(days=1)

    @api.model
    def _check_quantity(self, quantity):
        if isinstance(quantity, bool) or not isinstance(quantity, int | float):
            raise ValidationError(_("The number of credits must be a whole number."))
        if isinstance(quantity, float) and not quantity.is_integer():
            raise ValidationError(
                _("The number of credits must be a whole number, not %s.", quantity)
            )
        if quantity <= 0:
            raise ValidationError(
                _("The number of credits must be at least 1 (got %s).", int(quantity))
            )
        if quantity > MAX_QUANTITY_PER_GRANT:
            raise ValidationError(
                _(
                    "At most %(max)s credits can be added at once (got %(qty)s).",
                    max=MAX_QUANTITY_PER_GRANT,
                    qty=int(quantity),
                )
            )
        return int(quantity)

    @api.model
    def _check_expiry_date(self, expiry_date):
        if expiry_date is False or expiry_date is None or expiry_date == "":
            return False
        if not isinstance(expiry_date, str | date):
            raise ValidationError(
                _(
                    "The expiry date must be a date (YYYY-MM-DD) or empty, not %s.",
                    repr(expiry_date),
                )
            )
        try:
            expiry_date = fields.Date.to_date(expiry_date)
        except (ValueError, TypeError) as exc:
            raise ValidationError(
                _("The expiry date %s is not a valid date (YYYY-MM-DD).", expiry_date)
            ) from exc
        if isinstance(expiry_date, datetime.datetime):
            expiry_date = expiry_date.date()
        today = self._today()
        if expiry_date < today:
            raise ValidationError(
                _(
                    "The expiry date %(date)s is in the past (today is %(today)s).",
                    date=format_date(self.env, expiry_date),
                    today=format_date(self.env, today),
                )
            )
        return expiry_date

    @api.model
    def _check_record_id(self, value, message):
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValidationError(message)
        return value

    @api.model
    def _prepare_grant_values(self, vals_list):
        """Validate grants about to be created, all of them, before anything is
        written. Returns the cleaned values. Company consistency and record
        rules are the ORM's (``check_company``, ``check_access``) after insert.
        """
        cleaned = []
        for vals in vals_list:
            forbidden = INTERNAL_FIELDS.intersection(vals)
            if forbidden:
                raise AccessError(
                    _(
                        "These values are maintained by the system and cannot be "
                        "set: %s",
                        ", ".join(sorted(forbidden)),
                    )
                )
            vals = dict(vals)
            vals["partner_id"] = self._check_record_id(
                vals.get("partner_id"),
                _("Select at least one client to add session credits to."),
            )
            vals["event_type_id"] = self._check_record_id(
                vals.get("event_type_id"), _("Choose the event type of the credits.")
            )
            vals["quantity"] = self._check_quantity(vals.get("quantity", 1))
            vals["expiry_date"] = self._check_expiry_date(vals.get("expiry_date"))
            note = vals.get("note") or False
            if note is not False and not isinstance(note, str):
                raise ValidationError(_("The note must be text."))
            vals["note"] = note
            vals.setdefault("source", "manual")
            if "company_id" in vals:
                vals["company_id"] = self._check_record_id(
                    vals["company_id"], _("The company of the credits is not valid.")
                )
            cleaned.append(vals)
        self._check_grant_targets(cleaned)
        return cleaned

    @api.model
    def _check_grant_targets(self, vals_list):
        """The clients and event types exist and are active. One query each,
        whatever the number of clients (none for clients already in cache, as
        the customer of an order being confirmed)."""
        Partner = self.env["res.partner"].with_context(active_test=False)
        existing = Partner.sudo().browse({vals["partner_id"] for vals in vals_list})
        existing.fetch(["active"])
        missing = list(
            self.env.cache.get_missing_ids(existing, Partner._fields["active"])
        )
        if missing:
            raise UserError(
                _("These clients do not exist (any more): %s", sorted(missing))
            )
        archived = existing.filtered(lambda partner: not partner.active)
        if archived:
            raise ValidationError(
                _(
                    "Archived clients cannot receive credits: %s",
                    ", ".join(archived.sudo(False).mapped("display_name")),
                )
            )
        EventType = self.env["tz.session.event.type"].with_context(active_test=False)
        type_ids = list({vals["event_type_id"] for vals in vals_list})
        # what the grant reads of its types, in this one query
        event_types = EventType.search_fetch(
            [("id", "in", type_ids)],
            ["active", "name", "company_id", "allow_on_account"],
        )
        if len(event_types) < len(type_ids):
            unseen = EventType.browse(type_ids) - event_types
            if unseen - unseen.exists():
                raise UserError(_("This event type does not exist (any more)."))
            unseen.check_access("read")  # another company's: the ORM's message
        for event_type in event_types:
            if not event_type.active:
                raise ValidationError(
                    _(
                        "The event type “%s” is archived: credits of it cannot be "
                        "added.",
                        event_type.display_name,
                    )
                )

    @api.model
    def _fetch_for_update(self, domain):
        """``search_fetch`` of the stored fields with the rows locked
        (``FOR UPDATE``, id order, so that concurrent bookings wait rather
        than deadlock): one query, and the values put in cache as
        ``_fetch_query`` puts them."""
        self.flush_model()
        query = self._search(domain, order="id")
        columns = [
            field
            for field in self._fields.values()
            if field.store
            and field.column_type
            and not field.translate
            and field.name != "id"
        ]
        rows = self.env.execute_query(
            SQL(
                "%s FOR UPDATE",
                query.select(
                    SQL.identifier(self._table, "id"),
                    *(self._field_to_sql(self._table, f.name, query) for f in columns),
                ),
            )
        )
        if not rows:
            return self.browse()
        values = zip(*rows, strict=False)
        records = self.browse(next(values))
        for field in columns:
            self.env.cache.insert_missing(records, field, next(values))
        return records

    # ------------------------------------------------------------------
    # The grant: one path for every source
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        """The one way credits come into being: the wizard, the RPC method
        ``res.partner.add_session_credits``, import, and the sale and POS
        bridges all end here. The right of the source first, then one
        validation of all values, then the rows, the chatter notes, and the
        settlement of sessions booked on account. The rows are written by
        ``_insert_grants`` (see there why not by ``super().create``)."""
        self._check_grant_right(vals_list)
        vals_list = self._prepare_grant_values(vals_list)
        # default_* keys in the context are untrusted: no field takes a value
        # the caller did not pass explicitly.
        clean_self = self.with_context(clean_context(self.env.context))  # pylint: disable=context-overridden
        credits = clean_self._insert_grants(vals_list)
        clean_self._log_grants(vals_list)
        self.env["tz.session.credit.usage"]._settle_on_account(credits, vals_list)
        self.env["tz.session.credit.low.balance"]._reset(credits)
        return credits.with_env(self.env)

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
    def _insert_grants(self, vals_list):
        """Store validated grants: one ``INSERT ... SELECT`` per group of grants
        that differ only by client, whatever the number of clients.

        The ORM's ``create`` costs about 1.5 ms per row here, which a bulk
        grant to 50,000 clients cannot afford (see bench/results.md). The
        values are the ORM's all the same: the model's defaults, its
        precomputed fields and each field's own conversion to its column
        (``_insert_rows``); the company checks and record rules of ``create``
        run on the inserted rows. A test compares the rows with the ORM's.
        """
        groups = defaultdict(list)
        for vals in vals_list:
            rest = tuple(sorted((k, v) for k, v in vals.items() if k != "partner_id"))
            groups[rest].append(vals["partner_id"])
        # as ORM's create: checked after the insert, and nothing is left of a
        # refused grant, even for a caller that catches the error
        with self.env.cr.savepoint():
            inserted = [
                (
                    partner_ids,
                    *self._insert_rows(self, dict(rest), "partner_id", partner_ids),
                )
                for rest, partner_ids in groups.items()
            ]
            # the rows were written behind the ORM's back: tell it, as
            # ``_create`` does, so that the checks below read no row back,
            # whatever their number
            credits = self.browse()
            for partner_ids, ids, written in inserted:
                group = self.browse(ids)
                self._cache_inserted(group, written, "partner_id", partner_ids)
                credits |= group
            credits._check_grant_companies(groups)
            credits.check_access("create")
        return credits

    def _check_grant_companies(self, groups):
        """``check_company``, without reading each client: every grant of a group
        shares its values but the client, so the first credit of each group is
        checked by the ORM and the clients' companies in one query each."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        position = 0
        for partner_ids in groups.values():
            group = self[position : position + len(partner_ids)]
            position += len(partner_ids)
            company = group[:1].company_id
            group[:1]._check_company()
            if len(partner_ids) > 1 and Partner.search_count(
                [
                    ("id", "in", partner_ids),
                    ("company_id", "not in", [False, company.id]),
                ],
                limit=1,
            ):
                group._check_company(["partner_id"])  # raises Odoo's own message

    @api.model
    def _insert_rows(self, model, vals, column, ids, varying=None):
        """Insert one row of ``model`` per id of ``ids`` (into ``column``), every
        other column from ``vals`` completed and converted as ``create`` does:
        defaults, precomputed fields, and each field's conversion to its column.
        ``varying`` gives the fields whose value differs between the rows
        (``{field name: [value of each row]}``, no precomputed field depends on
        them): each distinct value is converted once.

        :return: the new ids, in the order of ``ids``, and the values written
            to every other column (by field name)
        """
        varying = varying or {}
        first = {fname: values[0] for fname, values in varying.items()}
        vals = model._add_missing_default_values(
            dict(vals, **first, **{column: ids[0]})
        )
        record = model.new(vals)
        written = {}
        columns = []
        values = []
        for fname, field in model._fields.items():
            if (
                not field.store
                or not field.column_type
                or fname in ("id", column, *LOG_ACCESS_COLUMNS, *varying)
            ):
                continue
            if fname in vals:
                value = vals[fname]
            elif field.compute and field.precompute:
                value = field.convert_to_write(record[fname], record)
            else:
                continue
            written[fname] = value
            columns.append(SQL.identifier(fname))
            values.append(
                SQL("%s", field.convert_to_column_insert(value, record, vals))
            )
        now = self.env.cr.now()
        for fname in LOG_ACCESS_COLUMNS:
            columns.append(SQL.identifier(fname))
            values.append(SQL("%s", self.env.uid if fname.endswith("uid") else now))
        # a varying field: its distinct values as an array, indexed per row
        arrays = [SQL("%s::int[]", list(ids))]
        aliases = [SQL("id")]
        for index, (fname, row_values) in enumerate(varying.items()):
            field = model._fields[fname]
            distinct = list(dict.fromkeys(row_values))
            position = {value: i for i, value in enumerate(distinct, 1)}
            alias = SQL.identifier(f"v{index}")
            columns.append(SQL.identifier(fname))
            values.append(
                SQL(
                    "(%s::%s[])[t.%s]",
                    [field.convert_to_column_insert(v, record, vals) for v in distinct],
                    SQL(field.column_type[1]),
                    alias,
                )
            )
            arrays.append(SQL("%s::int[]", [position[v] for v in row_values]))
            aliases.append(alias)
        self.env.cr.execute(
            SQL(
                """INSERT INTO %(table)s (%(columns)s, %(column)s)
                   SELECT %(values)s, t.id
                     FROM unnest(%(arrays)s) WITH ORDINALITY AS t(%(aliases)s, n)
                 ORDER BY t.n
                RETURNING id""",
                table=SQL.identifier(model._table),
                columns=SQL(", ").join(columns),
                column=SQL.identifier(column),
                values=SQL(", ").join(values),
                arrays=SQL(", ").join(arrays),
                aliases=SQL(", ").join(aliases),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()], written

    @api.model
    def _cache_inserted(self, records, written, column, ids):
        """Tell the ORM about rows inserted by ``_insert_rows``, as ``create``
        does about the rows it inserts: put them in cache (``written`` for
        every record, each record's own id of ``ids`` in ``column``), forget
        the cached one2many lists that now miss them, and mark what depends
        on them (``modified``), their own written fields protected."""
        values = {fname: [value] * len(records) for fname, value in written.items()}
        values[column] = ids
        for fname, field_values in values.items():
            field = records._fields[fname]
            if field.translate:
                continue
            self.env.cache.update(
                records,
                field,
                [field.convert_to_cache(value, records) for value in field_values],
            )
            self.env.cache.invalidate(
                [(inverse, None) for inverse in self.pool.field_inverses[field]]
            )
        with self.env.protecting([records._fields[f] for f in values], records):
            records.modified(list(values), create=True)

    # ------------------------------------------------------------------
    # Chatter and emails of a grant
    # ------------------------------------------------------------------

    def _grant_note_origin(self):
        """Who or what granted these credits, for the chatter note; bridges
        name their document (a sale order, a POS order)."""
        return self.env.user.name

    def _grant_note_body(self):
        """The chatter note of one grant, in the granting user's language."""
        self.ensure_one()
        values = {
            "qty": self.quantity,
            "type": self.event_type_id.display_name,
            "user": self._grant_note_origin(),
        }
        if self.expiry_date:
            lang = self.env.lang or self.env.user.lang
            values["date"] = format_date(self.env, self.expiry_date, lang_code=lang)
            text = (
                Markup(_("%(qty)s × %(type)s added by %(user)s, expires %(date)s"))
                % values
            )
        else:
            text = Markup(_("%(qty)s × %(type)s added by %(user)s, no expiry")) % values
        if self.note:
            text += Markup("<br/>") + self.note
        return text

    @api.model
    def _grant_document(self, vals):
        """The document a grant comes from (a sale order, a POS order), whose
        chatter says what it granted; None for credits added by hand. ``vals``
        are a grant's values but its client. A bridge that adds a source names
        its document here."""
        return None

    @api.model
    def _grant_document_note(self, vals_list):
        """The chatter note of a document on the grants it made."""
        Partner = self.env["res.partner"]
        EventType = self.env["tz.session.event.type"]
        lines = []
        for vals in vals_list:
            expiry = vals.get("expiry_date")
            lines.append(
                _(
                    "Session credits granted to %(client)s: %(qty)s × %(type)s, "
                    "%(expiry)s",
                    client=Partner.browse(vals["partner_id"]).display_name,
                    qty=vals["quantity"],
                    type=EventType.browse(vals["event_type_id"]).display_name,
                    expiry=(
                        _("expires %s", format_date(self.env, expiry))
                        if expiry
                        else _("no expiry")
                    ),
                )
            )
        return Markup("<br/>").join(lines)

    @api.model
    def _log_grants(self, vals_list):
        """One note per client in the client's chatter, and one per document
        the grants come from (``_grant_document``) in its chatter. The text
        comes from the grant's values, so nothing is read back per client."""
        # what grants that differ only by client share: their note, their
        # document (worked out once per group, not once per client)
        body_of, document_of = {}, {}
        lines = defaultdict(list)
        documents = defaultdict(list)
        for vals in vals_list:
            rest = tuple(sorted((k, v) for k, v in vals.items() if k != "partner_id"))
            if rest not in body_of:
                body_of[rest] = self.new(dict(rest))._grant_note_body()
                document_of[rest] = self._grant_document(dict(rest))
            lines[vals["partner_id"]].append(body_of[rest])
            if document_of[rest]:
                documents[document_of[rest]].append(vals)
        notes = defaultdict(list)
        for partner_id, bodies in lines.items():
            notes["res.partner", Markup("<br/>").join(bodies)].append(partner_id)
        for document, document_vals in documents.items():
            note = self._grant_document_note(document_vals)
            notes[document._name, note].append(document.id)
        self._log_notes(notes)

    @api.model
    def _log_notes(self, notes):
        """Log ``{(model, body): [record ids]}`` as chatter notes, with the
        values ``mail.thread._message_log_batch`` gives its notes, all with one
        ``INSERT ... SELECT`` (a bulk grant writes one query, not one
        ``mail.message.create`` per client; each distinct text is sanitised
        once); a test compares these notes with ``_message_log_batch``'s."""
        if not notes:
            return
        author_id, email_from = self.env["res.partner"]._message_compute_author(
            None, None, raise_on_email=False
        )
        base_values = {
            "author_id": author_id,
            "email_from": email_from,
            "message_type": "notification",
            "is_internal": True,
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            "email_add_signature": False,
            "message_id": generate_tracking_message_id("message-notify"),
            "reply_to": self.env["mail.thread"]._notify_get_reply_to(
                default=email_from
            )[False],
        }
        Message = self.env["mail.message"].sudo()
        self.env.flush_all()
        rows = [
            (model, body, res_id)
            for (model, body), res_ids in notes.items()
            for res_id in res_ids
        ]
        models_, bodies, res_ids = zip(*rows, strict=True)
        varying = {"model": list(models_), "body": list(bodies)}
        if len(notes) == 1:  # the same for every row: constants
            base_values.update(model=models_[0], body=bodies[0])
            varying = None
        self._insert_rows(Message, base_values, "res_id", list(res_ids), varying)
        # the notes were written behind the ORM's back: forget what the
        # records' threads hold or computed from their messages, as
        # mail.message._invalidate_documents does after its create (not the
        # whole records: that would also forget the new credits' clients).
        # No cached message changed: nothing else to forget.
        for model in {model for model, __ in notes}:
            Model = self.env[model]
            Model.invalidate_model(
                [
                    name
                    for name, field in Model._fields.items()
                    if field.comodel_name == "mail.message"
                    or (field.compute and not field.store)
                ]
            )

    def _notify_clients(self):
        template = self.env.ref(
            "tz_session_credits.mail_template_session_credit_added",
            raise_if_not_found=False,
        )
        if not template:
            return
        to_notify = self.filtered(lambda c: c.partner_id.email)
        if to_notify:
            # Queued (force_send=False): nothing leaves before the commit.
            template.sudo().send_mail_batch(to_notify.ids, force_send=False)

    # ------------------------------------------------------------------
    # Finality
    # ------------------------------------------------------------------

    def write(self, vals):
        final = FINAL_FIELDS.intersection(vals)
        if final:
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
        internal = INTERNAL_FIELDS.intersection(vals)
        if internal and not (self.env.su and internal == {"expiry_reminder_sent"}):
            raise AccessError(
                _(
                    "These values are maintained by the system and cannot be "
                    "changed by hand: %s",
                    ", ".join(sorted(internal)),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_final(self):
        raise UserError(
            _(
                "Session credits are final once added and cannot be deleted. "
                "Add new credits instead."
            )
        )

    # ------------------------------------------------------------------
    # Extension of the expiry: the one change the finality rule allows
    # ------------------------------------------------------------------

    def action_open_extend_expiry(self):
        """The Extend Expiry wizard for these credits (the client card's
        history, one credit per row)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tz_session_credits.tz_session_credit_extend_action"
        )
        action["context"] = {
            "active_model": self._name,
            "active_ids": self.ids,
            "active_id": self[:1].id,
        }
        return action

    @api.model
    def _check_extend_right(self):
        if self.env.su:
            return
        if not self.env.user.has_group(
            "tz_session_credits.group_session_credit_manager"
        ):
            raise AccessError(
                _(
                    "Only Session Credits managers may extend the expiry of "
                    "credits. Ask your administrator."
                )
            )

    def _extension_date(self, new_date=False, period=None):
        """The new last day of this credit: ``new_date``, or its current expiry
        moved by ``period`` (a ``relativedelta``)."""
        self.ensure_one()
        if new_date:
            return new_date
        try:
            return self.expiry_date + period
        except (ValueError, OverflowError) as exc:
            raise UserError(
                _("The extension is too long: choose a date instead.")
            ) from exc

    def _extend_expiry(self, reason, new_date=False, period=None):
        """Give these credits a later last day: ``new_date``, or each credit's
        own expiry moved by ``period`` (a ``relativedelta``). Managers only.

        Every credit must have an expiry and credits left; the new day must be
        later than its current one and not before today (an expired credit
        with credits left is revived). Each change is recorded on the credit
        and in the client's chatter. All or nothing.

        This is the only write of ``expiry_date`` once a credit exists: it
        goes past the finality check of ``write`` here, explicitly; neither a
        caller's values nor its context can reach this branch.

        :return: the extensions recorded
        """
        self._check_extend_right()
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(_("Give the reason for the new expiry date."))
        if not self:
            raise UserError(_("Select the credits to extend."))
        if bool(new_date) == bool(period):
            raise UserError(_("Choose either a new date or a period to add."))
        if new_date:
            new_date = fields.Date.to_date(new_date)
        self.check_access("write")
        without_expiry = self.filtered(lambda c: not c.expiry_date)
        used_up = self.filtered(lambda c: c.quantity_remaining <= 0)
        if without_expiry or used_up:
            raise UserError(
                _(
                    "Only credits that expire and have credits left can be "
                    "extended (%s).",
                    ", ".join((without_expiry | used_up).mapped("display_name")),
                )
            )
        today = self._today()
        new_dates = {
            credit: credit._extension_date(new_date, period) for credit in self
        }
        not_later = [c for c, day in new_dates.items() if day <= c.expiry_date]
        if not_later:
            raise UserError(
                _(
                    "The new expiry must be later than the current one: "
                    "%(count)s credit(s) already expire on or after %(date)s.",
                    count=len(not_later),
                    date=format_date(self.env, min(new_dates[c] for c in not_later)),
                )
            )
        past = [c for c, day in new_dates.items() if day < today]
        if past:
            raise UserError(
                _(
                    "The new expiry cannot be before today (%(today)s): "
                    "%(count)s credit(s) would expire on %(date)s.",
                    today=format_date(self.env, today),
                    count=len(past),
                    date=format_date(self.env, min(new_dates[c] for c in past)),
                )
            )
        extensions_vals = [
            {
                "credit_id": credit.id,
                "old_expiry_date": credit.expiry_date,
                "new_expiry_date": day,
                "reason": reason,
            }
            for credit, day in new_dates.items()
        ]
        by_date = defaultdict(lambda: self.browse())
        for credit, day in new_dates.items():
            by_date[day] |= credit
        for day, credits in by_date.items():
            # the finality check of write() is this class's own: the one
            # allowed change goes past it, as the current user (access
            # rights and record rules still apply); a new expiry gets a new
            # reminder
            super(SessionCredit, credits).write(
                {"expiry_date": day, "expiry_reminder_sent": False}
            )
        extensions = (
            self.env["tz.session.credit.extension"].sudo().create(extensions_vals)
        )
        bodies = defaultdict(list)
        lang = self.env.lang or self.env.user.lang
        for extension in extensions:
            bodies[extension.partner_id.id].append(
                _(
                    "Expiry of %(qty)s × %(type)s extended from %(old)s to "
                    "%(new)s by %(user)s: %(reason)s",
                    qty=extension.credit_id.quantity,
                    type=extension.event_type_id.display_name,
                    old=format_date(
                        self.env, extension.old_expiry_date, lang_code=lang
                    ),
                    new=format_date(
                        self.env, extension.new_expiry_date, lang_code=lang
                    ),
                    user=self.env.user.name,
                    reason=reason,
                )
            )
        self.partner_id._message_log_batch(
            bodies={pid: Markup("<br/>").join(lines) for pid, lines in bodies.items()}
        )
        self.env["tz.session.credit.low.balance"]._reset(self)
        return extensions.with_env(self.env)

    # ------------------------------------------------------------------
    # Revocation: a rule of the source
    # ------------------------------------------------------------------

    def _check_revocable(self):
        """Whether these credits may be revoked. Manual credits are final for
        everyone; a source that allows revocation (a cancelled sale) extends
        this for its own credits only."""
        manual = self.filtered(lambda c: c.source == "manual")
        if manual:
            raise UserError(
                _(
                    "Manual session credits are final: they cannot be revoked. " "(%s)",
                    ", ".join(manual.mapped("display_name")),
                )
            )

    def _revoke(self, quantity, reason, origin=False):
        """Revoke up to ``quantity`` unused credits of these grants (the latest
        expiry first), record each revocation, and tell the clients' chatter.
        Called by the bridges, as superuser, after their own right checks.

        :param origin: the document that caused it (``model,id`` reference)
        :return: how many credits were revoked
        """
        self._check_revocable()
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
            raise ValidationError(_("The number of credits to revoke is not valid."))
        self.flush_recordset()
        # lock the grants so that a concurrent booking cannot use what is revoked
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["quantity_used", "quantity_remaining"])
        vals_list = []
        left = quantity
        for credit in self.sorted(
            lambda c: (c.expiry_date or date.max, c.id), reverse=True
        ):
            take = min(left, credit.quantity_remaining)
            if take <= 0:
                continue
            left -= take
            vals_list.append(
                {
                    "credit_id": credit.id,
                    "quantity": take,
                    "reason": reason,
                    "origin_ref": origin or False,
                }
            )
        if vals_list:
            revocations = (
                self.env["tz.session.credit.revocation"].sudo().create(vals_list)
            )
            bodies = defaultdict(list)
            for revocation in revocations:
                bodies[revocation.credit_id.partner_id.id].append(
                    _(
                        "%(qty)s × %(type)s revoked: %(reason)s",
                        qty=revocation.quantity,
                        type=revocation.credit_id.event_type_id.display_name,
                        reason=reason,
                    )
                )
            revocations.credit_id.partner_id._message_log_batch(
                bodies={
                    pid: Markup("<br/>").join(lines) for pid, lines in bodies.items()
                }
            )
        return quantity - left
