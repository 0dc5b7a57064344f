#!/usr/bin/env python3
"""The officers' console driven in a real browser: Debian's Chromium, headless, through /usr/bin/chromedriver and PyPI
selenium (both installed by Scripts/setup; run with the venv's python, .build-venv/bin/python3).

Usage: console-flow.py BASE_URL ARTIFACTS_DIR
  BASE_URL      the console, e.g. http://127.0.0.1:41234 (the Host the console checks)
  ARTIFACTS_DIR where a PNG screenshot of every page visited is saved (created if missing)
Standard input: a JSON object {"officers": {KEY: {"name", "role", "passphrase"}}, "locked": {"name", "passphrase"},
"station": STATION_PASSPHRASE, "holder": NEW_HOLDER_KEY_PASSPHRASE, "attachment": PATH, "document": PATH_OF_AN_OFD,
"unit": {"name", "creditCode", "template", "useName", "keyword"}} with KEY one of administrator, operator, approver,
auditor; passphrases come on standard input, never on argv. Files the console sends are saved under
ARTIFACTS_DIR/downloads.
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
    def __init__(self, base, artifacts, secrets):
        self.base = base.rstrip("/")
        self.artifacts = artifacts
        self.downloads = os.path.join(artifacts, "downloads")
        os.makedirs(self.downloads, exist_ok=True)
        self.secrets = secrets
        self.officers = secrets["officers"]
        self.locked = secrets["locked"]
        # What the steps find out and later steps use: the application, the seal, the use request, the stamped file.
        self.found = {}
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
            # Files the console sends are saved, not opened, under downloads/ (one folder per officer).
            folder = os.path.join(self.downloads, key)
            os.makedirs(folder, exist_ok=True)
            options.add_experimental_option("prefs", {
                "download.default_directory": folder, "download.prompt_for_download": False,
                "download.directory_upgrade": True, "safebrowsing.enabled": False})
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

    def submit_form(self, key, fields, action=None, button=None, new_page=True, choose=None):
        """Fills the fields named in `fields` (text, password, textarea, select by value, file by path) of the form
        posting to `action` (else the page's first form with a field of the first name), checks the radio buttons in
        `choose` ({name: value}), submits it with its first submit button (or the one matching the CSS `button`), and
        waits for the next page (unless `new_page` is False: the response is a download)."""
        driver = self.browser(key)
        if action is not None:
            # A posting form first: a page may also have a search form (GET) to the same path.
            forms = driver.find_elements(By.CSS_SELECTOR, 'form[action="%s"][method="post"]' % action)
            form = forms[0] if forms else driver.find_element(By.CSS_SELECTOR, 'form[action="%s"]' % action)
        else:
            first = next(iter(fields))  # a form without `action` is found by its first field
            form = driver.find_element(By.XPATH, '//form[.//*[@name="%s"]]' % first)
        for name, value in (choose or {}).items():
            radio = form.find_element(By.CSS_SELECTOR, 'input[type="radio"][name="%s"][value="%s"]' % (name, value))
            if not radio.is_selected():
                radio.click()
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
        form.find_element(By.CSS_SELECTOR, button or 'button[type="submit"], input[type="submit"]').click()
        if not new_page:
            return driver
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

    def wait_for_text(self, key, text, seconds=WAIT_SECONDS):
        """Waits until the page (reloading itself, or changed by its script) shows `text`."""
        try:
            WebDriverWait(self.browser(key), seconds).until(
                lambda d: text in d.find_element(By.TAG_NAME, "body").text)
        except TimeoutException:
            raise StepFailed("the page never showed “%s”; it shows: %s"
                             % (text, self.browser(key).find_element(By.TAG_NAME, "body").text[:600]))

    def wait_for_download(self, key, suffix, seconds=60):
        """The path of the first complete file ending in `suffix` in officer `key`'s download folder."""
        folder = os.path.join(self.downloads, key)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            done = [name for name in sorted(os.listdir(folder)) if name.endswith(suffix)]
            if done:
                return os.path.join(folder, done[0])
            time.sleep(0.2)
        raise StepFailed("no %s file was downloaded into %s (found: %s)" % (suffix, folder, os.listdir(folder)))

    def number_in_path(self, key, prefix):
        """The record number at the end of the browser's path /PREFIX/N."""
        path = self.browser(key).current_url.split("?")[0][len(self.base):]
        if not path.startswith(prefix + "/") or not path[len(prefix) + 1:].isdigit():
            raise StepFailed("expected %s/N, the browser is at %s" % (prefix, path))
        return path[len(prefix) + 1:]

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

    # 申请 → 审批 → 制作 → 用印 → 签章 → 验章 → 备案 → 审计, each officer in their own browser.

    def apply(self, key):
        unit = self.secrets["unit"]
        driver = self.open(key, "/applications/new")
        self.expect_text(key, "统一社会信用代码", "印章预览（实际尺寸）")
        form = driver.find_element(By.CSS_SELECTOR, 'form[action="/applications"]')
        Select(form.find_element(By.NAME, "template")).select_by_value(unit["template"])
        for name, value in (("unitName", unit["name"]), ("useName", unit["useName"])):
            form.find_element(By.NAME, name).clear()
            form.find_element(By.NAME, name).send_keys(value)
        code = form.find_element(By.NAME, "creditCode")
        code.send_keys(unit["creditCode"][:-1] + ("0" if unit["creditCode"][-1] != "0" else "1"))
        self.wait_for_text(key, "校验码")  # checked as it is typed: a wrong check character is named
        self.shot(key, "apply-credit-code-wrong")
        code.clear()
        code.send_keys(unit["creditCode"])
        self.wait_for_text(key, "统一社会信用代码校验通过")
        # The live preview follows the fields: the image's query names the unit typed, and it has loaded.
        WebDriverWait(driver, WAIT_SECONDS).until(lambda d: d.execute_script(
            "var i = document.getElementById('preview'); return i.complete && i.naturalWidth > 0 && i.src.indexOf(arguments[0]) > 0;",
            "unitName="))
        self.shot(key, "apply-preview")
        self.submit_form(key, {"reason": "新设立单位刻制合同专用章", "attachment1": self.secrets["attachment"]}, action="/applications")
        self.found["application"] = self.number_in_path(key, "/applications")
        self.expect_text(key, "待审批", unit["name"])
        self.shot(key, "applied")
        return "application %s" % self.found["application"]

    def approve(self, key):
        unit = self.secrets["unit"]
        application = self.found["application"]
        self.open(key, "/workbench")
        self.expect_text(key, "待审批的印章申请", unit["name"])
        self.open(key, "/applications/%s" % application)
        self.expect_text(key, "印章预览（实际尺寸）", os.path.basename(self.secrets["attachment"]))
        self.shot(key, "approval-queue")
        self.submit_form(key, {"note": "材料齐全，同意", "confirm": self.officers[key]["passphrase"]},
                         action="/applications/%s/approve" % application)
        self.expect_text(key, "已批准", "材料齐全，同意")
        self.shot(key, "approved")
        return "application %s approved" % application

    def issue(self, key):
        application = self.found["application"]
        self.open(key, "/applications/%s" % application)
        self.expect_text(key, "制作", "持有人密钥保管")
        self.shot(key, "issue-form")
        self.submit_form(key, {"holderPassphrase": self.secrets["holder"], "holderPassphraseAgain": self.secrets["holder"],
                               "stationPassphrase": self.secrets["station"], "confirm": self.officers[key]["passphrase"]},
                         action="/applications/%s/issue" % application, choose={"custody": "station"})
        self.found["seal"] = self.number_in_path(key, "/seals")
        self.expect_text(key, "有效", "持有人证书", "seal.issue")
        self.shot(key, "issued-seal")
        self.open(key, "/seals")
        self.expect_text(key, self.secrets["unit"]["name"])
        self.shot(key, "seal-list")
        return "seal %s" % self.found["seal"]

    def request_use(self, key):
        self.open(key, "/uses")
        self.submit_form(key, {"seal": self.found["seal"], "reason": "签订采购合同", "count": "1"}, action="/uses")
        self.found["use"] = self.number_in_path(key, "/uses")
        self.expect_text(key, "待审批", "签订采购合同")
        self.shot(key, "use-requested")
        return "use request %s" % self.found["use"]

    def approve_use(self, key):
        use = self.found["use"]
        self.open(key, "/uses/%s" % use)
        self.shot(key, "use-approval")
        self.submit_form(key, {"confirm": self.officers[key]["passphrase"]}, action="/uses/%s/approve" % use)
        self.expect_text(key, "已批准")
        self.shot(key, "use-approved")
        return "use request %s approved" % use

    def stamp(self, key):
        use = self.found["use"]
        keyword = self.secrets["unit"]["keyword"]
        fields = {"document": self.secrets["document"], "keyword": keyword, "holderPassphrase": self.secrets["holder"],
                  "confirm": self.officers[key]["passphrase"]}
        # The preview first: the page with the seal where the stamp will put it; nothing is signed.
        self.open(key, "/uses/%s" % use)
        self.submit_form(key, fields, action="/uses/%s/sign" % use, choose={"placement": "keyword"},
                         button='button[formaction="/uses/%s/preview"]' % use)
        self.expect_text(key, "签章预览", "尚未签章")
        self.shot(key, "stamp-preview")
        # Then 签章: the stamped OFD is downloaded.
        self.open(key, "/uses/%s" % use)
        self.shot(key, "stamp-form")
        self.submit_form(key, fields, action="/uses/%s/sign" % use, choose={"placement": "keyword"}, new_page=False)
        self.found["stamped"] = self.wait_for_download(key, ".ofd")
        with open(self.found["stamped"], "rb") as file:
            if file.read(4) != b"PK\x03\x04":
                raise StepFailed("the downloaded %s is not an OFD (ZIP) package" % self.found["stamped"])
        return "stamped %s" % os.path.basename(self.found["stamped"])

    def verify(self, key):
        self.open(key, "/verify")
        self.submit_form(key, {"file": self.found["stamped"]}, action="/verify")
        self.expect_text(key, "验章通过", "通过")
        self.shot(key, "verified")
        return "验章通过"

    def export(self, key):
        self.open(key, "/filing")
        self.shot(key, "filing")
        self.submit_form(key, {"stationPassphrase": self.secrets["station"], "confirm": self.officers[key]["passphrase"]},
                         action="/filing/export")
        if "/jobs/" not in self.browser(key).current_url:
            raise StepFailed("the export did not open its job page; the browser is at %s" % self.browser(key).current_url)
        self.shot(key, "export-progress")
        self.wait_for_text(key, "已完成", seconds=120)
        self.expect_text(key, "均通过")
        self.shot(key, "exported")
        self.browser(key).find_element(By.PARTIAL_LINK_TEXT, ".zip").click()
        bundle = self.wait_for_download(key, ".zip")
        return "bundle %s downloaded" % os.path.basename(bundle)

    def audit(self, key):
        self.open(key, "/audit")
        self.expect_text(key, "审计记录")
        self.submit_form(key, {}, action="/audit/verify")
        self.expect_text(key, "审计日志完整")
        self.shot(key, "audit-verified")
        return "audit log intact"

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
    + [("apply", "operator", Flow.apply), ("approve", "approver", Flow.approve), ("issue", "operator", Flow.issue),
       ("request-use", "operator", Flow.request_use), ("approve-use", "approver", Flow.approve_use),
       ("stamp", "operator", Flow.stamp), ("verify", "auditor", Flow.verify), ("export", "operator", Flow.export),
       ("audit", "auditor", Flow.audit)]
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
    flow = Flow(base, artifacts, secrets)
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
