"""Drive the real Shortlist window through tauri-driver + WebKitWebDriver.

Every wait is a condition with a timeout (WebDriverWait), never a sleep.
"""

import os
import pathlib
import shutil
import tempfile

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

APP_BIN = os.environ["APP_BIN"]
PORT = int(os.environ.get("E2E_PORT", "4444"))
OUT = pathlib.Path(os.environ.get("E2E_OUT", "target/e2e"))
SHOTS = OUT / "screenshots"
SHOTS.mkdir(parents=True, exist_ok=True)


class TauriOptions(ArgOptions):
    def __init__(self, workspace):
        super().__init__()
        self.workspace = workspace

    def to_capabilities(self):
        return {
            "browserName": "wry",
            "tauri:options": {"application": APP_BIN, "args": ["--workspace", str(self.workspace)]},
        }

    @property
    def default_capabilities(self):
        return {}


# No WebDriver command may hang the suite: when the app dies before its
# window comes up (once, under a slowed machine, GTK failed to open the
# display on a restart), the new session would wait forever; it now fails
# the test after this long, naming the cause in tauri-driver.log.
COMMAND_TIMEOUT_S = 180


def launch(workspace):
    url = f"http://127.0.0.1:{PORT}"
    driver = webdriver.Remote(
        command_executor=url,
        options=TauriOptions(workspace),
        client_config=ClientConfig(remote_server_addr=url, timeout=COMMAND_TIMEOUT_S),
    )
    driver.set_script_timeout(20)
    return driver


class App:
    """Helpers over one running app window."""

    def __init__(self, workspace):
        self.workspace = workspace
        self.driver = launch(workspace)

    def restart(self):
        self.driver.quit()
        self.driver = launch(self.workspace)

    def quit(self):
        self.driver.quit()

    def wait(self, timeout=30):
        # Virtual-list rows are re-created as data arrives: a stale element
        # means "look again", not failure.
        return WebDriverWait(
            self.driver, timeout, poll_frequency=0.1, ignored_exceptions=(StaleElementReferenceException,)
        )

    def find(self, css, timeout=30):
        return self.wait(timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def visible(self, css, timeout=30):
        return self.wait(timeout).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def until(self, fn, timeout=30, message=""):
        return self.wait(timeout).until(lambda d: fn(), message)

    def key(self, keys):
        """Send keys to the page body (global shortcuts)."""
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).send_keys(keys).perform()

    def shot(self, name):
        # Let pending layout settle: wait for two animation frames.
        self.driver.execute_async_script(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));"
        )
        self.driver.save_screenshot(str(SHOTS / f"{name}.png"))

    def rows(self):
        return self.all("[data-testid=row]")

    def click_row(self, index=0, timeout=30):
        """Click the index-th visible row; a row re-created by the virtual
        list under the pointer (stale) is looked up again."""

        def attempt():
            self.rows()[index].click()
            return True

        return self.wait(timeout).until(lambda d: attempt(), f"row {index} clicked")

    def list_ready(self, timeout=60):
        # WebKitWebDriver can report a row going stale while the list
        # re-renders under the query: wait (stale = look again) for rows.
        return self.wait(timeout).until(lambda d: self.rows(), "candidate rows shown")


@pytest.fixture(scope="session")
def workspace():
    d = pathlib.Path(tempfile.mkdtemp(prefix="shortlist-e2e-"))
    seed = os.environ.get("E2E_SEED_WS")
    if seed:
        # A prepared workspace instead of the first-run demo (debugging only).
        shutil.copytree(seed, d / "ws")
    yield d / "ws"
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="session")
def app(workspace):
    a = App(workspace)
    yield a
    a.quit()
