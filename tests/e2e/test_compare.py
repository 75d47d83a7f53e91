"""End-to-end: Compare (issue 16). The key figures (overall, résumé, flags,
decision) sit beside the per-question rows, and the reviewer decides from
Compare with the profile's commands: shortlist, dismiss, undo per
candidate, the view re-read after each. Every wait is a condition with a
timeout. Leaves the app on the candidate list with nothing selected."""

import re

from selenium.webdriver.common.by import By


def text(app, el):
    return " ".join((app.js("return arguments[0].textContent", el) or "").split())


def to_list(app):
    if app.all("[data-testid=compare-back]"):
        app.find("[data-testid=compare-back]").click()
    if app.all("[data-testid=back]"):
        app.all("[data-testid=back]")[0].click()
    app.find("[data-testid=search]")
    app.list_ready()


def clear_selection(app):
    if app.all("[data-testid=bulk-bar]"):
        app.all("[data-testid=bulk-bar] .btn.ghost")[-1].click()
        app.until(lambda: not app.all("[data-testid=bulk-bar]"), 10)


def states(app):
    return [text(app, e) for e in app.all("[data-testid=compare-decision-state]")]


def test_compare_rows_and_deciding_from_compare(app):
    to_list(app)
    clear_selection(app)
    scored = app.until(
        lambda: [r for r in app.rows() if "%" in text(app, r.find_element(By.CSS_SELECTOR, ".strong"))][:3]
        if len(app.rows()) >= 3 else None,
        15,
    )
    for r in scored:
        r.find_element(By.CSS_SELECTOR, "[data-testid=row-check]").click()
    app.visible("[data-testid=bulk-bar]")
    app.find("[data-testid=bulk-compare]").click()
    app.find("[data-testid=compare-figures]")

    # One cell per candidate in every key-figure row, each a real figure.
    overall = [text(app, td) for td in app.all("[data-testid=compare-overall] td")][:3]
    assert all(re.fullmatch(r"\d+%", v) for v in overall), overall
    resume = [text(app, td) for td in app.all("[data-testid=compare-resume] td")][:3]
    assert all(re.fullmatch(r"\d+%|—", v) for v in resume), resume
    flags = [text(app, td) for td in app.all("[data-testid=compare-flags] td")][:3]
    assert all(v == "None" or re.match(r"\d+ \S", v) for v in flags), flags
    before = states(app)
    assert len(before) == 3 and all(re.match(r"(Pending|Shortlisted|Dismissed)", s) for s in before), before
    # The average polygon is named in the legend (one interviewer's candidates).
    assert "Interviewer average" in text(app, app.find("[data-testid=compare-legend]"))
    app.shot("14b-compare-figures")

    # Shortlist the first (or move back to pending if it already was).
    first_shortlisted = before[0].startswith("Shortlisted")
    app.all("[data-testid=compare-shortlist]")[0].click()
    want = "Pending" if first_shortlisted else "Shortlisted"
    app.until(lambda: states(app)[0] == want, 15, f"first candidate {want}")
    assert app.all("[data-testid=compare-shortlist]")[0].get_attribute("aria-pressed") == ("false" if first_shortlisted else "true")
    # Dismiss the second.
    second_dismissed = before[1].startswith("Dismissed")
    app.all("[data-testid=compare-dismiss]")[1].click()
    want2 = "Pending" if second_dismissed else "Dismissed"
    app.until(lambda: states(app)[1] == want2, 15, f"second candidate {want2}")
    # Each decided candidate offers its own Undo; the third none.
    app.until(lambda: len(app.all("[data-testid=compare-undo]")) == 2, 10, "two Undo buttons")
    app.shot("14c-compare-decided")

    # Undo the first only: it returns to where it was, the second stays.
    undo_cells = app.all("[data-testid=compare-decide]")
    undo_cells[0].find_element(By.CSS_SELECTOR, "[data-testid=compare-undo]").click()
    app.until(lambda: states(app)[0] == before[0], 15, "first candidate undone")
    assert states(app)[1] == want2
    app.until(lambda: len(app.all("[data-testid=compare-undo]")) == 1, 10, "one Undo left")
    app.find("[data-testid=compare-undo]").click()
    app.until(lambda: states(app)[1] == before[1], 15, "second candidate undone")
    app.until(lambda: not app.all("[data-testid=compare-undo]"), 10)

    to_list(app)
    clear_selection(app)
