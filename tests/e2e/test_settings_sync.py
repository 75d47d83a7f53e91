"""End-to-end: desktop notifications over D-Bus, Settings → HeyMilo sync
against a scripted loopback API, .eml export from the Outbox, cohort
remove/delete, notes beside the transcript, Cross-Agent findings from the
résumé PDF.

Desktop notifications: run.sh starts a private session bus; the fake
`org.freedesktop.Notifications` server below records every `Notify` call
the app makes through tauri-plugin-notification. Every wait is a condition
with a timeout, never a sleep."""

import asyncio
import email
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_outputs_actions import (
    SAVES,
    back_to_list,
    clear_selection,
    close_dialog,
    open_biggest_interviewer,
    open_profile_with_video,
    text,
    total,
)

# ---------------------------------------------------------------- D-Bus


class FakeNotifications:
    """A notification server on the session bus that records Notify calls."""

    def __init__(self):
        self.calls = []
        self.error = None
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        assert ready.wait(15), "fake notification server did not start"
        if self.error:
            raise self.error

    def _run(self, ready):
        from dbus_next import BusType, RequestNameReply
        from dbus_next.aio import MessageBus
        from dbus_next.service import ServiceInterface, method

        calls = self.calls

        class Notifications(ServiceInterface):
            def __init__(self):
                super().__init__("org.freedesktop.Notifications")
                self.last = 0

            @method()
            def Notify(
                self,
                app_name: "s",
                replaces_id: "u",
                app_icon: "s",
                summary: "s",
                body: "s",
                actions: "as",
                hints: "a{sv}",
                expire_timeout: "i",
            ) -> "u":
                calls.append({"app": app_name, "summary": summary, "body": body})
                self.last += 1
                return self.last

            @method()
            def GetCapabilities(self) -> "as":
                return ["body"]

            @method()
            def GetServerInformation(self) -> "ssss":
                return ["shortlist-e2e", "tests", "1.0", "1.2"]

            @method()
            def CloseNotification(self, id: "u"):
                return None

        async def main():
            try:
                bus = await MessageBus(bus_type=BusType.SESSION).connect()
                bus.export("/org/freedesktop/Notifications", Notifications())
                reply = await bus.request_name("org.freedesktop.Notifications")
                assert reply == RequestNameReply.PRIMARY_OWNER, reply
            except Exception as e:  # reported to the test thread
                self.error = e
                ready.set()
                return
            ready.set()
            await asyncio.Future()

        asyncio.new_event_loop().run_until_complete(main())


@pytest.fixture(scope="module")
def notifications():
    return FakeNotifications()


# ---------------------------------------------------------------- HeyMilo


KEY = "e2e-key-42"


def fake_api_candidates():
    return [
        {
            "interview_id": f"e2e_sync_{i}",
            "candidate_id": f"e2e_cand_{i}",
            "posting_id": "pst_e2e_sync",
            "name": name,
            "email": f"synced{i}@example.test",
            "status": "completed",
        }
        for i, name in enumerate(["Sync Candidate Ada", "Sync Candidate Bo"])
    ]


