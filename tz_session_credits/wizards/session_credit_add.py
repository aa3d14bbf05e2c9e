# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.misc import clean_context


class SessionCreditAdd(models.TransientModel):
    """Add Session Credits: to one client (client card) or many (contacts list).

    The selection (ticked clients, or "select all" past
    ``web.active_ids_limit``) comes from ``tz.session.credit.selection.mixin``.
    The wizard only maps its fields to ``tz.session.credit._grant``, which
    validates them.
    """

    _name = "tz.session.credit.add"
    _inherit = ["tz.session.credit.selection.mixin"]
    _description = "Add Session Credits"
    _selection_model = "res.partner"
    _selection_field = "partner_ids"

    partner_ids = fields.Many2many("res.partner", string="Clients")
    partner_count = fields.Integer(
        string="Number of Clients", compute="_compute_partner_count"
    )
    event_type_id = fields.Many2one(
        "tz.session.event.type",
        string="Session Type",
        required=True,
        domain="[('company_id', 'in', [False, company_id])]",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, readonly=True
    )
    quantity = fields.Integer(string="Credits per Client", required=True, default=1)
    expiry_mode = fields.Selection(
        selection=[
            ("none", "No expiry"),
            ("date", "On a date"),
            ("period", "After a period"),
        ],
        string="Expiry",
        required=True,
        default="none",
    )
    expiry_date = fields.Date(string="Expires On")
    validity_number = fields.Integer(string="Valid For", default=1)
    validity_unit = fields.Selection(
        selection=[("days", "Day(s)"), ("weeks", "Week(s)"), ("months", "Month(s)")],
        default="months",
    )
    computed_expiry_date = fields.Date(
        string="Last Valid Day", compute="_compute_computed_expiry_date"
    )
    note = fields.Text()
    notify_client = fields.Boolean(
        string="Email the Clients",
        help="Send each client an email (from an editable template) about the "
        "credits they received.",
    )

    def _selection_messages(self):
        return {
            "ids": _("The selected clients are not valid record ids."),
            "missing": _("Some selected clients do not exist (any more): %s"),
            "domain": _("The selection of clients is not a valid domain."),
        }

    def _get_active_domain(self):
        """The list's domain, restricted to active clients: "select all" over a
        list that also shows archived clients gives credits to the active ones
        (an archived client ticked by hand is refused instead)."""
        return expression.AND([self._selection_domain(), [("active", "=", True)]])

    def _get_partners(self):
        self.ensure_one()
        if self.use_active_domain:
            return self.env["res.partner"].search(self._get_active_domain())
        # archived clients stay in the selection, to be refused with a clear error
        return self.with_context(active_test=False).partner_ids

    @api.depends("partner_ids", "use_active_domain", "active_domain")
    def _compute_partner_count(self):
        for wizard in self:
            if wizard.use_active_domain:
                wizard.partner_count = self.env["res.partner"].search_count(
                    wizard._get_active_domain()
                )
            else:
                wizard.partner_count = len(
                    wizard.with_context(active_test=False).partner_ids
                )

    @api.depends("expiry_mode", "expiry_date", "validity_number", "validity_unit")
    def _compute_computed_expiry_date(self):
        for wizard in self:
            wizard.computed_expiry_date = wizard._get_expiry_date(
                raise_if_invalid=False
            )

    def _get_expiry_date(self, raise_if_invalid=True):
        self.ensure_one()
        if self.expiry_mode == "date":
            if not self.expiry_date and raise_if_invalid:
                raise UserError(_("Choose the date the credits expire on."))
            return self.expiry_date
        if self.expiry_mode == "period":
            if self.validity_number <= 0 or not self.validity_unit:
                if raise_if_invalid:
                    raise UserError(_("The validity period must be at least 1 day."))
                return False
            Credit = self.env["tz.session.credit"]
            try:
                return Credit._last_valid_day(
                    Credit._today(), self.validity_number, self.validity_unit
                )
            except (ValueError, OverflowError) as exc:
                if raise_if_invalid:
                    raise UserError(
                        _("The validity period is too long: choose a date instead.")
                    ) from exc
                return False
        return False

    @api.model_create_multi
    def create(self, vals_list):
        # the Integer field would truncate 2.5 to 2 without a word: the grant's
        # own check sees the value as it was sent
        for vals in vals_list:
            if "quantity" in vals:
                self.env["tz.session.credit"]._check_quantity(vals["quantity"])
        return super().create(vals_list)

    def write(self, vals):
        if "quantity" in vals:
            self.env["tz.session.credit"]._check_quantity(vals["quantity"])
        return super().write(vals)

    def action_add_credits(self):
        self.ensure_one()
        Credit = self.env["tz.session.credit"].with_context(  # pylint: disable=context-overridden
            clean_context(self.env.context)
        )
        partners = self._get_partners()
        credits = Credit._grant(
            partners,
            self.event_type_id,
            self.quantity,
            expiry_date=self._get_expiry_date(),
            note=self.note,
            notify_client=self.notify_client,
        )
        count = len(credits.partner_id)
        qty, etype = self.quantity, self.event_type_id.display_name
        if count == 1:
            message = _("%(qty)s × %(type)s added to 1 client.", qty=qty, type=etype)
        else:
            message = _(
                "%(qty)s × %(type)s added to %(count)s clients.",
                qty=qty,
                type=etype,
                count=count,
            )
        # the dialog closes (``next``), then the notification confirms the grant
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": _("Session credits added"),
                "message": message,
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
