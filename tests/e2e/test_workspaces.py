"""Workspaces and import from the UI (SPEC F1, F4): new workspace, import
refused with every problem named, import with a summary, re-import is a
no-op, the demo into an empty workspace, switching through the recent list,
a folder that is not a workspace refused while the current one stays open.

Open dialogs are answered through SHORTLIST_E2E_PICK_FILE (run.sh), the
debug-build stand-in for the native folder/file dialog. Runs last and leaves
the app on the workspace it started with.
"""

import os
import pathlib
import tempfile

from test_app import text

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
PICK = pathlib.Path(os.environ["SHORTLIST_E2E_PICK_FILE"])


def pick(path):
    PICK.write_text(str(path))


def menu(app, testid):
    app.visible("[data-testid=workspace-menu]").click()
    app.visible(f"[data-testid={testid}]").click()


def workspace_name(app):
    return text(app, app.find("[data-testid=workspace-name]"))


def sidebar_titles(app):
    return [text(app, e) for e in app.all(".sidebar .item .title")]


def import_dialog_text(app, testid, timeout=60):
    return text(app, app.visible(f"[data-testid={testid}]", timeout))


def close_import(app):
    app.visible("[data-testid=import-done]").click()
    app.until(lambda: not app.all("[data-testid=import-dialog]"), message="import dialog closes")


def reopen_recent(app, name, shot=None):
    """Switch back to the workspace `name` through the recent list."""
    app.visible("[data-testid=workspace-menu]").click()
    entry = app.wait().until(
        lambda d: [
            e
            for e in app.all("[data-testid=recent-workspace]")
            if app.js("return arguments[0].firstElementChild.textContent", e) == name
        ]
    )[0]
    if shot:
        app.shot(shot)
    entry.click()
    app.until(lambda: workspace_name(app) == name, message=f"back on workspace {name}")
    return app.list_ready()


def test_workspaces_and_import_from_the_ui(app):
    app.list_ready()
    start_name = workspace_name(app)
    start_titles = sidebar_titles(app)
    assert start_titles, "the demo workspace lists interviewers"
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="shortlist-e2e-ws-"))

    # New workspace in a folder that does not exist yet: empty state.
    pick(tmp / "hiring-2026")
    menu(app, "new-workspace")
    app.visible("[data-testid=empty-workspace]")
    app.until(lambda: workspace_name(app) == "hiring-2026", message="switched to the new workspace")
    app.until(lambda: app.driver.title == "hiring-2026 — Shortlist", message="the title names the workspace")
    assert (tmp / "hiring-2026" / "workspace.db").is_file()
    app.shot("workspace-empty")

    # A bundle with problems: every one listed, nothing written.
    pick(FIXTURES / "bad-bundles" / "all-problems-reported")
    app.visible("[data-testid=empty-import-folder]").click()
    problems = import_dialog_text(app, "import-problems")
    assert "interviews/I9.json › I9 › score" in problems, problems
    assert "interviews/I8.json › I8 › email" in problems, problems
    assert "Nothing was written" in text(app, app.find("[data-testid=import-dialog]"))
    app.shot("import-refused")
    close_import(app)
    app.visible("[data-testid=empty-workspace]")

    # The good bundle: a summary, then the candidates in the list.
    pick(FIXTURES / "good-bundle")
    app.visible("[data-testid=empty-import-folder]").click()
    headline = import_dialog_text(app, "import-headline")
    assert "added" in headline, headline
    summary = text(app, app.find("[data-testid=import-summary]"))
    assert "Candidates" in summary and "Interviewers" in summary, summary
    app.shot("import-complete")
    close_import(app)
    rows = app.list_ready()
    assert rows, "imported candidates are listed"
    imported_titles = sidebar_titles(app)
    assert imported_titles and imported_titles != start_titles

    # The same bundle again changes nothing.
    menu(app, "import-folder")
    assert "up to date" in import_dialog_text(app, "import-headline")
    close_import(app)

    # A cancelled dialog does nothing.
    pick("")
    menu(app, "import-file")
    app.until(lambda: app.js("return document.querySelector('[data-testid=import-dialog]') === null"))

    # A folder of other files is refused; the current workspace stays open.
    other = tmp / "photos"
    other.mkdir()
    (other / "cat.jpg").write_bytes(b"not a workspace")
    pick(other)
    menu(app, "open-workspace")
    app.until(
        lambda: "not a Shortlist workspace" in (app.js("return document.body.innerText") or ""),
        message="a toast says the folder is not a workspace",
    )
    assert workspace_name(app) == "hiring-2026"
    assert sorted(p.name for p in other.iterdir()) == ["cat.jpg"], "nothing written into the user's folder"

    # The demo into another empty workspace.
    pick(tmp / "demo-copy")
    menu(app, "new-workspace")
    app.visible("[data-testid=load-demo]").click()
    app.list_ready()
    # The demo's five interviewers (the first workspace may hold more, e.g.
    # one brought in by an earlier sync test).
    app.until(
        lambda: len(sidebar_titles(app)) == 5 and set(sidebar_titles(app)) <= set(start_titles),
        message="demo interviewers listed",
    )

    # Back to where we started, through the recent list.
    reopen_recent(app, start_name, shot="workspace-menu")
    app.until(lambda: sidebar_titles(app) == start_titles, message="its interviewers are back")


