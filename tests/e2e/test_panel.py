"""End-to-end: a reviewer's evaluation in the profile (F70–F72) — name
yourself once, pick the recommendation with the keyboard (1–4), rate a
question, submit with Enter; the panel view then shows your evaluation."""

from selenium.webdriver.common.keys import Keys

from test_app import back_to_list, text


def checked(app, value):
    return app.find(f"[data-testid=rec-{value}]").get_attribute("aria-checked") == "true"


def test_evaluate_with_the_keyboard_then_the_panel_shows(app):
    app.list_ready()
    # First run asks who reviews (non-modal, at the top of the window).
    if app.all("[data-testid=identity-dialog]"):
        app.find("[data-testid=identity-name]").send_keys("Dana Reviewer")
        app.find("[data-testid=identity-email]").send_keys("dana@example.org")
        app.find("[data-testid=identity-save]").click()
        app.until(lambda: not app.all("[data-testid=identity-dialog]"), 20, "the identity is saved")
    app.click_row(2)
    app.find("[data-testid=candidate-name]")
    panel = app.visible("[data-testid=evaluate-panel]")
    app.js("arguments[0].scrollIntoView({block: 'center'})", panel)
    # Not submitted yet: the others' evaluations stay hidden.
    app.find("[data-testid=panel-hidden]")

    # Keys 1–4 choose the recommendation (focus is not in a text field).
    app.js("document.activeElement && document.activeElement.blur()")
    app.key("2")
    app.until(lambda: checked(app, "no"), 10, "key 2 picks No")
    app.key("4")
    app.until(lambda: checked(app, "strong_yes") and not checked(app, "no"), 10, "key 4 picks Strong Yes")
    rates = app.all("[data-testid^=rate-]")
    if rates:
        rates[2].click()  # the first question: 3 of 4
        app.until(lambda: rates[2].get_attribute("aria-checked") == "true", 10, "the rating is set")
    comment = app.find("[data-testid=eval-comment]")
    comment.send_keys("Calm under pressure; clear answers.")
    app.find("[data-testid=eval-draft-saved]", timeout=20)

    # Ctrl+Enter in the comment submits.
    comment.send_keys(Keys.CONTROL, Keys.ENTER)
    app.find("[data-testid=eval-submitted]", timeout=20)
    app.until(lambda: app.all("[data-testid=panel-eval]"), 20, "the panel shows after submitting")
    shown = text(app, app.find("[data-testid=panel-view]"))
    assert "Strong Yes" in shown and "Calm under pressure" in shown, shown
    assert not app.all("[data-testid=panel-hidden]")
    app.js("arguments[0].scrollIntoView({block: 'center'})", app.find("[data-testid=evaluate-panel]"))
    app.shot("21-evaluate-panel")

    # Amending keeps the earlier version.
    app.find("[data-testid=eval-amend]").click()
    app.js("document.activeElement && document.activeElement.blur()")
    app.key("3")
    app.until(lambda: checked(app, "yes"), 10, "key 3 picks Yes while amending")
    app.find("[data-testid=eval-submit]").click()
    app.find("[data-testid=eval-submitted]", timeout=20)
    app.until(lambda: "earlier version" in text(app, app.find("[data-testid=evaluate-panel]")), 20,
              "the amendment keeps the earlier version")
    back_to_list(app)
