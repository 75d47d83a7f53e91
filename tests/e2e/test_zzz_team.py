"""End-to-end: two reviewers' windows on one team server (F72, F74).

run.sh starts a throw-away PostgreSQL and hands its admin URL over. Two
demo workspaces join the team through the CLI (`team add-reviewer`, `team
init`). Ana evaluates a candidate in her window; her event goes to the
server (`team push`) and into Ben's workspace (`team pull`); in Ben's window
the panel shows nothing of Ana's until Ben submits his own, then both.
Runs last: it takes over the shared window and gives it back."""

import os
import subprocess
import urllib.parse

import pytest

from conftest import launch
from test_app import text


def cli(*args, env=None):
    out = subprocess.run([os.environ["E2E_CLI"], *map(str, args)], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, timeout=120)
    assert out.returncode == 0, f"shortlist {args}: {out.stderr}"
    return out.stdout


def checked(app, value):
    return app.find(f"[data-testid=rec-{value}]").get_attribute("aria-checked") == "true"


def evaluate(app, key, value):
    app.visible("[data-testid=evaluate-panel]")
    app.js("document.activeElement && document.activeElement.blur()")
    app.key(key)
    app.until(lambda: checked(app, value), 10, f"key {key} picks {value}")
    app.find("[data-testid=eval-submit]").click()
    app.find("[data-testid=eval-submitted]", timeout=20)


def test_two_reviewers_see_each_other_only_after_submitting(app, tmp_path):
    admin = os.environ.get("E2E_PG_ADMIN_URL")
    if not admin:
        pytest.fail("E2E_PG_ADMIN_URL is not set: run through tests/e2e/run.sh, which starts PostgreSQL")
    pw = os.environ["SHORTLIST_TEAM_PASSWORD"]
    server = urllib.parse.urlsplit(admin)
    ws = {}
    for who in ("Ana", "Ben"):
        login = f"{who.lower()}@example.org"
        d = tmp_path / who.lower()
        cli("--workspace", d, "demo")
        cli("--workspace", tmp_path / "admin", "team", "add-reviewer", admin, login,
            env={"SHORTLIST_REVIEWER_PASSWORD": pw})
        url = f"postgres://{urllib.parse.quote(login)}:{pw}@{server.hostname}:{server.port}{server.path}"
        cli("--workspace", d, "team", "init", url, "--reviewer", who, "--email", login)
        ws[who] = d

    shared = app.driver
    shared.quit()
    try:
        # Ana evaluates the first candidate of the list.
        app.driver = launch(ws["Ana"])
        app.list_ready(timeout=120)
        app.click_row(0)
        name = text(app, app.find("[data-testid=candidate-name]"))
        app.find("[data-testid=panel-hidden]")
        evaluate(app, "4", "strong_yes")
        app.driver.quit()
        cli("--workspace", ws["Ana"], "team", "push")
        cli("--workspace", ws["Ben"], "team", "pull")

        # Ben, on his laptop, sees nothing of Ana's before he submits.
        app.driver = launch(ws["Ben"])
        app.list_ready(timeout=120)
        app.click_row(0)
        assert text(app, app.find("[data-testid=candidate-name]")) == name
        app.find("[data-testid=panel-hidden]")
        panel = text(app, app.find("[data-testid=panel-view]"))
        assert "Ana" not in panel and "Strong Yes" not in panel, panel
        evaluate(app, "2", "no")
        app.until(lambda: app.find("[data-testid=panel-view]").get_attribute("data-visibility") == "submitted",
                  20, "Ben's panel opens after he submits")
        app.until(lambda: "Ana" in text(app, app.find("[data-testid=panel-view]")), 20, "Ana's evaluation shows")
        panel = text(app, app.find("[data-testid=panel-view]"))
        assert "Strong Yes" in panel, panel
        summary = text(app, app.find("[data-testid=panel-summary]"))
        assert "1 Strong Yes" in summary and "1 No" in summary and "split" in summary, summary
        app.js("arguments[0].scrollIntoView({block: 'center'})", app.find("[data-testid=evaluate-panel]"))
        app.shot("51-panel-two-reviewers")
        app.driver.quit()
    finally:
        app.driver = launch(app.workspace)