class FakeHeyMilo(BaseHTTPRequestHandler):
    """GET /api/v2/postings, /postings/{id}/candidates, /interviews/{id}/data,
    with X-API-KEY checked and `starting_after` pagination (one page)."""

    mode = "ok"  # or "malformed"
    requests = []

    def log_message(self, *a):
        pass

    def send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    pushes = []

    def do_POST(self):
        url = urlparse(self.path)
        FakeHeyMilo.requests.append(url.path)
        if self.headers.get("X-API-KEY") != KEY:
            return self.send(401, {"error": {"type": "auth", "code": "invalid_api_key", "message": "Invalid API key"}})
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        if url.path == "/api/v2/ats/candidates/push":
            FakeHeyMilo.pushes.append(body)
            item = f"atsq_{len(FakeHeyMilo.pushes)}"
            return self.send(200, {"data": {"status": "queued", "item_id": item}})
        return self.send(404, {"error": {"type": "not_found", "code": "not_found", "message": "nope"}})

    def do_GET(self):
        url = urlparse(self.path)
        FakeHeyMilo.requests.append(url.path)
        if url.path.startswith("/api/v2/ats/candidates/push/") and self.headers.get("X-API-KEY") == KEY:
            item = url.path.rsplit("/", 1)[1]
            return self.send(200, {"data": {"item_id": item, "status": "completed", "retry_count": 0, "failures": []}})
        if self.headers.get("X-API-KEY") != KEY:
            return self.send(401, {"error": {"type": "auth", "code": "invalid_api_key", "message": "Invalid API key"}})
        if FakeHeyMilo.mode == "malformed":
            return self.send(200, {"unexpected": True})
        q = parse_qs(url.query)
        if url.path == "/api/v2/postings":
            return self.send(
                200,
                {
                    "data": [{"id": "pst_e2e_sync", "title": "Synced Barista", "status": "active"}],
                    "pagination": {"has_more": False},
                },
            )
        if url.path == "/api/v2/postings/pst_e2e_sync/candidates":
            items = [] if q.get("starting_after") else fake_api_candidates()
            return self.send(200, {"data": items, "pagination": {"has_more": False}})
        if url.path.startswith("/api/v2/interviews/") and url.path.endswith("/data"):
            iid = url.path.split("/")[4]
            c = next(c for c in fake_api_candidates() if c["interview_id"] == iid)
            return self.send(
                200,
                {
                    "data": {
                        "interview_id": iid,
                        "posting_id": "pst_e2e_sync",
                        "name": c["name"],
                        "email": c["email"],
                        "status": "completed",
                        "web_interview": {
                            "match_score": 88.0,
                            "transcript": [
                                {"speaker": "Interviewer", "text": "Why coffee?", "timestamp": 1.0},
                                {"speaker": "Candidate", "text": "I love mornings.", "timestamp": 3.0},
                            ],
                        },
                    }
                },
            )
        return self.send(404, {"error": {"type": "not_found", "code": "not_found", "message": "nope"}})


@pytest.fixture(scope="module")
def heymilo():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeHeyMilo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def open_settings(app):
    app.find("[data-testid=settings-button]").click()
    app.visible("[data-testid=settings-dialog]")
    app.until(lambda: app.all("[data-testid=os-notify-toggle]"), 15)


def fill(el, value):
    """Replace an input's value the way a user does (Svelte sees input events)."""
    el.click()
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(Keys.BACKSPACE)
    if value:
        el.send_keys(value)


# ---------------------------------------------------------------- tests


