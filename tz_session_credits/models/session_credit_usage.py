# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SessionCreditUsage(models.Model):
    """One session a client booked: the credit it consumed, or an unpaid use
    on account (no credit) that the next grant of that type settles first.

    Written only by the booking logic (``calendar.event``); nobody creates,
    edits or deletes a usage by hand (no access right allows it).
    """

    _name = "tz.session.credit.usage"
    _description = "Session Credit Use"
    _order = "date desc, id desc"
    _check_company_auto = True

    credit_id = fields.Many2one(
        "tz.session.credit",
        string="Credit",
        index=True,
        # credits cannot be deleted (see tz.session.credit); only uninstalling
        # the module removes them, and their uses with them
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    event_type_id = fields.Many2one(
        "tz.session.event.type",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",  # event types in use cannot be deleted either
    )
    event_id = fields.Many2one(
        "calendar.event",
        string="Session",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    event_name = fields.Char(string="Session Name", readonly=True)
    date = fields.Datetime(string="Session Date", required=True, readonly=True)
    state = fields.Selection(
        selection=[
            ("consumed", "Used"),
            ("unpaid", "On Account (unpaid)"),
            ("returned", "Returned"),
        ],
        required=True,
        default="consumed",
        readonly=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("event_type_id", "event_name")
    def _compute_display_name(self):
        for usage in self:
            usage.display_name = _(
                "%(type)s: %(session)s",
                type=usage.event_type_id.display_name or "",
                session=usage.event_name or "",
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("The history of session credit uses cannot be deleted."))

    def _release(self):
        """Give the credits back, unless the session has already started.

        :return: the uses actually returned
        """
        released = self.filtered(
            lambda u: not (u.event_id and u.event_id._session_has_started())
        )
        if released:
            released.sudo().write({"state": "returned"})
            released.partner_id._invalidate_session_credit_figures()
        return released
