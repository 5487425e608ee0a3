"""The progress page (/progress) in real headless Chromium against a hall server process, on a
phone-sized screen, and at the kiosk: its 办件查询 button, a barcode reader's keystrokes and
Enter, the four characters from the on-screen keypad, and back to the tickets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.keys import Keys

from tests.hall_server.browser import (
    chromium,
    element,
    overflowing,
    page_errors,
    screenshot,
    tap,
    viewport,
    wait_for,
    wait_text,
    wait_visible,
)
from tests.servers import ServerProcess
from tests.sync_helpers import window_client

pytestmark = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
PHONE, KIOSK = (390, 844), (1080, 1920)


@pytest.fixture(scope="module")
def chrome() -> Iterator[webdriver.Chrome]:
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture
def case_number(hall: ServerProcess, hall_db: str, tmp_path: Path) -> Iterator[str]:
    window = window_client(tmp_path / "w01", hall.url, hall_db)
    try:
        case = window.accept().case  # 李建国, ID 11010519491231002X
        window.sync()
        assert case.case_number
        yield case.case_number
    finally:
        window.close()


def test_a_phone_finds_its_case_and_a_wrong_pair_is_told_plainly(
    hall: ServerProcess, case_number: str, chrome: webdriver.Chrome
) -> None:
    chrome.get("about:blank")
    page_errors(chrome)
    viewport(chrome, *PHONE)
    chrome.get(hall.url + "/progress")
    element(chrome, "number").send_keys(case_number)
    element(chrome, "tail").send_keys("1234")
    tap(chrome, "submit")
    wait_for(chrome, "the answer", lambda d: "未查到与该办件编号" in element(d, "error").text)
    assert not element(chrome, "result").is_displayed()
    tail = element(chrome, "tail")
    tail.clear()
    tail.send_keys("002x")  # lower case is fine
    tap(chrome, "submit")
    wait_visible(chrome, "result")
    wait_text(chrome, "state", "已受理")
    assert element(chrome, "r-applicant").text == "李*国"
    assert element(chrome, "r-item").text == "居民身份证换领"
    assert "无需到场" in element(chrome, "next").text
    assert not element(chrome, "error").is_displayed()
    assert not element(chrome, "back").is_displayed() and not element(chrome, "keypad").is_displayed()
    assert overflowing(chrome) == []
    assert page_errors(chrome) == []
    screenshot(chrome, "progress-phone")


def test_the_kiosk_reads_the_receipt_barcode_and_takes_the_tail_from_its_keypad(
    hall: ServerProcess, case_number: str, chrome: webdriver.Chrome
) -> None:
    chrome.get("about:blank")
    page_errors(chrome)
    viewport(chrome, *KIOSK)
    chrome.get(hall.url + "/kiosk")
    tap(chrome, "progress-start")
    wait_for(chrome, "the progress page", lambda d: d.current_url.endswith("/progress?kiosk=1"))
    wait_visible(chrome, "keypad")
    number = element(chrome, "number")
    assert chrome.switch_to.active_element == number  # ready for the barcode reader
    chrome.switch_to.active_element.send_keys(case_number + Keys.ENTER)  # a keyboard wedge
    assert chrome.switch_to.active_element == element(chrome, "tail")
    for key in "0029⌫X":
        chrome.find_element("css selector", f'[data-testid="keypad"] button[data-key="{key}"]').click()
    assert element(chrome, "tail").get_attribute("value") == "002X"
    tap(chrome, "submit")
    wait_text(chrome, "state", "已受理")
    assert overflowing(chrome) == []
    screenshot(chrome, "progress-kiosk")
    tap(chrome, "back")
    wait_for(chrome, "back at the kiosk", lambda d: d.current_url.endswith("/kiosk"))
    assert page_errors(chrome) == []