def test_high_score_alerts_raise_desktop_notifications_once(app, notifications):
    open_biggest_interviewer(app)
    title = text(app, app.find("[data-testid=interviewer-title]"))
    open_settings(app)
    toggle = app.find("[data-testid=os-notify-toggle]")
    if not toggle.is_selected():
        toggle.click()
    assert "Settings tab" in text(app, app.find("[data-testid=notify-threshold-hint]"))
    app.shot("40-settings")
    close_dialog(app)
    # This interviewer's own threshold (its Settings tab) at 1%: every scored
    # candidate of it is now a high score: one desktop notification (a burst
    # is folded into one summary).
    before = len(notifications.calls)
    app.visible("[data-testid=tab-settings]").click()
    fill(app.visible("[data-testid=threshold-input]"), "1")
    app.find("[data-testid=threshold-save]").click()
    app.until(lambda: len(notifications.calls) > before, 20, "no Notify call on the session bus")
    new = notifications.calls[before:]
    assert len(new) == 1, new
    assert new[0]["summary"].endswith("new notifications in Shortlist") or " scored " in new[0]["summary"], new
    after_first = len(notifications.calls)
    app.visible("[data-testid=tab-candidates]").click()
    # The bell lists them.
    app.find("[data-testid=bell]").click()
    app.visible("[data-testid=bell-panel]")
    app.until(lambda: any("scored" in text(app, i) for i in app.all("[data-testid=bell-item]")), 15)
    app.find("[data-testid=bell]").click()
    # Switched off: the workspace default (Settings) at 1% makes high scores
    # at every other interviewer, and raises nothing.
    open_settings(app)
    app.find("[data-testid=os-notify-toggle]").click()
    app.until(lambda: not app.find("[data-testid=os-notify-toggle]").is_selected(), 10)
    checks = int(app.find("[data-testid=bell]").get_attribute("data-os-checks"))
    unread = lambda: int(text(app, app.find("[data-testid=bell-count]")).rstrip("+") or 0)
    unread_before = unread()
    fill(app.find("[data-testid=notify-threshold]"), "1")
    app.find("[data-testid=notify-threshold-save]").click()
    app.until(lambda: int(app.find("[data-testid=bell]").get_attribute("data-os-checks")) > checks, 15)
    assert unread() > unread_before or unread_before >= 99, "the default made new high scores"
    assert len(notifications.calls) == after_first, notifications.calls[after_first:]
    # Back on: what arrived while off is not replayed.
    app.find("[data-testid=os-notify-toggle]").click()
    app.until(lambda: app.find("[data-testid=os-notify-toggle]").is_selected(), 10)
    # Leave both thresholds as found: the workspace is shared with later tests.
    checks = int(app.find("[data-testid=bell]").get_attribute("data-os-checks"))
    fill(app.find("[data-testid=notify-threshold]"), "80")
    app.find("[data-testid=notify-threshold-save]").click()
    app.until(lambda: int(app.find("[data-testid=bell]").get_attribute("data-os-checks")) > checks, 15)
    close_dialog(app)
    app.visible("[data-testid=tab-settings]").click()
    app.visible("[data-testid=threshold-reset]").click()
    app.until(lambda: "workspace default" in text(app, app.find("[data-testid=threshold-hint]")), 15)
    assert app.find("[data-testid=threshold-input]").get_attribute("value") == "80"
    app.visible("[data-testid=tab-candidates]").click()
    assert len(notifications.calls) == after_first, notifications.calls[after_first:]
    # A restart shows nothing already shown (the first check after it done).
    app.restart()
    app.list_ready(timeout=120)
    app.until(lambda: int(app.find("[data-testid=bell]").get_attribute("data-os-checks") or 0) >= 1, 30)
    assert len(notifications.calls) == after_first, notifications.calls[after_first:]
    assert title


def test_sync_settings_key_and_sync_now(app, heymilo, notifications):
    back_to_list(app)
    app.list_ready()
    open_settings(app)
    url = app.find("[data-testid=sync-url]")
    fill(url, heymilo)
    fill(app.find("[data-testid=sync-key]"), "wrong-key")
    app.find("[data-testid=sync-save]").click()
    # No secret service on the test bus: the key is kept for this session,
    # and the dialog says so (a desktop with a keychain shows "keychain").
    state = app.until(lambda: app.all("[data-testid=sync-key-state][data-source=session], [data-testid=sync-key-state][data-source=keychain]"), 15)[0]
    source = state.get_attribute("data-source")
    if source == "session":
        assert "this session only" in text(app, state)
    else:
        assert "keychain" in text(app, state)
    # Bad key: 401, a clear message, nothing imported.
    app.find("[data-testid=sync-now]").click()
    err = app.visible("[data-testid=sync-result-error]", 30)
    assert err.get_attribute("data-code") == "api_unauthorized", text(app, err)
    assert "refused the API key" in text(app, err)
    # said once: inline here, not also as a toast
    assert not any("API key" in text(app, t) for t in app.all("[data-testid=toast]"))
    app.shot("41-sync-bad-key")
    # Malformed response.
    fill(app.find("[data-testid=sync-key]"), KEY)
    app.find("[data-testid=sync-save]").click()
    app.until(lambda: app.find("[data-testid=sync-key-state]").get_attribute("data-source") in ("session", "keychain"), 10)
    FakeHeyMilo.mode = "malformed"
    try:
        app.find("[data-testid=sync-now]").click()
        app.until(lambda: app.all("[data-testid=sync-result-error][data-code=api_malformed]"), 30)
    finally:
        FakeHeyMilo.mode = "ok"
    # Network down: a port nobody listens on.
    fill(url, "http://127.0.0.1:9")
    app.find("[data-testid=sync-save]").click()
    app.until(lambda: app.find("[data-testid=sync-key-state]").get_attribute("data-source") == "none", 10)
    fill(app.find("[data-testid=sync-key]"), KEY)
    app.find("[data-testid=sync-now]").click()
    app.until(lambda: app.all("[data-testid=sync-result-error][data-code=api_unreachable]"), 60)
    # The real one: progress, then a summary, then the candidates are listed.
    fill(url, heymilo)
    fill(app.find("[data-testid=sync-key]"), KEY)
    before = len(notifications.calls)
    app.find("[data-testid=sync-now]").click()
    result = app.visible("[data-testid=sync-result]", 60)
    assert "Synced 1 interviewer, 2 candidates" in text(app, result), text(app, result)
    assert "2 new" in text(app, result)
    app.shot("42-sync-done")
    # The two synced completions were raised as desktop notifications.
    app.until(
        lambda: any("Sync Candidate" in c["summary"] + c["body"] for c in notifications.calls[before:]), 20,
        "the synced completions were not raised as desktop notifications",
    )
    # Clear key.
    app.find("[data-testid=sync-key-clear]").click()
    app.until(lambda: app.find("[data-testid=sync-key-state]").get_attribute("data-source") == "none", 10)
    close_dialog(app)
    app.js(
        """
        const b = [...document.querySelectorAll('nav.sidebar button.item')].find(b => b.textContent.includes('Synced Barista'));
        b && b.click();
        """
    )
    app.until(lambda: any("Synced Barista" in text(app, b) for b in app.all("nav.sidebar button.item")), 20)
    app.until(
        lambda: {"Sync Candidate Ada", "Sync Candidate Bo"} <= {text(app, n) for n in app.all("[data-testid=row-name]")}, 20
    )
    app.shot("42b-synced-list")
    assert "X-API-KEY" not in json.dumps(FakeHeyMilo.requests)