def test_share_a_candidate_with_a_colleague(app):
    """Share from the profile: a summary to copy, and a bundle that a
    colleague imports into their own workspace as exactly that candidate."""
    import zipfile

    from test_app import back_to_list, open_profile_with_video

    saves = pathlib.Path(os.environ["SHORTLIST_E2E_SAVE_DIR"])
    before = set(saves.glob("*.zip"))
    start_name = workspace_name(app)
    open_profile_with_video(app)
    name = text(app, app.find("[data-testid=candidate-name]"))
    app.visible("[data-testid=profile-share]").click()
    summary = app.js("return document.querySelector('[data-testid=share-summary]').value")
    assert summary.startswith(name), summary
    assert "Overall" in summary and "Shortlist id: int_" in summary, summary
    app.visible("[data-testid=share-save]").click()
    app.visible("[data-testid=share-saved]")
    app.shot("share-dialog")
    new = set(saves.glob("*.zip")) - before
    assert len(new) == 1, new
    bundle = new.pop()
    interview_id = summary.rsplit("Shortlist id: ", 1)[1].strip()
    with zipfile.ZipFile(bundle) as z:
        names = z.namelist()
    assert [n for n in names if n.startswith("interviews/")] == [f"interviews/{interview_id}.json"], names
    assert any(n.startswith("media/") for n in names), "recordings travel with the bundle"
    app.visible("[data-testid=share-close]").click()
    back_to_list(app)

    # The colleague: a new workspace, Import .zip, exactly one candidate.
    colleague = pathlib.Path(tempfile.mkdtemp(prefix="shortlist-e2e-colleague-")) / "colleague"
    pick(colleague)
    menu(app, "new-workspace")
    app.visible("[data-testid=empty-workspace]")
    pick(bundle)
    app.visible("[data-testid=empty-import-file]").click()
    assert "1 candidate added" in import_dialog_text(app, "import-headline")
    close_import(app)
    rows = app.list_ready()
    app.until(lambda: len(app.rows()) == 1, message="exactly the shared candidate")
    from test_app import row_facts

    assert name in row_facts(app)[0][1]

    # Back to the first workspace.
    reopen_recent(app, start_name)


