"""Browser helpers for the tours: screenshots for the README, phone emulation.

Screenshots
-----------

A tour step asks for one by logging ``tz_screenshot:<name>`` to the console
(see ``screenshot()`` in the tours). While ``capture_screenshots()`` is active,
the test's Chrome answers that message: it captures the page (CDP
``Page.captureScreenshot``, the call behind Odoo's own
``ChromeBrowser.take_screenshot``) into ``docs/<name>.png``, then sets
``data-tz-screenshot="<name>"`` on ``<body>``, which the tour waits for.

The PNG files are written only when ``TZ_SCREENSHOTS=1`` (so that CI leaves
the work tree clean); otherwise the tour is answered at once.

Phone
-----
``HttpCase`` only sets the viewport size (``browser_size``) and touch
(``touch_enabled``) and keeps a desktop browser: its scrollbars take 15 px of
the 390. ``emulate_phone()`` makes Chrome a phone (mobile viewport, overlay
scrollbars) as a buyer's phone would be.
"""

import base64
import contextlib
import json
import logging
import os
import pathlib
import re
import threading
from unittest.mock import patch

from odoo.tests.common import ChromeBrowser

_logger = logging.getLogger(__name__)

DOCS_DIR = pathlib.Path(__file__).resolve().parent.parent / "docs"
ENV_VAR = "TZ_SCREENSHOTS"
SIGNAL = "tz_screenshot:"


def screenshots_enabled():
    return os.environ.get(ENV_VAR, "") not in ("", "0")


class ScreenshotRecorder:
    """What ``capture_screenshots`` hands back: the names answered, the files
    written and the errors met (a failed capture must fail the test)."""

    def __init__(self, scale):
        self.scale = scale
        self.requested = []
        self.written = []
        self.errors = []
        self._lock = threading.Lock()

    def handle(self, browser, name):
        """Runs in the browser's websocket thread: only non-blocking sends."""
        with self._lock:
            self.requested.append(name)
        if not re.fullmatch(r"[a-z0-9_]+", name):
            self._fail(browser, name, f"invalid screenshot name {name!r}")
            return
        if not screenshots_enabled():
            self._answer(browser, name)
            return
        params = {"format": "png", "captureBeyondViewport": False}
        if self.scale != 1:
            size = browser.test_case.browser_size.replace("x", ",").split(",")
            width, height = (int(v) for v in size)
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": width,
                "height": height,
                "scale": self.scale,
            }
        future = browser._websocket_send(
            "Page.captureScreenshot", params=params, with_future=True
        )

        def done(fut):
            try:
                data = base64.b64decode(fut.result()["data"], validate=True)
                DOCS_DIR.mkdir(exist_ok=True)
                path = DOCS_DIR / f"{name}.png"
                path.write_bytes(data)
            except Exception as exc:  # noqa: BLE001 - reported by the test
                self._fail(browser, name, f"screenshot {name} failed: {exc}")
                return
            with self._lock:
                self.written.append(path)
            _logger.info("Screenshot written: %s", path)
            self._answer(browser, name)

        future.add_done_callback(done)

    def _fail(self, browser, name, message):
        with self._lock:
            self.errors.append(message)
        # answer anyway: the tour goes on, the test fails on ``errors``
        self._answer(browser, name)

    @staticmethod
    def _answer(browser, name):
        browser._websocket_send(
            "Runtime.evaluate",
            params={
                "expression": f"document.body.dataset.tzScreenshot = {json.dumps(name)}"
            },
        )


@contextlib.contextmanager
def capture_screenshots(scale=1):
    """Answer the tours' screenshot requests while the block runs.

    ``scale`` > 1 renders the viewport at that device pixel ratio (sharper
    phone screenshots) without changing the CSS layout.
    """
    recorder = ScreenshotRecorder(scale)
    original = ChromeBrowser._handle_console

    def handle_console(browser, type, args=None, stackTrace=None, **kw):  # noqa: A002
        first = args[0].get("value") if args else None
        if type == "log" and isinstance(first, str) and first.startswith(SIGNAL):
            recorder.handle(browser, first[len(SIGNAL) :])
            return None
        return original(browser, type, args=args, stackTrace=stackTrace, **kw)

    # ChromeBrowser binds its handlers when it starts: start the tour inside.
    with patch.object(ChromeBrowser, "_handle_console", handle_console):
        yield recorder


@contextlib.contextmanager
def emulate_phone():
    """Chrome started inside the block is a phone of the test's
    ``browser_size``: mobile viewport, scrollbars that take no room."""
    original = ChromeBrowser.__init__

    def init(browser, test_case, *args, **kwargs):
        original(browser, test_case, *args, **kwargs)
        width, height = (int(v) for v in test_case.browser_size.split(","))
        browser._websocket_request(
            "Emulation.setDeviceMetricsOverride",
            params={
                "mobile": True,
                "width": width,
                "height": height,
                "deviceScaleFactor": 1,
            },
        )
        browser._websocket_request(
            "Emulation.setScrollbarsHidden", params={"hidden": True}
        )

    with patch.object(ChromeBrowser, "__init__", init):
        yield
