/** @odoo-module */
// Copyright 2026 TZ Session Credits
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { patch } from "@web/core/utils/patch";
import { Orderline } from "@point_of_sale/app/generic_components/orderline/orderline";

// what a pack line grants (PosOrderline.getDisplayData, see pos_order_line.js)
patch(Orderline, {
    props: {
        ...Orderline.props,
        line: {
            ...Orderline.props.line,
            shape: {
                ...Orderline.props.line.shape,
                tzSessionCredits: { type: String, optional: true },
            },
        },
    },
});
