/** @odoo-module */
// Copyright 2026 TZ Session Credits
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { SessionCreditsPanel } from "./session_credits_panel/session_credits_panel";

ProductScreen.components = { ...ProductScreen.components, SessionCreditsPanel };
