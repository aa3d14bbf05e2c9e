# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Expiry extensions: the record of each one, and the one change of a credit's
expiry that the finality rule allows (``tz.session.credit._extend_expiry``)."""

from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date


class SessionCreditExtension(models.Model):
    """A later expiry given to a credit (an injury, a holiday closure): from
    which date to which, why, by whom and when. Written only by
    ``tz.session.credit._extend_expiry``, the one change of ``expiry_date``
    the finality rule allows."""

    _name = "tz.session.credit.extension"
    _inherit = "tz.session.credit.change.mixin"
    _description = "Session Credit Expiry Extension"
    _order = "id desc"

    old_expiry_date = fields.Date(string="From", required=True, readonly=True)
    new_expiry_date = fields.Date(string="To", required=True, readonly=True)
    create_uid = fields.Many2one("res.users", string="Extended By", readonly=True)
    create_date = fields.Datetime(string="Extended On", readonly=True)

    _sql_constraints = [
        (
            "later_date",
            "CHECK(new_expiry_date > old_expiry_date)",
            "An extension moves the expiry to a later date.",
        ),
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        raise UserError(_("The history of expiry extensions cannot be deleted."))


# the ledger's logic lives next to what it is about (see docs/architecture.md)
class SessionCredit(models.Model):
    _inherit = "tz.session.credit"  # pylint: disable=consider-merging-classes-inherited

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

        This is the only write of ``expiry_date`` once a credit exists: the
        finality check of ``write`` admits it because the extension is
        recorded first (see ``tz.session.credit._is_recorded_extension``).

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
        # the extension is recorded first: the finality rule of ``write``
        # admits the new expiry of a credit because its latest recorded
        # extension says so (and nothing else does)
        extensions = (
            self.env["tz.session.credit.extension"].sudo().create(extensions_vals)
        )
        by_date = defaultdict(lambda: self.browse())
        for credit, day in new_dates.items():
            by_date[day] |= credit
        for day, credits in by_date.items():
            # as the current user (access rights and record rules apply); a
            # new expiry gets a new reminder
            credits.write({"expiry_date": day, "expiry_reminder_sent": False})
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
