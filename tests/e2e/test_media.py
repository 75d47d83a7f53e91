"""End-to-end: the résumé viewer (pdf.js pages on canvas), the player's
captions / volume / full screen, and find inside one transcript. Shares the
window with test_app.py; each test leaves the app on the candidate list."""

import os
import pathlib

import pytest
from selenium.webdriver.common.keys import Keys

from test_app import back_to_list, open_profile_with_video, text


def ink(img):
    """Share of pixels that are clearly not paper-white."""
    grey = img.convert("L")
    dark = sum(1 for v in grey.getdata() if v < 200)
    return dark / max(1, grey.width * grey.height)


def open_profile_with_resume(app, tries=60):
    """Open the first candidate whose résumé tab shows a PDF, stepping
    through candidates with `j` on the résumé tab."""
    app.list_ready()
    app.click_row(0)
    app.find("[data-testid=candidate-name]")
    app.find("[data-testid=ptab-resume]").click()
    for _ in range(tries):
        name = text(app, app.find("[data-testid=candidate-name]"))
        found = app.until(
            lambda: app.all("[data-testid=resume-viewer]") or app.all("[data-testid=resume-empty]"),
            20,
            "the résumé tab shows a viewer or says there is no file",
        )
        if found[0].get_attribute("data-testid") == "resume-viewer":
            return name
        app.key("j")
        app.until(lambda: text(app, app.find("[data-testid=candidate-name]")) != name, 20, "next candidate")
    pytest.fail(f"no candidate with a résumé file among {tries}")


def viewer(app, attr):
    return app.js(
        "const v = document.querySelector('[data-testid=resume-viewer]'); return v && v.getAttribute(arguments[0]);",
        attr,
    )


def wait_painted(app, what):
    app.until(
        lambda: viewer(app, "data-status") in ("ready", "error") and (viewer(app, "data-status") == "error" or int(viewer(app, "data-painted") or 0) >= 1),
        90,
        f"the résumé is drawn ({what})",
    )
    assert viewer(app, "data-status") == "ready", text(app, app.find("[data-testid=resume-viewer]"))


@pytest.mark.default_config
def test_resume_pdf_is_drawn_as_pages(app):
    name = open_profile_with_resume(app)
    wait_painted(app, "first load")
    # The canvas carries the page's pixels (pdf.js drew), not a blank box.
    painted = app.js(
        "const c = document.querySelector('[data-testid=resume-page]');"
        "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        "let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && d[i] < 200) n++;"
        "return [n, c.width * c.height];"
    )
    assert painted[0] > painted[1] * 0.002, painted
    # What the screen shows (grabbed from X): text on paper, not a blank page.
    app.until(lambda: ink(app.picture("[data-testid=resume-page]")) > 0.004, 30,
              "the résumé page on screen shows text")
    # The text layer makes the résumé's words selectable (the name on it).
    first = name.split()[0]
    app.until(
        lambda: first in (app.js("return document.querySelector('[data-testid=resume-text]').textContent") or ""),
        20,
        f"the résumé's text layer holds {first!r}",
    )
    # ... laid over the drawn page, not beside it.
    outside = app.js(
        "const p = document.querySelector('[data-testid=resume-page]').getBoundingClientRect();"
        "const spans = [...document.querySelectorAll('[data-testid=resume-text] span')].filter(s => s.textContent.trim());"
        "return [spans.length, spans.filter(s => { const r = s.getBoundingClientRect();"
        "  return r.left < p.left - 2 || r.right > p.right + 2 || r.top < p.top - 2 || r.bottom > p.bottom + 2; }).length];"
    )
    assert outside[0] > 3 and outside[1] == 0, outside
    pages = text(app, app.find("[data-testid=resume-viewer] .pages"))
    assert pages.startswith("Page 1 of "), pages
    app.shot("06b-resume-pdf")

    # Zoom in, then back to fit width: the page is redrawn at each size.
    before = app.js("return document.querySelector('[data-testid=resume-page]').getBoundingClientRect().width")
    fit_label = text(app, app.find("[data-testid=resume-zoom]"))
    app.find("[data-testid=resume-zoom-in]").click()
    app.until(lambda: text(app, app.find("[data-testid=resume-zoom]")) != fit_label, 10, "zoom label changes")
    app.until(
        lambda: app.js("return document.querySelector('[data-testid=resume-page]').getBoundingClientRect().width") > before + 4,
        10,
        "the page grows when zooming in",
    )
    app.until(lambda: int(viewer(app, "data-painted") or 0) >= 1, 30, "redrawn after zoom")
    app.until(lambda: app.find("[data-testid=resume-fit]").get_attribute("aria-pressed") == "false", 10, "zoomed: fit is off")
    app.find("[data-testid=resume-fit]").click()
    app.until(lambda: text(app, app.find("[data-testid=resume-zoom]")) == fit_label, 10, "fit width again")

    # "Save file…" writes the original PDF itself (not a ZIP around it).
    saves = pathlib.Path(os.environ.get("SHORTLIST_E2E_SAVE_DIR", ""))
    if saves.is_dir():
        before_files = set(saves.iterdir())
        app.find("[data-testid=resume-save-top]").click()
        # Written beside as a hidden temporary file, then renamed: a new
        # visible file is whole.
        new = app.until(lambda: {p for p in set(saves.iterdir()) - before_files if not p.name.startswith(".")}, 30, "the résumé is saved")
        assert len(new) == 1, new
        path = new.pop()
        assert path.suffix == ".pdf" and "résumé" in path.name, path.name
        assert path.read_bytes()[:5] == b"%PDF-"
        path.unlink()
    back_to_list(app)


