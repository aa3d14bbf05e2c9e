# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.tz_session_credits.models.session_credit import MAX_QUANTITY_PER_GRANT


class ProductTemplate(models.Model):
    """A *session pack*: a service product with a session type. Selling it
    grants ``session_credit_quantity`` credits of that type per unit sold.

    As ``event_product`` does for event tickets, a pack is tracked with its own
    ``service_tracking`` value (``session_credits``), which follows the event
    type: set the type, the product is a pack."""

    _inherit = "product.template"

    service_tracking = fields.Selection(
        selection_add=[("session_credits", "Session Credits")],
        ondelete={"session_credits": "set default"},
    )
    session_credit_event_type_id = fields.Many2one(
        "tz.session.event.type",
        string="Session Type",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        domain="[('company_id', 'in', [False, company_id])]",
        help="Selling this service grants the customer credits of this session "
        "type. Leave empty for a product that is not a session pack.",
    )
    session_credit_quantity = fields.Integer(
        string="Credits per Unit",
        default=1,
        help="Credits granted for each unit sold.",
    )
    session_credit_validity_number = fields.Integer(
        string="Valid For",
        default=1,
        help="The credits can be used for this long after they are granted "
        "(the order's confirmation).",
    )
    session_credit_validity_unit = fields.Selection(
        selection=[
            ("none", "No expiry"),
            ("days", "Day(s)"),
            ("weeks", "Week(s)"),
            ("months", "Month(s)"),
        ],
        string="Validity",
        default="none",
        required=True,
    )
    session_credit_summary = fields.Char(
        string="Session Credits Summary",
        compute="_compute_session_credit_summary",
        help="What a unit of this pack grants, e.g. “10 session credits, valid 3 "
        "months”.",
    )

    @api.depends("session_credit_event_type_id")
    def _compute_service_tracking(self):
        res = super()._compute_service_tracking()
        for template in self:
            if template.session_credit_event_type_id and template.type == "service":
                template.service_tracking = "session_credits"
            elif template.service_tracking == "session_credits":
                template.service_tracking = "no"
        return res

    @api.depends(
        "session_credit_event_type_id",
        "session_credit_quantity",
        "session_credit_validity_number",
        "session_credit_validity_unit",
    )
    def _compute_session_credit_summary(self):
        # every _() here, in the method itself: Odoo finds the language in
        # the caller's ``self`` (in a lambda it would find none and log
        # "no translation language detected")
        for template in self:
            if not template.session_credit_event_type_id:
                template.session_credit_summary = False
                continue
            qty = template.session_credit_quantity
            credits = (
                _("1 session credit") if qty == 1 else _("%s session credits", qty)
            )
            unit = template.session_credit_validity_unit
            number = template.session_credit_validity_number
            if unit == "days":
                period = _("%s day", number) if number == 1 else _("%s days", number)
            elif unit == "weeks":
                period = _("%s week", number) if number == 1 else _("%s weeks", number)
            elif unit == "months":
                period = (
                    _("%s month", number) if number == 1 else _("%s months", number)
                )
            else:
                template.session_credit_summary = _("%s, no expiry", credits)
                continue
            template.session_credit_summary = _(
                "%(credits)s, valid %(period)s", credits=credits, period=period
            )

    @api.constrains(
        "session_credit_event_type_id",
        "session_credit_quantity",
        "session_credit_validity_number",
        "session_credit_validity_unit",
        "type",
    )
    def _check_session_credit_pack(self):
        for template in self:
            if not template.session_credit_event_type_id:
                if template.service_tracking == "session_credits":
                    raise ValidationError(
                        _(
                            "“%s” is tracked as a session pack: choose the session "
                            "type of its credits.",
                            template.display_name,
                        )
                    )
                continue
            if template.type != "service":
                raise ValidationError(
                    _(
                        "Only service products can be session packs (“%s”).",
                        template.display_name,
                    )
                )
            if not 1 <= template.session_credit_quantity <= MAX_QUANTITY_PER_GRANT:
                raise ValidationError(
                    _(
                        "A session pack grants between 1 and %(max)s credits per "
                        "unit (“%(product)s”: %(qty)s).",
                        max=MAX_QUANTITY_PER_GRANT,
                        product=template.display_name,
                        qty=template.session_credit_quantity,
                    )
                )
            if (
                template.session_credit_validity_unit != "none"
                and template.session_credit_validity_number < 1
            ):
                raise ValidationError(
                    _(
                        "The validity of the session pack “%s” must be at least 1.",
                        template.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # ``service_tracking`` has a default, so its compute does not run on
        # create: a product created with a session type is a pack at once
        for vals in vals_list:
            if vals.get("session_credit_event_type_id"):
                vals.setdefault("service_tracking", "session_credits")
        return super().create(vals_list)

    @api.onchange("session_credit_event_type_id")
    def _onchange_session_credit_event_type_id(self):
        if self.session_credit_event_type_id and self.type != "service":
            self.type = "service"

    @api.model
    def _get_saleable_tracking_types(self):
        """A pack is sold as any product is: in the online shop too, whose
        listing and search show only these tracking types to customers."""
        return super()._get_saleable_tracking_types() + ["session_credits"]

    def _session_credit_grants_on_confirm(self):
        """Whether selling this product grants its credits once, when the
        order is confirmed: a session pack does. A bridge whose products are
        paid for otherwise (a membership, granted period by period as its
        invoices are posted) says no for them."""
        self.ensure_one()
        return bool(self.session_credit_event_type_id)

    def _session_credit_expiry(self, day):
        """The last day credits granted on ``day`` can be used ("valid 3
        months" from 10 Jan: usable through 9 Apr, as in the wizard), or
        False when they never expire."""
        self.ensure_one()
        unit = self.session_credit_validity_unit
        if unit == "none" or not unit:
            return False
        return self.env["tz.session.credit"]._last_valid_day(
            day, self.session_credit_validity_number, unit
        )

    def _session_credit_sale_values(self, line, credits):
        """The values of ``credits`` credits of this pack sold today on
        ``line`` (a sale or a POS order line): their last valid day, today
        being the seller's (else the company's), and the untaxed price paid
        per credit in the company's currency."""
        self.ensure_one()
        order = line.order_id
        company = order.company_id
        tz = self.env.user.tz or company.partner_id.tz or "UTC"
        today = fields.Date.context_today(self.with_context(tz=tz))
        subtotal = order.currency_id._convert(
            line.price_subtotal, company.currency_id, company, order.date_order or today
        )
        return {
            "expiry_date": self._session_credit_expiry(today),
            "unit_value": subtotal / credits if credits else 0.0,
        }