def test_outbox_exports_queued_mail_as_eml(app):
    open_biggest_interviewer(app)
    clear_selection(app)
    row = app.rows()[0]
    row.find_element(By.CSS_SELECTOR, "[data-testid=row-check]").click()
    app.visible("[data-testid=bulk-bar]")
    # A blast always queues one message per selected candidate.
    app.find("[data-testid=bulk-blast]").click()
    app.visible("[data-testid=compose-dialog]")
    app.until(lambda: app.find("[data-testid=compose-send]").is_enabled(), 10)
    app.find("[data-testid=compose-send]").click()
    app.until(lambda: not app.all("[data-testid=compose-dialog]"), 15)
    clear_selection(app)
    app.find("[data-testid=outbox-button]").click()
    app.visible("[data-testid=outbox-dialog]")
    app.until(lambda: app.find("[data-testid=outbox-export-eml]").is_enabled(), 15)
    queued = sum(1 for s in app.all("[data-testid=outbox-status]") if text(app, s) == "queued")
    app.find("[data-testid=outbox-export-eml]").click()
    fill(app.find("[data-testid=eml-from]"), "hiring@example.test")
    app.shot("43-eml-export")
    app.find("[data-testid=eml-export]").click()
    app.until(lambda: any(".eml" in text(app, t) for t in app.all("[data-testid=toast]")), 20)
    files = sorted((SAVES / "outbox-eml").glob("outbox-*.eml"))
    assert len(files) >= 1 and len(files) <= queued, (files, queued)
    msg = email.message_from_bytes(files[-1].read_bytes())
    assert msg["From"].endswith("<hiring@example.test>") or msg["From"] == "hiring@example.test", msg["From"]
    assert "@" in msg["To"] and msg["Subject"]
    close_dialog(app)


