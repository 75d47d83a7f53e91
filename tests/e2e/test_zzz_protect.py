"""End-to-end: an encrypted workspace (F54) and erasure (F52) as a user meets them.

A demo workspace is encrypted under a passphrase with the CLI (no keychain
answers on the test machine, so the app must ask). The window shows the
unlock form; a wrong passphrase is refused with a clear message and nothing
else shown; the right one opens the list. Then a candidate is erased from
the profile: the dialog lists what will go, the red button stays disabled
until ERASE is typed, and afterwards the candidate is gone from the list, the
erasure log has one line without personal data, and the CLI can no longer
show the interview. Runs near the end: it takes over the shared window and
gives it back."""

import json
import os
import subprocess

from conftest import launch
from test_app import row_facts, text

PASSPHRASE = "correct horse battery staple"


def cli(*args, env=None, ok=True):
    out = subprocess.run([os.environ["E2E_CLI"], *map(str, args)], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, timeout=180)
    if ok:
        assert out.returncode == 0, f"shortlist {args}: {out.stderr}"
    return out


def test_unlock_an_encrypted_workspace_then_erase_a_candidate(app, tmp_path):
    ws = tmp_path / "locked"
    key = {"SHORTLIST_PASSPHRASE": PASSPHRASE}
    cli("--workspace", ws, "demo")
    cli("--workspace", ws, "encrypt", "--passphrase", env=key)
    assert (ws / "encryption.json").exists()

    shared = app.driver
    shared.quit()
    try:
        app.driver = launch(ws)
        app.visible("[data-testid=unlock-form]", timeout=120)
        assert not app.all("[data-testid=row]"), "rows shown before the workspace was unlocked"
        field = app.find("[data-testid=unlock-passphrase]")
        field.send_keys("not the passphrase")
        app.find("[data-testid=unlock-submit]").click()
        err = app.visible("[data-testid=unlock-error]", timeout=60)
        app.until(lambda: err.get_attribute("data-code") == "wrong_passphrase", 10, "the error names a wrong passphrase")
        assert "passphrase" in text(app, err).lower(), text(app, err)
        app.shot("52-unlock-wrong-passphrase")

        field = app.find("[data-testid=unlock-passphrase]")
        field.clear()
        field.send_keys(PASSPHRASE)
        app.find("[data-testid=unlock-submit]").click()
        app.list_ready(timeout=120)
        assert not app.all("[data-testid=unlock-form]")

        iid, _ = row_facts(app)[0]
        app.click_row(0)
        name = text(app, app.find("[data-testid=candidate-name]"))
        app.find("[data-testid=profile-erase]").click()
        app.visible("[data-testid=erase-dialog]")
        who = app.visible("[data-testid=erase-who]", timeout=30)
        assert name in text(app, who), text(app, who)
        plan = text(app, app.visible("[data-testid=erase-plan]"))
        assert plan, "the dialog lists what will be erased"
        confirm = app.find("[data-testid=erase-confirm]")
        assert not confirm.is_enabled(), "erasing without typing ERASE"
        app.find("[data-testid=erase-reason]").send_keys("candidate's request")
        app.find("[data-testid=erase-confirm-text]").send_keys("ERASE")
        app.until(lambda: app.find("[data-testid=erase-confirm]").is_enabled(), 10, "typing ERASE enables the button")
        app.shot("53-erase-dialog")
        app.find("[data-testid=erase-confirm]").click()
        app.until(lambda: not app.all("[data-testid=erase-dialog]"), 60, "the dialog closes after erasing")
        app.until(lambda: iid not in [i for i, _ in row_facts(app)], 30, "the erased candidate leaves the list")
        app.driver.quit()

        log = json.loads(cli("--workspace", ws, "erasures", "--json", env=key).stdout)
        assert len(log) == 1, log
        assert log[0]["reason"] == "candidate's request", log
        assert name not in json.dumps(log) and iid not in json.dumps(log), log
        gone = cli("--workspace", ws, "show", iid, env=key, ok=False)
        assert gone.returncode != 0, gone.stdout
    finally:
        app.driver = launch(app.workspace)
