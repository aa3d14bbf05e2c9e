# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The grant path of the ledger, after its ``create``: the right of the
source, one validation of every value, and the chatter notes and emails of a
grant."""

import datetime
from collections import defaultdict
from datetime import date

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_is_zero, format_date

from .session_credit import MAX_QUANTITY_PER_GRANT


# the ledger's logic lives next to what it is about (see docs/architecture.md)
class SessionCredit(models.Model):
    _inherit = "tz.session.credit"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Validation of a grant (once, here)
    # ------------------------------------------------------------------

    @api.model
    def _check_grant_right(self, vals_list=({},)):
        """Manual credits need the "Add Session Credits" right. Other sources
        (sales, the POS) are granted by their own addon's code, as superuser,
        after that addon checked its own rights: never directly by a user."""
        sources = self._fields["source"].get_values(self.env)
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
            forbidden = self._internal_fields().intersection(vals)
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
                vals.get("event_type_id"), _("Choose the session type of the credits.")
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
            else:
                # the field's default, given here once for every row: create
                # then asks for no default per row
                vals["company_id"] = self.env.company.id
            cleaned.append(vals)
        self._check_grant_targets(cleaned)
        return cleaned

    @api.model
    def _check_grant_targets(self, vals_list):
        """The clients and event types exist and are active. One query each,
        whatever the number of clients; what the grant reads of them later
        (the company checks, the notes) is read here too."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        partner_ids = list({vals["partner_id"] for vals in vals_list})
        existing = Partner.search_fetch(
            [("id", "in", partner_ids)], ["active", "company_id"]
        )
        if len(existing) < len(partner_ids):
            missing = sorted(set(partner_ids) - set(existing.ids))
            raise UserError(_("These clients do not exist (any more): %s", missing))
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
                raise UserError(_("This session type does not exist (any more)."))
            unseen.check_access("read")  # another company's: the ORM's message
        for event_type in event_types:
            if not event_type.active:
                raise ValidationError(
                    _(
                        "The session type “%s” is archived: credits of it cannot be "
                        "added.",
                        event_type.display_name,
                    )
                )

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

    def _log_grants(self, vals_list):
        """One note per client in the client's chatter, and one per document
        the grants come from (``_grant_document``) in its chatter, through
        ``mail.thread``'s own ``_message_log_batch``. Grants that differ only
        by client share their text, worked out once per group."""
        body_of, document_of = {}, {}
        lines = defaultdict(list)
        documents = defaultdict(list)
        for credit, vals in zip(self, vals_list, strict=True):
            rest = tuple(sorted((k, v) for k, v in vals.items() if k != "partner_id"))
            if rest not in body_of:
                body_of[rest] = credit._grant_note_body()
                document_of[rest] = self._grant_document(dict(rest))
            lines[vals["partner_id"]].append(body_of[rest])
            if document_of[rest]:
                documents[document_of[rest]].append(vals)
        Partner = self.env["res.partner"].sudo()
        Partner.browse(list(lines))._message_log_batch(
            bodies={pid: Markup("<br/>").join(bodies) for pid, bodies in lines.items()}
        )
        by_model = defaultdict(dict)
        for document, document_vals in documents.items():
            by_model[document._name][document.id] = self._grant_document_note(
                document_vals
            )
        for model, bodies in by_model.items():
            self.env[model].sudo().browse(list(bodies))._message_log_batch(
                bodies=bodies
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

    @api.model
    def _whole_credits(self, credits, product, document, units):
        """``credits`` (units sold × credits per unit) as a whole number of
        credits; a fraction is refused: only whole credits can be sold. The
        one check of the sale and POS bridges."""
        if not float_is_zero(credits - round(credits), precision_digits=6):
            raise UserError(
                _(
                    "“%(product)s” on %(order)s: %(qty)s units make %(credits)s "
                    "session credits. Sell whole credits.",
                    product=product.display_name,
                    order=document,
                    qty=units,
                    credits=credits,
                )
            )
        return int(round(credits))