def test_interviewer_notification_threshold(app):
    """Settings tab: a per-interviewer high-score threshold, validated,
    persisted, and back to the default."""
    from selenium.webdriver.common.keys import Keys

    app.list_ready()
    app.visible("[data-testid=tab-settings]").click()
    box = app.visible("[data-testid=threshold-input]")
    hint = lambda: text(app, app.find("[data-testid=threshold-hint]"))
    assert "workspace default" in hint()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("150")
    app.until(lambda: "0 to 100" in hint(), message="out of range is refused")
    assert not app.find("[data-testid=threshold-save]").is_enabled()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("95")
    app.find("[data-testid=threshold-save]").click()
    app.until(lambda: "Set for this interviewer" in hint(), message="saved for this interviewer")
    app.shot("interviewer-settings")
    # Persisted: leave the tab and come back.
    app.visible("[data-testid=tab-candidates]").click()
    app.visible("[data-testid=tab-settings]").click()
    app.until(lambda: app.find("[data-testid=threshold-input]").get_attribute("value") == "95")
    app.visible("[data-testid=threshold-reset]").click()
    app.until(lambda: "workspace default" in hint(), message="back to the default")
    assert app.find("[data-testid=threshold-input]").get_attribute("value") == "80"
    app.visible("[data-testid=tab-candidates]").click()


def test_drop_an_export_onto_the_window(app):
    """A folder dragged from another X11 client (XDND, like a file manager)
    and dropped onto the window: the app asks, then imports it."""
    import shutil
    import subprocess

    if not shutil.which("xdotool"):
        import pytest

        pytest.fail("xdotool is missing: make deps installs it")
    app.list_ready()
    start_name = workspace_name(app)
    pick(pathlib.Path(tempfile.mkdtemp(prefix="shortlist-e2e-drop-")) / "dropped")
    menu(app, "new-workspace")
    app.visible("[data-testid=empty-workspace]")

    source = subprocess.Popen(
        ["/usr/bin/python3", str(pathlib.Path(__file__).with_name("dragsource.py")), str(FIXTURES / "good-bundle")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert source.stdout.readline().strip() == "ready"
        win = app.until(
            lambda: subprocess.run(
                ["xdotool", "search", "--sync", "--name", "^dragsource$"], capture_output=True, text=True
            ).stdout.split(),
            message="the drag source window is mapped",
        )[0]
        # Press on the source, move in steps (GTK starts a drag past its
        # threshold), release over the middle of the app window. The 50 ms
        # pauses pace the synthetic pointer like a hand; nothing waits on
        # them: the test then waits for the dialog with a timeout.
        steps = ["mousemove", "--window", win, "40", "30", "mousedown", "1"]
        for x, y in [(50, 40), (80, 60), (200, 150), (500, 350), (700, 420), (720, 430)]:
            steps += ["mousemove", str(x), str(y), "sleep", "0.05"]
        subprocess.run(["xdotool", *steps, "mouseup", "1"], check=True)
        app.visible("[data-testid=drop-dialog]", timeout=20)
        assert "good-bundle" in text(app, app.find("[data-testid=drop-dialog]"))
        app.shot("drop-confirm")
        app.find("[data-testid=drop-import]").click()
        assert "added" in import_dialog_text(app, "import-headline")
        close_import(app)
        app.list_ready()
    finally:
        source.terminate()
        source.wait(10)

    reopen_recent(app, start_name)


def test_integrations_tab(app):
    """Integrations: the sync status and the way to set it up, and how ATS
    pushes travel; no placeholder left."""
    app.list_ready()
    app.visible("[data-testid=tab-integrations]").click()
    sync = app.visible("[data-testid=integration-sync]")
    app.until(lambda: "Last sync" in text(app, app.find("[data-testid=integration-sync]")), 15, "the sync card has loaded")
    assert "HeyMilo API sync" in text(app, app.find("[data-testid=integration-sync]"))
    assert "Send Results to ATS" in text(app, app.find("[data-testid=integration-ats]"))
    assert not app.all(".notyet")
    app.shot("interviewer-integrations")
    app.find("[data-testid=integration-settings]").click()
    app.visible("[data-testid=settings-dialog]")
    app.find("[data-testid=settings-dialog] [aria-label=Close]").click()
    app.until(lambda: not app.all("[data-testid=settings-dialog]"), message="settings close")
    app.visible("[data-testid=tab-candidates]").click()
