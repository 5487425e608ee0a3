"""The kiosk (/kiosk) and hall display (/display) pages in real headless Chromium, against a hall
server process on loopback (SQLite: the pages do not care about the engine). Calls are made with
the server's own functions; the display's speech synthesis is replaced by a recorder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

import pytest
import requests
from selenium import webdriver
from sqlalchemy import select

from hall_server.config import ServerConfig
from hall_server.db import ServerDatabase, open_server_database
from hall_server.queue.calling import Clerk, act, call_next
from hall_server.queue.layout import import_layout
from hall_server.queue.models import AppointmentRow, TicketRow
from hall_server.queue.tickets import hall_now, issue_ticket
from tests.hall_server.browser import (
    chromium,
    element,
    overflowing,
    page_errors,
    screenshot,
    spoken,
    tap,
    texts,
    utterances,
    viewport,
    wait_for,
    wait_text,
    wait_visible,
)
from tests.servers import ServerProcess

pytestmark = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)

PORTRAIT, LANDSCAPE = (1080, 1920), (1920, 1080)
A01 = Clerk("A01", "wangfang", "王芳")  # 综合受理1号窗口, serves queue A (demo layout)
B01 = Clerk("B01", "wangfang", "王芳")  # 公安户政窗口, serves queue B
NETWORK = "网络异常，请稍后再试或到咨询台人工取号"


@pytest.fixture(scope="module")
def chrome() -> Iterator[webdriver.Chrome]:
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture
def browser(chrome: webdriver.Chrome) -> webdriver.Chrome:
    chrome.get("about:blank")
    page_errors(chrome)  # the previous test's
    viewport(chrome, *PORTRAIT)
    return chrome


@pytest.fixture
def db(hall_db: str) -> Iterator[ServerDatabase]:
    database = open_server_database(hall_db)
    yield database
    database.dispose()


def now() -> datetime:
    return hall_now(ServerConfig().timezone)  # the server process's clock and day


def stored(db: ServerDatabase) -> list[TicketRow]:
    with db.sessions() as s:
        return list(s.scalars(select(TicketRow).order_by(TicketRow.issued_at, TicketRow.display)))


def waiting(hall: ServerProcess, queue: str) -> int:
    answer = requests.get(hall.url + "/api/v1/queue/services", timeout=10).json()
    return int(next(q["waiting"] for q in answer["queues"] if q["code"] == queue))


def take(hall: ServerProcess, queue: str) -> str:
    answer = requests.post(hall.url + "/api/v1/queue/tickets", json={"queue": queue}, timeout=10)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["ticket"]["display"])


def called(db: ServerDatabase, clerk: Clerk) -> str:
    ticket = call_next(db, clerk, now())
    assert ticket is not None
    return ticket.display


def type_keys(driver: webdriver.Chrome, pad: str, keys: str) -> None:
    for key in keys:
        tap(driver, f"{pad}-key-{key}")


def alert_says(driver: webdriver.Chrome, text: str) -> None:
    wait_text(driver, "alert-text", text)
    tap(driver, "alert-ok")


def display_ready(driver: webdriver.Chrome, url: str) -> None:
    """The display page, once it has its first answer (calls from now on are new calls)."""
    driver.get(url + "/display")
    wait_for(
        driver, "the display's first answer", lambda d: d.execute_script("return document.body.dataset.after")
    )


def test_the_pages_are_served_uncached(hall: ServerProcess) -> None:
    for path, title in (("/kiosk", "自助取号"), ("/display", "叫号显示")):
        answer = requests.get(hall.url + path, timeout=10)
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/html")
        assert answer.headers["cache-control"] == "no-store"
        assert f"<title>{title}</title>" in answer.text
        assert "http://" not in answer.text and "https://" not in answer.text  # offline LANs
        assert "const HallClock" in answer.text and "/* hall-clock.js */" not in answer.text  # spliced in


def test_kiosk_issues_the_ticket_the_server_stored(
    hall: ServerProcess, db: ServerDatabase, browser: webdriver.Chrome
) -> None:
    browser.get(hall.url + "/kiosk")
    wait_text(browser, "queue-A-waiting", "等候 0 人")
    wait_text(browser, "hall-name", "示范市政务服务中心")
    assert overflowing(browser) == []
    screenshot(browser, "kiosk-start")

    tap(browser, "queue-A")
    tap(browser, "phone-skip")
    assert element(browser, "priority-normal").get_attribute("aria-pressed") == "true"
    tap(browser, "take-ticket")
    number = wait_visible(browser, "ticket-number").text
    [ticket] = stored(db)
    assert number == ticket.display == "A001"
    assert (ticket.kind, ticket.phone, ticket.status) == ("normal", None, "waiting")
    assert element(browser, "ticket-title").text == "取号成功"
    assert element(browser, "ticket-queue").text == "综合受理"
    assert element(browser, "ticket-ahead").text == "前面还有 0 人等候"
    assert element(browser, "ticket-time").text == f"取号时间 {ticket.issued_at:%Y年%m月%d日 %H:%M}"
    assert overflowing(browser) == []
    screenshot(browser, "kiosk-ticket")

    tap(browser, "ticket-done")  # back at once, with the new count
    wait_text(browser, "queue-A-waiting", "等候 1 人")
    assert called(db, A01) == number  # the number on screen is the one the windows call

    # two people took B tickets earlier today (whole seconds earlier: ticket times are in seconds)
    midnight = datetime.combine(now().date(), time())
    for second in (0, 1):
        issue_ticket(db, "B", None, None, midnight + timedelta(seconds=second))
    browser.refresh()
    wait_text(browser, "queue-B-waiting", "等候 2 人")
    tap(browser, "queue-B")
    tap(browser, "phone-skip")
    tap(browser, "take-ticket")
    wait_text(browser, "ticket-number", "B003")
    assert element(browser, "ticket-ahead").text == "前面还有 2 人等候"
    assert waiting(hall, "B") == 3
    assert page_errors(browser) == []


def test_kiosk_sends_the_phone_number_and_the_priority(
    hall: ServerProcess, db: ServerDatabase, browser: webdriver.Chrome
) -> None:
    viewport(browser, *LANDSCAPE)
    browser.get(hall.url + "/kiosk")
    tap(browser, "queue-B")
    type_keys(browser, "phone", "1381234569")
    tap(browser, "phone-key-del")
    type_keys(browser, "phone", "78")  # the 12th digit is refused
    wait_text(browser, "phone-value", "138 1234 5678")
    tap(browser, "phone-next")
    tap(browser, "priority-elderly")
    assert element(browser, "priority-normal").get_attribute("aria-pressed") == "false"
    tap(browser, "take-ticket")
    wait_text(browser, "ticket-number", "B001")
    assert element(browser, "ticket-title").text == "取号成功（老年人）"
    [ticket] = stored(db)
    assert (ticket.display, ticket.phone, ticket.kind) == ("B001", "13812345678", "elderly")


def test_kiosk_refuses_a_bad_phone_number_and_issues_nothing(
    hall: ServerProcess, db: ServerDatabase, browser: webdriver.Chrome
) -> None:
    browser.get(hall.url + "/kiosk")
    tap(browser, "queue-A")
    for bad in ("12345678901", "1381234"):
        tap(browser, "phone-key-clear")
        type_keys(browser, "phone", bad)
        tap(browser, "phone-next")
        alert_says(browser, "手机号码格式不正确，请重新输入以1开头的11位手机号码，或点“跳过”")
        wait_visible(browser, "screen-phone")
    assert stored(db) == [] and waiting(hall, "A") == 0
    assert page_errors(browser) == []


def test_kiosk_explains_what_the_server_refused_and_a_lost_network(
    hall: ServerProcess, hall_db: str, db: ServerDatabase, browser: webdriver.Chrome
) -> None:
    browser.get(hall.url + "/kiosk")
    wait_visible(browser, "queue-G")
    # the hall's layout changes while the kiosk still shows queue G
    import_layout(db, {"format": "hall-queues", "format_version": 1, "queues": [
        {"code": "A", "name": "综合受理"}], "windows": {"A01": ["A"]}})  # fmt: skip
    tap(browser, "queue-G")
    tap(browser, "phone-skip")
    tap(browser, "take-ticket")
    alert_says(browser, "该业务暂时不能取号，请选择其他业务，或到咨询台求助")
    wait_for(browser, "queue G to go", lambda d: not texts(d, "queue-G"))

    tap(browser, "queue-A")
    tap(browser, "phone-skip")
    hall.stop()
    tap(browser, "take-ticket")
    alert_says(browser, NETWORK)
    wait_visible(browser, "screen-priority")  # to try again
    assert stored(db) == []


def test_kiosk_appointment_check_in(
    hall: ServerProcess, db: ServerDatabase, browser: webdriver.Chrome
) -> None:
    today = now().date()
    with db.sessions() as s, s.begin():
        s.add(AppointmentRow(code="K7Q2M9", queue_code="C", day=today, name="李明", phone="13900000001"))
        s.add(AppointmentRow(code="TOMORROW1", queue_code="C", day=today + timedelta(days=1), phone=None))
    browser.get(hall.url + "/kiosk")
    tap(browser, "checkin-start")
    tap(browser, "checkin-submit")
    alert_says(browser, "请先输入预约码；如忘记预约码请到咨询台求助")
    type_keys(browser, "code", "K7Q2M8")
    tap(browser, "checkin-submit")
    alert_says(browser, "预约码不存在，请核对后重新输入，或到咨询台求助")
    tap(browser, "code-key-del")
    type_keys(browser, "code", "9")
    wait_text(browser, "checkin-value", "K7Q2M9")
    tap(browser, "checkin-submit")
    wait_text(browser, "ticket-number", "C001")
    assert element(browser, "ticket-title").text == "预约签到成功"
    [ticket] = stored(db)
    assert (ticket.display, ticket.kind, ticket.appointment_code) == ("C001", "appointment", "K7Q2M9")

    tap(browser, "ticket-done")
    tap(browser, "checkin-start")
    type_keys(browser, "code", "K7Q2M9")
    tap(browser, "checkin-submit")
    alert_says(browser, "该预约码已经签到过，请勿重复签到；如有疑问请到咨询台求助")
    tap(browser, "code-key-clear")
    type_keys(browser, "code", "TOMORROW1")
    tap(browser, "checkin-submit")
    alert_says(browser, "该预约不是今天的，请在预约当天前来签到，或到咨询台求助")
    assert len(stored(db)) == 1


def test_kiosk_goes_back_to_the_start_by_itself(hall: ServerProcess, browser: webdriver.Chrome) -> None:
    browser.get(hall.url + "/kiosk?ticket=2&idle=2")
    tap(browser, "queue-A")
    tap(browser, "phone-skip")
    tap(browser, "take-ticket")
    wait_text(browser, "ticket-number", "A001")
    wait_visible(browser, "screen-start")  # the ticket went after its 2 s
    tap(browser, "queue-A")
    type_keys(browser, "phone", "139")
    wait_visible(browser, "screen-start")  # nobody touched the phone step for 2 s
    tap(browser, "queue-A")
    wait_text(browser, "phone-value", "请输入11位手机号码")  # the half-typed number is gone


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_every_kiosk_step_fits_the_screen(
    hall: ServerProcess, browser: webdriver.Chrome, size: tuple[int, int]
) -> None:
    viewport(browser, *size)
    browser.get(hall.url + "/kiosk")
    steps = [
        ("screen-start", "queue-B"),
        ("screen-phone", "phone-skip"),
        ("screen-priority", "take-ticket"),
        ("screen-ticket", "ticket-done"),
        ("screen-start", "checkin-start"),
        ("screen-checkin", ""),
    ]
    for screen, then in steps:
        wait_visible(browser, screen)
        assert overflowing(browser) == [], screen
        screenshot(browser, f"kiosk-{screen[7:]}-{size[0]}x{size[1]}")
        small = browser.execute_script(
            "return [...document.querySelectorAll('button')].filter(b => b.offsetParent"
            " && b.getBoundingClientRect().height < 80).map(b => b.textContent)"
        )
        assert small == [], f"touch targets under 80 px on {screen}"
        if then:
            tap(browser, then)


def test_display_shows_and_speaks_a_new_call_and_a_recall(
    hall: ServerProcess, db: ServerDatabase, browser: webdriver.Chrome
) -> None:
    viewport(browser, *LANDSCAPE)
    take(hall, "A")
    display_ready(browser, hall.url)
    wait_visible(browser, "welcome")
    assert called(db, A01) == "A001"
    wait_text(browser, "current-number", "A001")
    wait_text(browser, "current-window", "综合受理1号窗口")
    wait_for(browser, "the call to be spoken", lambda d: spoken(d) == ["请A001号到综合受理1号窗口办理"])
    assert utterances(browser)[0]["lang"] == "zh-CN" and utterances(browser)[0]["voice"] == "zh-CN"
    assert texts(browser, "recent-number") == ["A001"]
    assert overflowing(browser) == []
    screenshot(browser, "display")

    act(db, A01, "recall", now())
    wait_for(browser, "the recall to be spoken", lambda d: len(spoken(d)) == 2)
    assert spoken(browser)[1] == "请A001号到综合受理1号窗口办理"
    wait_text(browser, "current-recall", "再次呼叫")
    assert page_errors(browser) == []


def test_display_shows_old_calls_without_announcing_them(
    hall: ServerProcess, db: ServerDatabase, browser: webdriver.Chrome
) -> None:
    for queue in "AAB":
        take(hall, queue)
    assert (called(db, A01), called(db, B01)) == ("A001", "B001")
    display_ready(browser, hall.url)
    wait_text(browser, "current-number", "B001")
    numbers = texts(browser, "recent-number")
    assert numbers == ["B001", "A001"]
    assert spoken(browser) == []  # shown in the same step as any speaking: none was

    act(db, A01, "finish", now())
    assert called(db, A01) == "A002"
    wait_for(browser, "only the new call spoken", lambda d: spoken(d) == ["请A002号到综合受理1号窗口办理"])
    wait_text(browser, "current-number", "A002")


def test_display_without_speech_still_shows_calls(
    hall: ServerProcess, db: ServerDatabase, browser: webdriver.Chrome
) -> None:
    for queue in "AB":
        take(hall, queue)
    display_ready(browser, hall.url)
    browser.execute_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    assert browser.execute_script("return typeof window.speechSynthesis") == "undefined"
    called(db, A01)
    wait_text(browser, "current-number", "A001")
    called(db, B01)  # the page kept polling after the call it could not speak
    wait_text(browser, "current-number", "B001")
    assert not element(browser, "offline").is_displayed()
    assert page_errors(browser) == []


def test_display_says_when_the_server_is_away_and_recovers(
    hall: ServerProcess, db: ServerDatabase, browser: webdriver.Chrome
) -> None:
    take(hall, "A")
    display_ready(browser, hall.url)
    assert not element(browser, "offline").is_displayed()
    hall.stop()
    wait_text(browser, "offline", "连接中断，正在重新连接…")
    called(db, A01)  # called while the display could not see it
    hall.start()
    wait_for(browser, "the banner to go", lambda d: not element(d, "offline").is_displayed())
    wait_text(browser, "current-number", "A001")
    wait_for(browser, "the missed call spoken", lambda d: spoken(d) == ["请A001号到综合受理1号窗口办理"])


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_the_display_fits_the_screen_with_long_window_names(
    hall: ServerProcess, db: ServerDatabase, browser: webdriver.Chrome, size: tuple[int, int]
) -> None:
    viewport(browser, *size)
    for queue in "AAAAAAAAAAAAC":
        take(hall, queue)
    for n, window in enumerate(("A01", "A02", "A03", "A04") * 3):  # more calls than the list shows
        clerk = Clerk(window, "wangfang", "王芳")
        if n >= 4:
            act(db, clerk, "finish", now())
        called(db, clerk)
    assert called(db, Clerk("C02", "wangfang", "王芳")) == "C001"  # the longest window name
    display_ready(browser, hall.url)
    wait_text(browser, "current-window", "市场准入与药品医疗器械许可窗口")
    assert overflowing(browser) == []
    screenshot(browser, f"display-{size[0]}x{size[1]}")


def test_the_pages_show_the_hall_s_clock_on_a_pc_set_to_another_zone(
    hall: ServerProcess, browser: webdriver.Chrome
) -> None:
    browser.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "America/Los_Angeles"})
    try:
        for path, fmt in (("/kiosk", "%-m月%-d日 %H:%M"), ("/display", "%H:%M:")):
            browser.get(hall.url + path)

            def hall_time(d: webdriver.Chrome, fmt: str = fmt) -> bool:
                shown = element(d, "clock").text
                return any((now() + timedelta(minutes=m)).strftime(fmt) in shown for m in (-1, 0, 1))

            wait_for(browser, f"{path} to show the hall's time", hall_time)
    finally:
        browser.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": ""})
