#!/usr/bin/env python3
"""The officers' console driven in a real browser: Debian's Chromium, headless, through /usr/bin/chromedriver and PyPI
selenium (both installed by Scripts/setup; run with the venv's python, .build-venv/bin/python3).

Usage: console-flow.py BASE_URL ARTIFACTS_DIR
  BASE_URL      the console, e.g. http://127.0.0.1:41234 (the Host the console checks)
  ARTIFACTS_DIR where a PNG screenshot of every page visited is saved (created if missing)
Standard input: a JSON object {"officers": {KEY: {"name", "role", "passphrase"}}, "locked": {"name", "passphrase"}}
with KEY one of administrator, operator, approver, auditor; passphrases come on standard input, never on argv.
Standard output: one JSON object {"passed": bool, "steps": [{"name", "officer", "passed", "detail", "screenshots"}],
"screenshots": [...]}. Progress and failures go to standard error.

Every officer has a browser session of their own (one webdriver, one Chromium profile each). The flow is one
function per step, run in order by FLOW; a later step (申请 → 审批 → 制作 → 用印 → 签章 → 验章 → 备案 → 审计) is one more
function using `submit_form`, `expect_text` and `shot`, and one more line in FLOW.
"""

import json
import os
import sys
import time
import traceback

# selenium must not look for or download a driver: Debian's chromedriver is given explicitly.
os.environ["SE_OFFLINE"] = "true"

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_SECONDS = 20
OFFICER_KEYS = ["administrator", "operator", "approver", "auditor"]
LOCKED_SENTENCE = "已因连续 5 次口令错误被锁定"


class StepFailed(Exception):
    """A step's expectation did not hold; the message says what the page showed instead."""