def test_remove_from_cohort_and_delete_cohort(app):
    back_to_list(app)
    app.list_ready()
    clear_selection(app)
    for r in app.rows()[:3]:
        r.find_element(By.CSS_SELECTOR, "[data-testid=row-check]").click()
    app.find("[data-testid=bulk-cohort]").click()
    fill(app.find("[data-testid=cohort-new]"), "Temp pool")
    app.find("[data-testid=cohort-add]").click()
    app.until(lambda: not app.all("[data-testid=cohort-dialog]"), 15)
    clear_selection(app)
    app.until(lambda: app.all("[data-testid=cohort-filter] option[value='Temp pool']"), 15)
    app.find("[data-testid=cohort-filter] option[value='Temp pool']").click()
    app.until(lambda: total(app) == 3, 15)
    # Remove one from the cohort.
    app.rows()[0].find_element(By.CSS_SELECTOR, "[data-testid=row-check]").click()
    app.find("[data-testid=bulk-cohort]").click()
    app.until(lambda: app.all("[data-testid=cohort-remove-select] option[value='Temp pool']"), 10)
    app.find("[data-testid=cohort-remove-select] option[value='Temp pool']").click()
    app.shot("44-cohort-remove")
    app.find("[data-testid=cohort-remove]").click()
    app.until(lambda: not app.all("[data-testid=cohort-dialog]"), 15)
    app.until(lambda: total(app) == 2, 15)
    clear_selection(app)
    # Delete the cohort, with confirmation.
    app.find("[data-testid=cohort-delete]").click()
    app.visible("[data-testid=cohort-delete-dialog]")
    assert "Temp pool" in text(app, app.find("[data-testid=cohort-delete-dialog]"))
    app.shot("45-cohort-delete")
    app.find("[data-testid=cohort-delete-confirm]").click()
    app.until(lambda: not app.all("[data-testid=cohort-filter] option[value='Temp pool']"), 15)
    app.until(lambda: total(app) > 3, 15)


def test_pinned_notes_show_beside_the_transcript_and_seek(app):
    open_profile_with_video(app)
    app.until(lambda: app.js("const v=document.querySelector('[data-testid=video]'); return v && v.duration > 12"), 30)
    app.js("const v=document.querySelector('[data-testid=video]'); v.currentTime = 11;")
    app.until(lambda: "0:11" in text(app, app.find("[data-testid=notes-panel]")), 15)
    box = app.find("[data-testid=note-text]")
    box.click()
    box.send_keys("Calm about the queue")
    app.find("[data-testid=note-add]").click()
    app.until(lambda: any("Calm about the queue" in text(app, n) for n in app.all("[data-testid=note-item]")), 15)
    app.find("[data-testid=ptab-transcript]").click()
    pin = app.until(
        lambda: [p for p in app.all("[data-testid=transcript-note]") if "Calm about the queue" in text(app, p)], 15
    )[0]
    # Beside the line spoken at 0:11: the line item holding it starts at or
    # before 11 s, and the next line starts after it.
    at = app.js(
        "const li = arguments[0].closest('li[data-line]'); return parseFloat(li.querySelector('[data-testid=transcript-line]').dataset.at)",
        pin,
    )
    assert at <= 11.0, at
    app.js("document.querySelector('[data-testid=video]').currentTime = 0;")
    app.until(lambda: app.js("return document.querySelector('[data-testid=video]').currentTime") < 1, 10)
    app.js("arguments[0].scrollIntoView({block: 'center'})", pin)
    app.shot("46-transcript-notes")
    pin.click()
    app.until(lambda: abs(app.js("return document.querySelector('[data-testid=video]').currentTime") - 11) < 0.6, 10)
    back_to_list(app)


def test_cross_agent_lists_resume_pdf_mismatches(app):
    back_to_list(app)
    app.until(lambda: app.all("nav.sidebar button.item"), 60)
    app.js(
        """
        const b = [...document.querySelectorAll('nav.sidebar button.item')].find(b => b.textContent.includes('Warehouse Team Lead'));
        b.click();
        """
    )
    app.list_ready()
    search = app.find("[data-testid=search]")
    fill(search, "Daniel Kim")
    app.until(lambda: len(app.rows()) == 1, 20)
    app.click_row(0)
    app.find("[data-testid=candidate-name]")
    app.find("[data-testid=layout-modular]").click()
    app.find("[data-testid=ptab-evaluations]").click()
    app.find("[data-testid=cross-agent]")
    app.until(lambda: len(app.all("[data-testid=xa-signal][data-source=resume]")) >= 4, 20)
    topics = {s.get_attribute("data-topic") for s in app.all("[data-testid=xa-signal][data-source=resume]")}
    assert {"years", "dates", "titles", "skills"} <= topics, topics
    body = text(app, app.find("[data-testid=cross-agent]"))
    assert "Warehouse Manager, Amazon Fulfillment 2017 – 2021" in body, body
    assert "picker at Amazon Fulfillment in 2023" in body, body
    assert "résumé PDF" in body, body
    app.find("[data-testid=xa-retry]").click()
    app.until(lambda: app.find("[data-testid=xa-retry]").is_enabled(), 20)
    app.js("document.querySelector('[data-testid=cross-agent]').scrollIntoView({block: 'start'})")
    app.shot("47-cross-agent-resume")
    back_to_list(app)
    fill(app.find("[data-testid=search]"), "")
    app.find("[data-testid=search]").send_keys(Keys.ESCAPE)


