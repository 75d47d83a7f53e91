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
# The default-configuration pass (run.sh --default-config) runs the app as
# users get it on a machine without a GPU: accelerated compositing off.
# WebKitWebDriver's screenshot never returns there, so screenshots are
# taken from the X server (an X11 grab of the Xvfb display) instead.
X11_SHOTS = os.environ.get("E2E_SHOTS") == "x11"
SHOTS = OUT / "screenshots" / ("default-config" if X11_SHOTS else "")
SHOTS.mkdir(parents=True, exist_ok=True)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "default_config: also runs in the default (GPU-less, compositing off) configuration",
    )


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


def x11_grab(driver, path):
    """Screenshot of the app window from the X server (not through WebKit),
    cropped to the window's rectangle; fails when the grab is blank."""
    from PIL import ImageGrab

    img = ImageGrab.grab(xdisplay=os.environ["DISPLAY"])
    r = driver.get_window_rect()
    x, y = max(0, r["x"]), max(0, r["y"])
    box = (x, y, min(img.width, x + r["width"]), min(img.height, y + r["height"]))
    img = img.crop(box)
    lo, hi = img.convert("L").getextrema()
    assert hi - lo > 16, f"X11 grab of the window is blank ({lo}..{hi}): nothing was painted"
    img.save(path)


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
        if X11_SHOTS:
            x11_grab(self.driver, SHOTS / f"{name}.png")
        else:
            self.driver.save_screenshot(str(SHOTS / f"{name}.png"))

    def picture(self, css):
        """The pixels the user sees of one element, as a PIL image, grabbed
        from the X server (WebKitWebDriver's element screenshot repaints the
        page itself and misses what the screen shows, e.g. video frames)."""
        from PIL import ImageGrab

        el = self.find(css)
        r = self.driver.get_window_rect()
        b = self.js(
            "const r = arguments[0].getBoundingClientRect();"
            "return [r.left, r.top, r.right, r.bottom, window.outerHeight - window.innerHeight];",
            el,
        )
        img = ImageGrab.grab(xdisplay=os.environ["DISPLAY"])
        top = max(0, r["y"]) + b[4]
        x = max(0, r["x"])
        return img.crop((x + int(b[0]), top + int(b[1]), x + int(b[2]), top + int(b[3])))

    def rows(self):
        return self.all("[data-testid=row]")

    def click_row(self, index=0, timeout=30):
        """Click the index-th visible row once it is rendered; a row
        re-created by the virtual list under the pointer (stale) is looked
        up again."""

        def attempt():
            rows = self.rows()
            if len(rows) <= index:
                return False  # not rendered yet (the list re-queries): wait
            rows[index].click()
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
