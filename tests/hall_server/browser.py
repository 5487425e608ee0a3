"""Headless Debian Chromium (packages ``chromium`` and ``chromium-driver``) driven by selenium, for
the hall's browser pages, with the page's speech synthesis replaced by a recorder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from hall_server.config import ServerConfig

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_SECONDS = 10

# Runs before the page's own scripts: speechSynthesis records what it is asked to say, with one
# English and one Chinese voice, as a desktop browser with a Chinese voice installed.
SPEECH_RECORDER = """
(() => {
  const spoken = [];
  class Utterance {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.rate = 1; }
  }
  const voices = [{ name: "English", lang: "en-US" }, { name: "中文", lang: "zh-CN" }];
  const synth = {
    speak(u) { spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.lang : null }); },
    getVoices() { return voices; },
    cancel() {}, pause() {}, resume() {},
    speaking: false, pending: false, paused: false, onvoiceschanged: null,
  };
  Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true, writable: true });
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.__spoken = spoken;
})();
"""


def chromium() -> webdriver.Chrome:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        raise RuntimeError("Chromium is not installed: run scripts/setup.sh dev")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",  # tests may run as root (containers, CI)
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--lang=zh-CN",
        "--window-size=1080,1920",
        "--hide-scrollbars",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # the browser's clock in the hall's time zone, as on a hall PC (the kiosk shows it next to
    # the ticket's time, which the server gives in hall time)
    service = Service(CHROMEDRIVER, env={**os.environ, "TZ": ServerConfig().timezone})
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SPEECH_RECORDER})
    return driver


def viewport(driver: webdriver.Chrome, width: int, height: int) -> None:
    """The page's CSS viewport exactly (a kiosk screen: 1080x1920 portrait, 1920x1080 landscape)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def element(driver: webdriver.Chrome, name: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, f'[data-testid="{name}"]')


def wait_for(driver: webdriver.Chrome, what: str, check: Any) -> Any:
    """``check(driver)`` until it is truthy (then its value), or fail saying what was awaited."""
    wait = WebDriverWait(driver, WAIT_SECONDS, ignored_exceptions=[StaleElementReferenceException])
    return wait.until(check, message=f"waited for {what}")


def texts(driver: webdriver.Chrome, name: str) -> list[str]:
    """The text of every element with this test id, in page order."""
    script = "return [...document.querySelectorAll(`[data-testid='${arguments[0]}']`)].map(e => e.innerText.trim())"
    return list(driver.execute_script(script, name))


def wait_visible(driver: webdriver.Chrome, name: str) -> WebElement:
    def visible(d: webdriver.Chrome) -> WebElement | None:
        found = d.find_elements(By.CSS_SELECTOR, f'[data-testid="{name}"]')
        return found[0] if found and found[0].is_displayed() else None

    return cast(WebElement, wait_for(driver, f"{name} to show", visible))


def wait_text(driver: webdriver.Chrome, name: str, text: str) -> None:
    """Until the element shows exactly ``text``."""

    def shows(d: webdriver.Chrome) -> bool:
        found = d.find_elements(By.CSS_SELECTOR, f'[data-testid="{name}"]')
        return bool(found) and found[0].is_displayed() and found[0].text.strip() == text

    wait_for(driver, f"{name} to show {text!r}", shows)


def tap(driver: webdriver.Chrome, name: str) -> None:
    wait_visible(driver, name).click()


def utterances(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    """What the page asked speechSynthesis to say: text, lang and the voice's language."""
    return list(driver.execute_script("return window.__spoken || []"))


def spoken(driver: webdriver.Chrome) -> list[str]:
    return [u["text"] for u in utterances(driver)]


def page_errors(driver: webdriver.Chrome) -> list[str]:
    """The page's script errors since the last look (refused requests the page handles are not
    errors)."""
    return [
        e["message"]
        for e in driver.get_log("browser")  # type: ignore[no-untyped-call]
        if e["level"] == "SEVERE" and "Failed to load resource" not in e["message"]
    ]


def overflowing(driver: webdriver.Chrome) -> list[str]:
    """Visible elements of the page that stick out of the viewport or out of their own box
    (cut text), described for the failure message; [] when everything fits."""
    return list(
        driver.execute_script(
            """
            const out = [];
            const w = window.innerWidth, h = window.innerHeight;
            for (const el of document.querySelectorAll("body *")) {
              const r = el.getBoundingClientRect();
              if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") continue;
              const label = (el.dataset.testid || el.className || el.tagName) + " " + (el.textContent || "").trim().slice(0, 20);
              if (r.left < -1 || r.top < -1 || r.right > w + 1 || r.bottom > h + 1) out.push("outside the screen: " + label);
              else if (el.children.length === 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== "visible") out.push("cut: " + label);
            }
            return out;
            """
        )
    )


def screenshot(driver: webdriver.Chrome, name: str) -> None:
    """Saved to $HALL_PAGES_SCREENSHOTS (when set) to look at."""
    folder = os.environ.get("HALL_PAGES_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / f"{name}.png"))
