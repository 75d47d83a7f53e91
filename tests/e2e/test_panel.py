"""End-to-end: a reviewer's evaluation in the profile (F70–F72) — name
yourself once, pick the recommendation with the keyboard (1–4), rate a
question, submit with Enter; the panel view then shows your evaluation."""

from selenium.webdriver.common.keys import Keys

from test_app import back_to_list, text


def checked(app, value):
    return app.find(f"[data-testid=rec-{value}]").get_attribute("aria-checked") == "true"


def test_evaluate_with_the_keyboard_then_the_panel_shows(app):
    app.list_ready()
    # The reviewer named themselves on first run (test_app.py).
    assert not app.all("[data-testid=identity-dialog]")
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
    app.until(lambda: app.find("[data-testid=panel-view]").get_attribute("data-visibility") == "submitted", 20,
              "the panel shows after submitting")
    assert not app.all("[data-testid=panel-hidden]")
    app.until(lambda: "Strong Yes" in text(app, app.find("[data-testid=panel-summary]")), 20,
              "the panel's summary counts the submitted Strong Yes")
    app.js("arguments[0].scrollIntoView({block: 'center'})", app.find("[data-testid=evaluate-panel]"))
    app.shot("50-evaluate-panel")

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