def test_send_results_to_ats_from_the_outbox(app, heymilo):
    """Send to ATS from the bulk bar queues a push; Push to ATS in the Outbox
    delivers it through the API (with the sync key) and shows its status."""
    back_to_list(app)
    app.list_ready()
    open_settings(app)
    fill(app.find("[data-testid=sync-url]"), heymilo)
    fill(app.find("[data-testid=sync-key]"), KEY)
    app.find("[data-testid=sync-save]").click()
    app.until(lambda: app.find("[data-testid=sync-key-state]").get_attribute("data-source") in ("session", "keychain"), 10)
    close_dialog(app)
    row = app.list_ready()[0]
    interview_id = row.get_attribute("data-interview-id")
    name = text(app, row.find_element("css selector", "[data-testid=row-name]"))  # may end with a status badge
    row.find_element("css selector", "[data-testid=row-check]").click()
    app.visible("[data-testid=bulk-ats]").click()
    fill(app.visible("[data-testid=ats-name]"), "greenhouse")
    app.find("[data-testid=ats-confirm]").click()
    app.until(lambda: not app.all("[data-testid=ats-dialog]"), message="push queued")
    before = len(FakeHeyMilo.pushes)
    app.find("[data-testid=outbox-button]").click()
    app.visible("[data-testid=outbox-push-ats]").click()
    app.until(lambda: len(FakeHeyMilo.pushes) == before + 1, 30, "the push reached the API")
    assert FakeHeyMilo.pushes[-1].get("ats_name") == "greenhouse" or "greenhouse" in json.dumps(FakeHeyMilo.pushes[-1])
    assert interview_id in json.dumps(FakeHeyMilo.pushes[-1])
    app.until(
        lambda: any("ATS push" in text(app, r) and "sent" in text(app, r) and "completed" in text(app, r)
                    for r in app.all("[data-testid=outbox-row]")),
        30,
        "the outbox shows the push sent, with the ATS status",
    )
    # "To" names the candidate and the ATS, not the interview id
    to = [text(app, r.find_element("css selector", "[data-testid=outbox-to]")) for r in app.all("[data-testid=outbox-row]")
          if "ATS push" in text(app, r)]
    assert any(t.endswith("→ greenhouse") and t.split(" → ")[0] in name for t in to), (to, name)
    app.shot("48-ats-pushed")
    # A second run sends nothing again (delivered once), only polls status.
    polls = lambda: sum(1 for p in FakeHeyMilo.requests if p.startswith("/api/v2/ats/candidates/push/"))
    polled = polls()
    app.find("[data-testid=outbox-push-ats]").click()
    app.until(lambda: polls() > polled, 30, "the second run polled the status")
    assert len(FakeHeyMilo.pushes) == before + 1
    app.find("[data-testid=outbox-dialog] [aria-label=Close]").click()
    app.find("[data-testid=settings-button]").click()
    app.find("[data-testid=sync-key-clear]").click()
    app.until(lambda: app.find("[data-testid=sync-key-state]").get_attribute("data-source") == "none", 10)
    close_dialog(app)