def video_js(app, expr):
    return app.js(f"const v = document.querySelector('[data-testid=video]'); return {expr};")


@pytest.mark.default_config
def test_video_captions_volume_and_full_screen(app):
    open_profile_with_video(app)
    app.until(lambda: video_js(app, "v.readyState") >= 1, 60, "video metadata loaded")
    # Captions: a WebVTT track made from the transcript, off until asked for.
    app.find("[data-testid=captions-track]")
    assert video_js(app, "v.textTracks.length") == 1
    assert video_js(app, "v.textTracks[0].mode") != "showing"
    app.find("[data-testid=captions]").click()
    app.until(lambda: video_js(app, "v.textTracks[0].mode") == "showing", 10, "CC shows the captions track")
    app.until(lambda: video_js(app, "v.textTracks[0].cues ? v.textTracks[0].cues.length : 0") > 2, 20,
              "the captions track loaded its cues (CSP allows the blob: track)")
    first = video_js(app, "v.textTracks[0].cues[0].text")
    assert ":" in first and "-->" not in first, first
    app.find("[data-testid=ptab-summary]").click()  # focus out of the controls
    app.key("c")
    app.until(lambda: video_js(app, "v.textTracks[0].mode") == "hidden", 10, "C turns captions off")
    app.key("c")
    app.until(lambda: video_js(app, "v.textTracks[0].mode") == "showing", 10, "C turns captions on")

    # Volume and mute, from the slider, the button and the M key.
    app.js(
        "const s = document.querySelector('[data-testid=volume]');"
        "s.value = '0.4'; s.dispatchEvent(new Event('input', { bubbles: true }));"
    )
    app.until(lambda: abs(video_js(app, "v.volume") - 0.4) < 0.01, 10, "the slider sets the volume")
    app.key("m")
    app.until(lambda: video_js(app, "v.muted") is True, 10, "M mutes")
    app.until(lambda: app.find("[data-testid=mute]").get_attribute("aria-pressed") == "true", 10, "the mute button shows muted")
    app.find("[data-testid=mute]").click()
    app.until(lambda: video_js(app, "v.muted") is False, 10, "the button unmutes")
    assert abs(video_js(app, "v.volume") - 0.4) < 0.01

    # Full screen: the whole player (picture and controls); Esc leaves full
    # screen but stays on the profile.
    try:
        app.find("[data-testid=play]").click()
        app.until(lambda: video_js(app, "v.currentTime") > 0.3, 60, "playing")
        app.key("f")
        app.until(
            lambda: app.js("return document.fullscreenElement && document.fullscreenElement.dataset.testid") == "player",
            15,
            "F puts the player in full screen",
        )
        app.until(lambda: app.find("[data-testid=fullscreen]").get_attribute("aria-pressed") == "true", 10, "the button shows full screen")
        app.shot("09b-player-fullscreen-captions")
        app.key(Keys.ESCAPE)
        app.until(lambda: not app.js("return document.fullscreenElement"), 15, "Esc leaves full screen")
        assert app.all("[data-testid=candidate-name]"), "Esc in full screen also left the profile"
        app.find("[data-testid=fullscreen]").click()
        app.until(lambda: app.js("return !!document.fullscreenElement"), 15, "the button enters full screen")
        app.find("[data-testid=fullscreen]").click()
        app.until(lambda: not app.js("return document.fullscreenElement"), 15, "the button leaves full screen")
    finally:
        # A failure above must not leave the window in full screen for the
        # tests after this one.
        app.js("if (document.fullscreenElement) document.exitFullscreen()")
    app.js("document.querySelector('[data-testid=video]').pause()")
    app.find("[data-testid=captions]").click()  # leave captions off for later tests
    back_to_list(app)


