# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import socket
from collections import defaultdict
from datetime import date, timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date
from odoo.tools.misc import clean_context

MAX_QUANTITY_PER_GRANT = 1000

# Once a credit exists, nobody may change what was granted: to whom, of what,
# how many, until when, from where, in which company.
FINAL_FIELDS = frozenset(
    {"partner_id", "event_type_id", "quantity", "expiry_date", "source", "company_id"}
)
# Maintained by the module itself (consumption, expiry), never by hand.
INTERNAL_FIELDS = frozenset(
    {
        "quantity_used",
        "quantity_remaining",
        "state",
        "usage_ids",
        "expiry_reminder_sent",
    }
)


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
    usage_ids = fields.One2many("tz.session.credit.usage", "credit_id", string="Uses")
    expiry_reminder_sent = fields.Boolean(readonly=True, copy=False)
    quantity_remaining = fields.Integer(
        string="Remaining",
        compute="_compute_quantity_remaining",
        store=True,
        precompute=True,
    )
    expiry_date = fields.Date(
        string="Expires On",
        index=True,
        help="The last day the credits can be used. Empty: they never expire.",
    )
    state = fields.Selection(
        selection=[("active", "Active"), ("used", "Used"), ("expired", "Expired")],
        compute="_compute_state",
        store=True,
        precompute=True,
        index=True,
    )
    source = fields.Selection(
        selection=[("manual", "Manual")],
        required=True,
        default="manual",
        readonly=True,
    )
    note = fields.Text()
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
            "CHECK(quantity_used >= 0 AND quantity_used <= quantity)",
            "A credit cannot be used more times than it was granted.",
        ),
    ]

    @api.depends("usage_ids.state")
    def _compute_quantity_used(self):
        for credit in self:
            credit.quantity_used = len(
                credit.usage_ids.filtered(lambda u: u.state == "consumed")
            )

    @api.depends("quantity", "quantity_used")
    def _compute_quantity_remaining(self):
        for credit in self:
            credit.quantity_remaining = credit.quantity - credit.quantity_used

    @api.depends("quantity_remaining", "expiry_date")
    def _compute_state(self):
        today = self._today()
        for credit in self:
            if credit.quantity_remaining <= 0:
                credit.state = "used"
            elif credit.expiry_date and credit.expiry_date < today:
                credit.state = "expired"
            else:
                credit.state = "active"

    @api.depends("quantity", "event_type_id", "partner_id")
    def _compute_display_name(self):
        for credit in self:
            credit.display_name = _(
                "%(quantity)s × %(event_type)s",
                quantity=credit.quantity,
                event_type=credit.event_type_id.display_name or "",
            )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _today(self):
        """Today in the user's timezone (the context's ``tz``, else the user's)."""
        return fields.Date.context_today(self)

    @api.model
    def _available_domain(self, today=None):
        """Credits that can still be used today."""
        today = today or self._today()
        return [
            ("quantity_remaining", ">", 0),
            ("state", "!=", "used"),
            "|",
            ("expiry_date", "=", False),
            ("expiry_date", ">=", today),
        ]

    @api.model
    def _check_add_right(self):
        if self.env.su:
            return
        if not self.env.user.has_group("tz_session_credits.group_session_credit_add"):
            raise AccessError(
                _(
                    "Only users with the “Add Session Credits” right may add "
                    "session credits. Ask your administrator."
                )
            )

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
        if not expiry_date:
            return False
        try:
            expiry_date = fields.Date.to_date(expiry_date)
        except ValueError as exc:
            raise ValidationError(
                _("The expiry date %s is not a valid date.", expiry_date)
            ) from exc
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
    def _validate_vals_list(self, vals_list):
        """Check the grants about to be created, all of them at once, before
        anything is written: one read of the clients and the event types."""
        Partner = self.env["res.partner"]
        partner_ids = {vals.get("partner_id") for vals in vals_list}
        if not all(partner_ids):
            raise UserError(_("Select at least one client to add session credits to."))
        type_ids = {vals.get("event_type_id") for vals in vals_list}
        if not all(type_ids):
            raise UserError(_("Choose the event type of the credits."))
        partners = Partner.browse(partner_ids)
        missing = partners - partners.exists()
        if missing:
            raise UserError(_("These clients do not exist (any more): %s", missing.ids))
        # the caller must be allowed to see each client (multi-company rules)
        partners.check_access("read")
        event_types = self.env["tz.session.event.type"].browse(type_ids)
        if event_types - event_types.exists():
            raise UserError(_("This event type does not exist (any more)."))
        event_types.check_access("read")
        archived = partners.filtered(lambda p: not p.active)
        if archived:
            raise ValidationError(
                _(
                    "Archived clients cannot receive credits: %s",
                    ", ".join(archived.mapped("display_name")),
                )
            )
        for event_type in event_types:
            if not event_type.active:
                raise ValidationError(
                    _(
                        "The event type “%s” is archived: credits of it cannot be "
                        "added.",
                        event_type.display_name,
                    )
                )
        Company = self.env["res.company"]
        for company_id in {
            vals.get("company_id") or self.env.company.id for vals in vals_list
        }:
            company = Company.browse(company_id)
            if company not in self.env.companies:
                raise AccessError(
                    _("You cannot add credits in the company %s.", company.display_name)
                )
            other_type = event_types.filtered(
                lambda t, c=company: t.company_id not in (c, Company)
            )
            if other_type:
                raise ValidationError(
                    _(
                        "The event type “%(type)s” belongs to %(other)s, not to "
                        "%(company)s.",
                        type=other_type[0].display_name,
                        other=other_type[0].company_id.display_name,
                        company=company.display_name,
                    )
                )
            other_clients = partners.filtered(
                lambda p, c=company: p.company_id not in (c, Company)
            )
            if other_clients:
                raise ValidationError(
                    _(
                        "These clients belong to another company than %(company)s: "
                        "%(clients)s",
                        company=company.display_name,
                        clients=", ".join(other_clients.mapped("display_name")),
                    )
                )

    @api.model
    def _grant_note_body(self, quantity, event_type, expiry_date, note):
        """The chatter note of one grant, in the granting user's language."""
        values = {
            "qty": quantity,
            "type": event_type.display_name,
            "user": self.env.user.name,
        }
        if expiry_date:
            lang = self.env.lang or self.env.user.lang
            values["date"] = format_date(self.env, expiry_date, lang_code=lang)
            text = (
                Markup(_("%(qty)s × %(type)s added by %(user)s, expires %(date)s"))
                % values
            )
        else:
            text = Markup(_("%(qty)s × %(type)s added by %(user)s, no expiry")) % values
        if note:
            text += Markup("<br/>") + note
        return text

    def _log_grants_in_chatter(self):
        """One note per client, all written with one ``create``."""
        bodies = defaultdict(list)
        for credit in self:
            bodies[credit.partner_id.id].append(
                self._grant_note_body(
                    credit.quantity,
                    credit.event_type_id,
                    credit.expiry_date,
                    credit.note,
                )
            )
        self.partner_id._message_log_batch(
            bodies={pid: Markup("<br/>").join(lines) for pid, lines in bodies.items()}
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
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        """Every way to add credits ends here: the right, then the checks."""
        self._check_add_right()
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
            vals["quantity"] = self._check_quantity(vals.get("quantity", 1))
            if vals.get("expiry_date"):
                vals["expiry_date"] = self._check_expiry_date(vals["expiry_date"])
            if vals.get("source", "manual") not in dict(
                self._fields["source"]._description_selection(self.env)
            ):
                raise ValidationError(_("Unknown credit source: %s", vals["source"]))
        # default_* keys in the context are untrusted: no field takes a value
        # the caller did not pass explicitly.
        self._validate_vals_list(vals_list)
        # Replacing the whole context is the point: it drops the default_* keys.
        clean_self = self.with_context(clean_context(self.env.context))  # pylint: disable=context-overridden
        credits = super(SessionCredit, clean_self).create(vals_list)
        credits._log_grants_in_chatter()
        credits._settle_unpaid_uses()
        return credits

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
        if internal:
            raise AccessError(
                _(
                    "These values are maintained by the system and cannot be "
                    "changed by hand: %s",
                    ", ".join(sorted(internal)),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
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
    def _create_bulk(self, partners, event_type, quantity, expiry_date, note, company):
        """Write one bulk grant: the credits and one chatter note per client,
        each with a single ``INSERT ... SELECT`` whatever the number of clients.

        The caller has checked the right and validated the values (the same
        checks as ``create``); the values written are those ``create`` would
        compute for a new grant. Caches are invalidated afterwards.
        """
        self.check_access("create")
        self.env.flush_all()
        cr = self.env.cr
        now = self.env.cr.now()
        uid = self.env.uid
        cr.execute(
            SQL(
                """INSERT INTO tz_session_credit
                       (partner_id, event_type_id, quantity, quantity_used,
                        quantity_remaining, expiry_date, state, source, note,
                        company_id, expiry_reminder_sent,
                        create_uid, create_date, write_uid, write_date)
                   SELECT t.partner_id, %(type)s, %(qty)s, 0, %(qty)s, %(expiry)s,
                          'active', 'manual', %(note)s, %(company)s, false,
                          %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM unnest(%(partners)s::int[]) WITH ORDINALITY
                          AS t(partner_id, position)
                 ORDER BY t.position
                RETURNING id""",
                type=event_type.id,
                qty=quantity,
                expiry=expiry_date or None,
                note=note or None,
                company=company.id,
                uid=uid,
                now=now,
                partners=partners.ids,
            )
        )
        credits = self.browse([row[0] for row in cr.fetchall()])
        # one note per client, same text for all: one INSERT for all of them
        author_id, email_from = partners.with_env(self.env)._message_compute_author(
            None, None, raise_on_email=False
        )
        reply_to = self.env["mail.thread"]._notify_get_reply_to(default=email_from)[
            False
        ]
        body = self._grant_note_body(quantity, event_type, expiry_date, note)
        cr.execute(
            SQL(
                """INSERT INTO mail_message
                       (model, res_id, body, message_type, subtype_id, author_id,
                        email_from, reply_to, is_internal, email_add_signature,
                        message_id, date, create_uid, create_date, write_uid,
                        write_date)
                   SELECT 'res.partner', t.partner_id, %(body)s, 'notification',
                          %(subtype)s, %(author)s, %(email_from)s, %(reply_to)s,
                          true, false,
                          '<' || md5(random()::text) || '-openerp-'
                              || t.partner_id || '@' || %(host)s || '>',
                          %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM unnest(%(partners)s::int[]) AS t(partner_id)""",
                body=str(body),
                subtype=self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
                author=author_id,
                email_from=email_from,
                reply_to=reply_to,
                host=socket.gethostname(),
                now=now,
                uid=uid,
                partners=partners.ids,
            )
        )
        self.env["mail.message"].invalidate_model()
        partners.invalidate_recordset(["message_ids", "session_credit_ids"])
        partners._invalidate_session_credit_figures()
        credits._settle_unpaid_uses()
        return credits

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
        """Add ``quantity`` credits of ``event_type`` to each of ``partners``.

        The single entry point behind the wizard and
        ``res.partner.add_session_credits``: it checks the right first,
        validates, then writes one batched ``create``.
        All partners get their credits or none do (one transaction).
        """
        self._check_add_right()
        if not partners:
            raise UserError(_("Select at least one client to add session credits to."))
        if not event_type:
            raise UserError(_("Choose the event type of the credits."))
        quantity = self._check_quantity(quantity)
        expiry_date = self._check_expiry_date(expiry_date)
        partners = partners.browse(dict.fromkeys(partners.ids))  # one grant per client
        company = self.env.company
        self._validate_vals_list(
            [
                {
                    "partner_id": partner_id,
                    "event_type_id": event_type.id,
                    "company_id": company.id,
                }
                for partner_id in partners.ids
            ]
        )
        credits = self._create_bulk(
            partners, event_type, quantity, expiry_date, note, company
        )
        if notify_client:
            credits._notify_clients()
        return credits

    def _settle_unpaid_uses(self):
        """Sessions booked on account are paid first by the next grant of their type."""
        Usage = self.env["tz.session.credit.usage"].sudo()
        unpaid = Usage.search(
            [
                ("state", "=", "unpaid"),
                ("partner_id", "in", self.partner_id.ids),
                ("event_type_id", "in", self.event_type_id.ids),
                ("company_id", "in", self.company_id.ids),
            ],
            order="date, id",
        )
        if not unpaid:
            return
        by_key = unpaid.grouped(
            lambda u: (u.partner_id.id, u.event_type_id.id, u.company_id.id)
        )
        for credit in self.sorted("id"):
            key = (credit.partner_id.id, credit.event_type_id.id, credit.company_id.id)
            pending = by_key.get(key)
            if not pending:
                continue
            settle, by_key[key] = pending[: credit.quantity], pending[credit.quantity :]
            settle.write({"credit_id": credit.id, "state": "consumed"})
        unpaid.partner_id._invalidate_session_credit_figures()

    @api.model
    def _consume(self, requests):
        """Use one credit for each ``(event, partner)`` of ``requests``.

        The client's grants of the event's type are locked first, in id order,
        so concurrent bookings serialize instead of deadlocking; under Odoo's
        REPEATABLE READ isolation a booking that lost the race fails with a
        serialization error and is retried by Odoo as a whole (applied once).
        The grant that expires soonest is used first, then the oldest one. A
        client without a usable credit is refused, unless the event type allows
        booking on account (then an unpaid use is recorded).
        """
        Usage = self.env["tz.session.credit.usage"].sudo()
        self.env["tz.session.credit"].flush_model()
        Usage.flush_model()
        partner_ids = tuple({partner.id for __, partner in requests})
        type_ids = tuple({event.session_event_type_id.id for event, __ in requests})
        company_ids = tuple(self.env.companies.ids)
        self.env.cr.execute(
            SQL(
                """SELECT id, partner_id, event_type_id, company_id,
                          quantity - quantity_used, expiry_date
                     FROM tz_session_credit
                    WHERE partner_id IN %s AND event_type_id IN %s
                      AND company_id IN %s
                 ORDER BY id
                      FOR UPDATE""",
                partner_ids,
                type_ids,
                company_ids,
            )
        )
        pool = defaultdict(list)
        for cid, pid, tid, company_id, remaining, expiry in self.env.cr.fetchall():
            pool[pid, tid].append([cid, remaining, expiry, company_id])
        locked = self.browse([c[0] for grants in pool.values() for c in grants])
        locked.invalidate_recordset(["quantity_used", "quantity_remaining", "state"])
        vals_list = []
        for event, partner in sorted(
            requests, key=lambda r: (r[0].start, r[0].id, r[1].id)
        ):
            etype = event.session_event_type_id
            day = event._session_local_date()
            usable = [
                grant
                for grant in pool[partner.id, etype.id]
                if grant[1] > 0 and (not grant[2] or grant[2] >= day)
            ]
            vals = {
                "partner_id": partner.id,
                "event_type_id": etype.id,
                "event_id": event.id,
                "event_name": event.name,
                "date": event.start,
            }
            if usable:
                grant = min(usable, key=lambda g: (g[2] or date.max, g[0]))
                grant[1] -= 1
                vals.update(credit_id=grant[0], state="consumed", company_id=grant[3])
            elif etype.allow_on_account:
                vals.update(state="unpaid", company_id=self.env.company.id)
            else:
                raise UserError(
                    _(
                        "%(client)s has no usable credit of “%(type)s” for "
                        "%(session)s on %(date)s. Add credits first.",
                        client=partner.display_name,
                        type=etype.display_name,
                        session=event.name,
                        date=format_date(self.env, day),
                    )
                )
            vals_list.append(vals)
        usages = Usage.create(vals_list)
        usages.partner_id._invalidate_session_credit_figures()
        return usages

    @api.model
    def _cron_send_expiry_reminders(self, days=7):
        """Daily (optional): email clients whose credits expire within ``days``.

        Each credit is reminded once at most (``expiry_reminder_sent``).
        """
        template = self.env.ref(
            "tz_session_credits.mail_template_session_credit_expiring",
            raise_if_not_found=False,
        )
        if not template:
            return True
        for company in self.env["res.company"].sudo().search([]):
            tz = company.partner_id.tz or "UTC"
            today = fields.Date.context_today(self.with_context(tz=tz))
            credits = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("expiry_reminder_sent", "=", False),
                    ("quantity_remaining", ">", 0),
                    ("state", "!=", "used"),
                    ("expiry_date", ">=", today),
                    ("expiry_date", "<=", today + timedelta(days=days)),
                    ("partner_id.email", "!=", False),
                ]
            )
            if credits:
                template.sudo().send_mail_batch(credits.ids, force_send=False)
                super(SessionCredit, credits).write({"expiry_reminder_sent": True})
        return True

    @api.model
    def _cron_mark_expired(self):
        """Daily: mark as expired the credits whose last day has passed.

        Idempotent: a second run finds nothing. Balances never depend on this
        run (they compare dates at read time); it only keeps ``state`` tidy.
        "Today" is each company's, from its address' timezone.
        """
        state_field = self._fields["state"]
        for company in self.env["res.company"].sudo().search([]):
            tz = company.partner_id.tz or "UTC"
            today = fields.Date.context_today(self.with_context(tz=tz))
            expired = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "active"),
                    ("expiry_date", "<", today),
                ]
            )
            if expired:
                self.env.add_to_compute(state_field, expired)
                expired.with_context(tz=tz).flush_recordset(["state"])
        return True
