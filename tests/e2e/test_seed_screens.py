"""Seed screens (issue 16): the agent tab's questions and rubric, the
Cross-Agent panel's remembered collapse and refresh, subscribers as people,
and the interviewer header's Actions menu."""

import os
import pathlib

from selenium.webdriver.common.keys import Keys

from test_app import back_to_list, open_interviewer, open_profile_with_video, text


def active_testid(app):
    return app.js("return document.activeElement && document.activeElement.getAttribute('data-testid')")


def test_seed_screens(app):
    open_interviewer(app)

    # Agent tab: the questions the interviewer asks, each with its rubric.
    app.find("[data-testid=tab-agent]").click()
    app.find("[data-testid=agent-tab]")
    app.until(lambda: app.all("[data-testid=agent-question]"), 20, "agent questions shown")
    first = text(app, app.all("[data-testid=agent-question]")[0])
    assert "Criteria" in first and "Score 1" in first and "Score 5" in first and "Weight" in first, first
    app.shot("60-agent-tab")

    # Subscribers: see who, add (a bad address is refused with a message), remove.
    app.find("[data-testid=subscribers-button]").click()
    app.visible("[data-testid=subscribers-dialog]")
    before = len(app.all("[data-testid=subscriber]"))
    assert int(text(app, app.find("[data-testid=subscribers-button]"))) == before
    box = app.find("[data-testid=subscriber-email]")
    box.send_keys("not an address")
    app.find("[data-testid=subscriber-add]").click()
    err = app.visible("[data-testid=subscriber-error]", 10)
    assert "e-mail address" in text(app, err), text(app, err)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("e2e.reviewer@example.org")
    app.find("[data-testid=subscriber-add]").click()
    app.until(lambda: len(app.all("[data-testid=subscriber]")) == before + 1, 10, "subscriber added")
    assert not app.all("[data-testid=subscriber-error]")
    assert "e2e.reviewer@example.org" in text(app, app.find("[data-testid=subscriber-list]"))
    app.until(lambda: int(text(app, app.find("[data-testid=subscribers-button]"))) == before + 1, 10, "count follows")
    app.shot("61-subscribers")
    added = [s for s in app.all("[data-testid=subscriber]") if "e2e.reviewer@example.org" in text(app, s)][0]
    added.find_element("css selector", "[data-testid=subscriber-remove]").click()
    app.until(lambda: len(app.all("[data-testid=subscriber]")) == before, 10, "subscriber removed")
    app.find("[data-testid=subscribers-dialog] [aria-label=Close]").click()
    app.until(lambda: not app.all("[data-testid=subscribers-dialog]"), 10)
    app.until(lambda: int(text(app, app.find("[data-testid=subscribers-button]"))) == before, 10)

    # Actions menu: opens from the keyboard, arrows move, Escape closes.
    btn = app.find("[data-testid=actions-menu]")
    btn.click()
    app.visible("[data-testid=actions-list]")
    labels = [text(app, b) for b in app.all("[data-testid=actions-list] [role=menuitem]")]
    assert any(l.startswith("Pipeline report") for l in labels), labels
    assert any(l.startswith("Export CSV") for l in labels), labels
    app.until(lambda: active_testid(app) == "action-sync", 10, "first item focused")
    app.key(Keys.ARROW_DOWN)
    app.until(lambda: active_testid(app) == "action-report", 10, "arrow down moves")
    app.key(Keys.END)
    app.until(lambda: active_testid(app) == "action-settings", 10, "End goes last")
    app.shot("62-actions-menu")
    app.key(Keys.ESCAPE)
    app.until(lambda: not app.all("[data-testid=actions-list]"), 10, "Escape closes")
    app.until(lambda: active_testid(app) == "actions-menu", 10, "focus back on the button")
    # Choosing an item works: Interviewer settings opens the Settings tab.
    app.key(Keys.ARROW_DOWN)
    app.until(lambda: active_testid(app) == "action-sync", 10)
    app.key(Keys.END)
    app.key(Keys.ENTER)
    app.until(lambda: app.find("[data-testid=tab-settings]").get_attribute("aria-selected") == "true", 10)
    app.find("[data-testid=tab-candidates]").click()
    # Export CSV from the menu: every candidate, the list's columns.
    saves = pathlib.Path(os.environ["SHORTLIST_E2E_SAVE_DIR"])
    before_csv = {p: p.stat().st_mtime for p in saves.glob("*.csv")}
    app.find("[data-testid=actions-menu]").click()
    app.visible("[data-testid=action-csv]").click()

    def new_csv():
        for p in saves.glob("*.csv"):
            if p.stat().st_size > 0 and before_csv.get(p) != p.stat().st_mtime:
                return p
        return None

    csv_file = app.until(new_csv, 30, "the menu's CSV export was saved")
    lines = app.until(lambda: csv_file.read_text(encoding="utf-8-sig").splitlines(), 10)
    header = lines[0]
    assert header.startswith("Name,Email") and "Overall score" in header and "Last engaged" in header, header
    assert len(lines) > 2, lines[:3]

    # Cross-Agent panel: collapse is remembered across profiles; Refresh re-runs.
    open_profile_with_video(app)
    app.find("[data-testid=layout-modular]").click()
    app.find("[data-testid=ptab-evaluations]").click()
    app.find("[data-testid=cross-agent]")
    toggle = app.find("[data-testid=xa-toggle]")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
        app.until(lambda: app.find("[data-testid=xa-toggle]").get_attribute("aria-expanded") == "true", 10)
    app.find("[data-testid=xa-retry]").click()
    app.until(lambda: app.find("[data-testid=xa-retry]").is_enabled(), 20, "refresh finished")
    app.until(lambda: app.all("[data-testid=xa-meta]"), 20)
    app.find("[data-testid=xa-toggle]").click()
    app.until(lambda: app.find("[data-testid=cross-agent]").get_attribute("data-collapsed") == "true", 10)
    assert not app.all("[data-testid=xa-retry]")
    app.shot("63-cross-agent-collapsed")
    # Another profile: still collapsed (a ui.* setting in the workspace).
    back_to_list(app)
    app.click_row(1)
    app.find("[data-testid=candidate-name]")
    app.find("[data-testid=ptab-evaluations]").click()
    app.until(lambda: app.find("[data-testid=cross-agent]").get_attribute("data-collapsed") == "true", 10, "collapse remembered")
    # Expand again (other tests use the open panel), and it runs the check.
    app.find("[data-testid=xa-toggle]").click()
    app.until(lambda: app.all("[data-testid=xa-meta]"), 20, "check ran on expand")
    back_to_list(app)