@pytest.mark.default_config
def test_video_transcript_find(app):
    open_profile_with_video(app)
    app.find("[data-testid=ptab-transcript]").click()
    lines = app.all("[data-testid=transcript-line]")
    assert len(lines) > 2
    # A word the candidate said, looked for from the keyboard: / focuses the box.
    words = [w for w in text(app, lines[-1].find_element("css selector", ".tx")).split() if len(w.strip(".,;:!?")) >= 4]
    word = words[0].strip(".,;:!?")
    app.find("[data-testid=ptab-transcript]").click()
    app.key("/")
    app.until(lambda: app.js("return document.activeElement && document.activeElement.dataset.testid") == "transcript-find",
              10, "/ focuses the find box")
    box = app.find("[data-testid=transcript-find]")
    box.send_keys(word)
    count = app.until(lambda: text(app, app.find("[data-testid=transcript-find-count]")), 10, "a match count")
    n = int(count.split(" of ")[1])
    assert count.startswith(("1 of", f"{n} of")) or " of " in count, count
    marks = app.all("[data-testid=transcript-match]")
    assert len(marks) == n
    assert all(word.lower() in text(app, m).lower() for m in marks)
    current = app.js("return document.querySelector('mark.current').dataset.match")
    box.send_keys(Keys.ENTER)
    app.until(lambda: app.js("return document.querySelector('mark.current').dataset.match") != current or n == 1, 10,
              "Enter goes to the next match")
    app.shot("09c-transcript-find")
    box.send_keys("zzqqxx")
    app.until(lambda: text(app, app.find("[data-testid=transcript-find-count]")) == "No matches", 10, "no matches")
    box.send_keys(Keys.ESCAPE)
    app.until(lambda: not app.all("[data-testid=transcript-match]"), 10, "Esc clears the search")
    assert app.all("[data-testid=candidate-name]"), "Esc in the find box left the profile"
    # Ctrl+F from the page focuses the box too.
    app.find("[data-testid=ptab-transcript]").click()
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(app.driver).key_down(Keys.CONTROL).send_keys("f").key_up(Keys.CONTROL).perform()
    app.until(lambda: app.js("return document.activeElement && document.activeElement.dataset.testid") == "transcript-find",
              10, "Ctrl+F focuses the find box")
    box.send_keys(Keys.ESCAPE)
    box.send_keys(Keys.ESCAPE)
    back_to_list(app)