class Flow:
    def __init__(self, base, artifacts, officers, locked):
        self.base = base.rstrip("/")
        self.artifacts = artifacts
        self.officers = officers
        self.locked = locked
        self.browsers = {}
        self.steps = []
        self.screenshots = []
        self.counter = 0
        self.current = None

    # ---- Browsers -------------------------------------------------------------------------------------------------

    def browser(self, key):
        """The officer's own browser session, started on first use."""
        if key not in self.browsers:
            options = webdriver.ChromeOptions()
            options.binary_location = CHROMIUM
            for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                             "--window-size=1280,1000", "--lang=zh-CN", "--no-first-run", "--disable-extensions"]:
                options.add_argument(argument)
            driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
            driver.set_page_load_timeout(WAIT_SECONDS)
            self.browsers[key] = driver
        return self.browsers[key]

    def close(self):
        for driver in self.browsers.values():
            try:
                driver.quit()
            except Exception:  # a browser that died is gone already
                pass

    # ---- Helpers ----------------------------------------------------------------------------------------------------

    def open(self, key, path):
        driver = self.browser(key)
        driver.get(self.base + path)
        return driver

    def shot(self, key, label):
        """Saves a PNG of the page officer `key` sees, named by its order in the run."""
        self.counter += 1
        name = "%02d-%s-%s.png" % (self.counter, key, label)
        path = os.path.join(self.artifacts, name)
        if not self.browser(key).save_screenshot(path):
            raise StepFailed("could not save the screenshot " + path)
        self.screenshots.append(path)
        if self.current is not None:
            self.current["screenshots"].append(path)
        return path

    def submit_form(self, key, fields, action=None):
        """Fills the fields named in `fields` (text, password, textarea, select by value) of the form posting to
        `action` (else the page's first form with a field of the first name), submits it with its submit button, and
        waits for the next page."""
        driver = self.browser(key)
        if action is not None:
            form = driver.find_element(By.CSS_SELECTOR, 'form[action="%s"]' % action)
        else:
            first = next(iter(fields))  # a form without `action` is found by its first field
            form = driver.find_element(By.XPATH, '//form[.//*[@name="%s"]]' % first)
        for name, value in fields.items():
            element = form.find_element(By.NAME, name)
            if element.tag_name == "select":
                Select(element).select_by_value(value)
            elif element.get_attribute("type") in ("checkbox", "radio"):
                if bool(value) != element.is_selected():
                    element.click()
            elif element.get_attribute("type") == "file":
                element.send_keys(value)
            else:
                element.clear()
                element.send_keys(value)
        page = driver.find_element(By.TAG_NAME, "html")
        form.find_element(By.CSS_SELECTOR, 'button[type="submit"], input[type="submit"]').click()
        WebDriverWait(driver, WAIT_SECONDS).until(lambda d: self._stale(page))
        WebDriverWait(driver, WAIT_SECONDS).until(lambda d: d.execute_script("return document.readyState") == "complete")
        return driver

    @staticmethod
    def _stale(element):
        try:
            element.tag_name
            return False
        except Exception:
            return True

    def expect_text(self, key, *texts):
        body = self.browser(key).find_element(By.TAG_NAME, "body").text
        for text in texts:
            if text not in body:
                raise StepFailed("the page does not show “%s”; it shows: %s" % (text, body[:600]))
        return body

    def expect_path(self, key, path):
        driver = self.browser(key)
        try:
            WebDriverWait(driver, WAIT_SECONDS).until(lambda d: d.current_url.split("?")[0] == self.base + path)
        except TimeoutException:
            raise StepFailed("expected %s, the browser is at %s" % (path, driver.current_url))

    def heading(self, key):
        return self.browser(key).find_element(By.TAG_NAME, "h1").text

    def run(self, name, key, function):
        step = {"name": name, "officer": key, "passed": False, "detail": "", "screenshots": []}
        self.steps.append(step)
        self.current = step
        started = time.monotonic()
        try:
            detail = function(key)
            step["passed"] = True
            step["detail"] = detail or ""
        except Exception as error:  # every failure is reported in the result, with what the page showed
            step["detail"] = "%s: %s" % (type(error).__name__, error)
            sys.stderr.write("step %s (%s) failed:\n%s\n" % (name, key, traceback.format_exc()))
            if key in self.browsers:
                try:
                    self.shot(key, name + "-failed")
                except Exception:
                    pass
        finally:
            self.current = None
        sys.stderr.write("step %-22s %-13s %s %.1f s\n" % (name, key, "ok" if step["passed"] else "FAILED", time.monotonic() - started))
        return step["passed"]

    # ---- Steps ------------------------------------------------------------------------------------------------------

    def sign_in(self, key):
        officer = self.officers[key]
        self.open(key, "/sign-in")
        self.expect_path(key, "/sign-in")
        self.expect_text(key, "姓名", "口令")
        self.shot(key, "sign-in")
        self.submit_form(key, {"name": officer["name"], "passphrase": officer["passphrase"]}, action="/sign-in")
        self.expect_path(key, "/workbench")
        return "signed in as %s" % officer["name"]

    def workbench(self, key):
        officer = self.officers[key]
        self.open(key, "/workbench")
        self.expect_path(key, "/workbench")
        if "工作台" not in self.heading(key):
            raise StepFailed("the heading is “%s”, not 工作台" % self.heading(key))
        self.expect_text(key, officer["name"], "退出")
        self.shot(key, "workbench")
        return "heading “%s”" % self.heading(key)

    def sign_out(self, key):
        self.open(key, "/workbench")
        self.submit_form(key, {}, action="/sign-out")
        self.expect_path(key, "/sign-in")
        self.shot(key, "signed-out")
        # The session is over on the server: the workbench sends the browser back to the sign-in page.
        self.open(key, "/workbench")
        self.expect_path(key, "/sign-in")
        return "signed out; /workbench leads to /sign-in"

    def lockout(self, key):
        """In officer `key`'s (signed-out) browser, the officer in `locked` types a wrong passphrase five times, then
        the right one."""
        name = self.locked["name"]
        wrong = "not the right passphrase"
        self.open(key, "/sign-in")
        for attempt in range(1, 6):
            self.submit_form(key, {"name": name, "passphrase": wrong}, action="/sign-in")
            self.expect_path(key, "/sign-in")
            if attempt < 5:
                self.expect_text(key, "口令不正确。还可以再试 %d 次" % (5 - attempt))
                self.shot(key, "wrong-passphrase-%d" % attempt)
            else:
                self.expect_text(key, "“%s”%s" % (name, LOCKED_SENTENCE))
                self.shot(key, "locked")
        self.submit_form(key, {"name": name, "passphrase": self.locked["passphrase"]}, action="/sign-in")
        self.expect_path(key, "/sign-in")
        self.expect_text(key, LOCKED_SENTENCE)
        self.shot(key, "locked-right-passphrase-refused")
        self.open(key, "/workbench")
        self.expect_path(key, "/sign-in")
        return "locked after five wrong passphrases; the right one is refused too"


# The flow, in order: (step name, officer key, Flow method). Later steps go between the workbenches and the sign-outs.
FLOW = (
    [("sign-in", key, Flow.sign_in) for key in OFFICER_KEYS]
    + [("workbench", key, Flow.workbench) for key in OFFICER_KEYS]
    + [("sign-out", key, Flow.sign_out) for key in OFFICER_KEYS]
    + [("lockout", "operator", Flow.lockout)]
)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    base, artifacts = sys.argv[1], sys.argv[2]
    secrets = json.load(sys.stdin)
    os.makedirs(artifacts, exist_ok=True)
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            print(json.dumps({"passed": False, "steps": [], "screenshots": [],
                              "error": "%s is not installed; run Scripts/setup" % path}, ensure_ascii=False))
            return 1
    flow = Flow(base, artifacts, secrets["officers"], secrets["locked"])
    try:
        for name, key, function in FLOW:
            if not flow.run(name, key, lambda k, f=function: f(flow, k)):
                break  # later steps build on this one
    finally:
        flow.close()
    passed = len(flow.steps) == len(FLOW) and all(step["passed"] for step in flow.steps)
    print(json.dumps({"passed": passed, "steps": flow.steps, "screenshots": flow.screenshots}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