def test_refresh_one_candidate_and_send_to_ats_from_the_profile(app, heymilo):
    """The profile's Refresh from HeyMilo fetches this candidate's data only
    (not the other candidate of the same interviewer), and Send to ATS is
    reachable from the profile too (F31, F33)."""
    back_to_list(app)
    app.list_ready()
    open_settings(app)
    fill(app.find("[data-testid=sync-url]"), heymilo)
    fill(app.find("[data-testid=sync-key]"), KEY)
    app.find("[data-testid=sync-save]").click()
    app.until(lambda: app.find("[data-testid=sync-key-state]").get_attribute("data-source") in ("session", "keychain"), 10)
    app.find("[data-testid=sync-now]").click()
    app.visible("[data-testid=sync-result]", 60)
    close_dialog(app)
    app.until(
        lambda: app.js(
            "const b = [...document.querySelectorAll('nav.sidebar button.item')].find(b => b.textContent.includes('Synced Barista'));"
            "if (b) b.click(); return !!b;"
        ),
        20,
        "the synced interviewer is listed",
    )
    app.until(lambda: any(text(app, e).startswith("Sync Candidate Ada") for e in app.all("[data-testid=row-name]")), 20)
    ada = next(r for r in app.all("[data-testid=row]") if "Sync Candidate Ada" in text(app, r))
    iid = ada.get_attribute("data-interview-id")
    ada.click()
    app.until(lambda: text(app, app.find("[data-testid=candidate-name]")).startswith("Sync Candidate Ada"), 20)

    before = len(FakeHeyMilo.requests)
    app.find("[data-testid=profile-sync]").click()
    app.until(lambda: f"/api/v2/interviews/{iid}/data" in FakeHeyMilo.requests[before:], 30, "the candidate's data was fetched")
    app.until(lambda: app.find("[data-testid=profile-sync]").is_enabled(), 30, "the refresh finished")
    fetched = [p for p in FakeHeyMilo.requests[before:] if p.endswith("/data")]
    assert fetched == [f"/api/v2/interviews/{iid}/data"], fetched
    app.until(lambda: any("Synced" in text(app, t) for t in app.all("[data-testid=toast]")), 20, "the refresh says what it did")

    app.find("[data-testid=pact-ats]").click()
    fill(app.visible("[data-testid=ats-name]"), "lever")
    app.find("[data-testid=ats-confirm]").click()
    app.until(lambda: not app.all("[data-testid=ats-dialog]"), message="push queued from the profile")
    app.until(lambda: any("Send to ATS" in text(app, t) for t in app.all("[data-testid=toast]")), 20)
    app.shot("49-profile-refresh-and-ats")

    back_to_list(app)
    app.find("[data-testid=settings-button]").click()
    app.find("[data-testid=sync-key-clear]").click()
    app.until(lambda: app.find("[data-testid=sync-key-state]").get_attribute("data-source") == "none", 10)
    close_dialog(app)


def test_alert_expiry_window_and_sound_persist(app):
    """Settings → Notifications: the expiry window (1–30 days) and the alert
    sound are saved in the workspace; out-of-range input is refused in place."""
    back_to_list(app)
    app.list_ready()
    open_settings(app)
    days = app.visible("[data-testid=notify-expiry-days]")
    fill(days, "45")
    app.until(lambda: any("from 1 to 30" in text(app, e) for e in app.all("div.error-box")), 10, "45 days is refused")
    assert not app.find("[data-testid=notify-expiry-save]").is_enabled()
    fill(days, "14")
    app.until(lambda: app.find("[data-testid=notify-expiry-save]").is_enabled(), 10)
    app.find("[data-testid=notify-expiry-save]").click()
    app.until(lambda: any("14 days before" in text(app, t) for t in app.all("[data-testid=toast]")), 10)
    sound = app.find("[data-testid=notify-sound-toggle]")
    if not sound.is_selected():
        sound.click()
    app.until(lambda: any("sound plays" in text(app, t) for t in app.all("[data-testid=toast]")), 10)
    app.shot("40b-alert-settings")
    close_dialog(app)
    open_settings(app)
    assert app.visible("[data-testid=notify-expiry-days]").get_attribute("value") == "14"
    assert app.find("[data-testid=notify-sound-toggle]").is_selected()
    # Back to the defaults for the tests after this one.
    fill(app.find("[data-testid=notify-expiry-days]"), "3")
    app.find("[data-testid=notify-expiry-save]").click()
    app.find("[data-testid=notify-sound-toggle]").click()
    app.until(lambda: not app.find("[data-testid=notify-sound-toggle]").is_selected(), 10)
    close_dialog(app)
