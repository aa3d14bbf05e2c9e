"""Suite-wide pytest hooks.

A skipped test proves nothing. Odoo skips browser tours silently when
``websocket-client`` or Chromium is missing, and pytest-odoo skips every
``HttpCase`` when ``--odoo-http`` is not given; the suite must then fail
instead of reporting success.
"""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = (
            report.longrepr[2]
            if isinstance(report.longrepr, tuple)
            else report.longrepr
        )
        report.outcome = "failed"
        report.longrepr = f"Skipped tests fail this suite: {reason}"
