"""HTTPS with a hall's own CA, plain HTTP only to loopback, old clients, skewed clocks."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from counter_app.settings import SettingsError, load_settings
from counter_app.store import unit_of_work
from counter_app.sync.http import (
    CaFileProblem,
    HallClient,
    InsecureServer,
    Redirected,
    Refused,
    check_server_url,
)
from counter_app.sync.wire import SCHEMA_VERSION
from tests.conftest import Clock
from tests.servers import ServerProcess
from tests.sync_helpers import window_client
from tests.test_cli import assert_clear_failure, run


def write_pki(folder: Path) -> tuple[Path, Path, Path]:
    """A hall's internal CA and a certificate for 127.0.0.1 signed by it."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "示范市政务服务中心内部CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    import ipaddress

    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hall-server")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_pem, cert_pem, key_pem = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return ca_pem, cert_pem, key_pem


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_https_with_the_halls_own_ca(hall_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ca, cert, key = write_pki(tmp_path)
    monkeypatch.setenv("HALL_SERVER_TLS_CERT", str(cert))
    monkeypatch.setenv("HALL_SERVER_TLS_KEY", str(key))
    server = ServerProcess(hall_db, tmp_path / "tls.log")
    server.start(verify=str(ca))
    try:
        url = f"https://127.0.0.1:{server.port}"
        assert "server_time" in HallClient(url, str(ca)).hello()
        with pytest.raises(Refused) as refused:
            HallClient(url).hello()  # the system's trust store does not know the hall's CA
        assert refused.value.code == "tls"
    finally:
        server.stop()


def test_plain_http_only_to_this_pc_unless_it_is_allowed() -> None:
    assert check_server_url("http://127.0.0.1:8750/", False) == "http://127.0.0.1:8750"
    assert check_server_url("http://localhost:8750", False) == "http://localhost:8750"
    assert check_server_url("http://[::1]:8750", False) == "http://[::1]:8750"
    with pytest.raises(InsecureServer, match="plain HTTP"):
        check_server_url("http://10.1.2.3:8750", False)
    with pytest.raises(InsecureServer, match="plain HTTP"):
        check_server_url("http://127.0.0.1.hall.example:8750", False)
    assert check_server_url("http://10.1.2.3:8750", True) == "http://10.1.2.3:8750"
    assert check_server_url("https://hall.example.gov.cn", False) == "https://hall.example.gov.cn"
    assert check_server_url("https://gw.example.gov.cn/hall/", False) == "https://gw.example.gov.cn/hall"
    with pytest.raises(InsecureServer):
        check_server_url("ftp://hall", False)


# addresses on which URL parsers disagree about the host (or that hide one in another part)
AMBIGUOUS = [
    "http://127.0.0.1@evil.example:8750",
    "http://evil.example#@127.0.0.1:8750",
    "http://evil.example\\@127.0.0.1:8750",  # urlsplit: 127.0.0.1, urllib3: evil.example
    "http://127.0.0.1:8750\\@evil.example",
    "http://evil.example:80@127.0.0.1:8750",
    "http://evil.example;@127.0.0.1",
    "http://evil.example?@127.0.0.1",
    "http://user:secret@127.0.0.1:8750",
    "http://%31%32%37.0.0.1:8750",
    "http://127.0.0.1%2F@evil.example",
    "http://127.0.0.1 @evil.example",
    "http://127.0.0.1:8750 /",
    "http://ｌｏｃａｌｈｏｓｔ:8750",
    "http://127。0。0。1:8750",
    "http://[::1%25lo]:8750",
    "http://127.0.0.1:8750#@evil.example",
    "http://127.0.0.1:8750/?x=@evil.example",
    "http://127.0.0.1:99999",
    "https://hall.example.gov.cn/../other",
]


@pytest.mark.parametrize("url", AMBIGUOUS)
def test_an_address_parsers_read_differently_is_a_settings_error(
    url: str, tmp_path: Path, system_file: Path
) -> None:
    system_file.write_text(f"[counter]\nserver_url = {url}\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="server_url"):
        load_settings(tmp_path)
    for allowed in (False, True):  # allow_plain_http does not make it usable
        with pytest.raises(InsecureServer, match="not a usable server address"):
            check_server_url(url, allowed)
        with pytest.raises(InsecureServer):
            HallClient(url, allow_plain_http=allowed)


def test_a_bad_address_is_said_at_start_and_by_diagnose(tmp_path: Path, system_file: Path) -> None:
    url = "http://evil.example\\@127.0.0.1:8750"
    system_file.write_text(f"[counter]\nserver_url = {url}\n", encoding="utf-8")
    synced = run("--data-dir", str(tmp_path / "data"), "sync", system_settings=system_file, home=tmp_path)
    assert_clear_failure(synced, str(system_file), "server_url", "no user name or @", "Ask IT")
    diagnosed = run(
        "--data-dir", str(tmp_path / "data"), "diagnose", system_settings=system_file, home=tmp_path
    )
    assert (
        diagnosed.returncode == 2
        and "SETTINGS ERROR" in diagnosed.stdout
        and "server_url" in diagnosed.stdout
    )


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_every_request_is_checked_and_redirects_are_not_followed(hall: ServerProcess) -> None:
    client = HallClient(hall.url, session=requests.Session())
    assert "server_time" in client.hello()  # a real request to the real server on loopback
    # the hall server redirects /hello/ to /hello (307): not followed, said clearly
    with pytest.raises(
        Redirected, match=r"redirect \(HTTP 307 to '[^']*/api/v1/hello'\), which is not followed"
    ):
        client.call("GET", "/hello/")
    # the address changed after the client was made (another address from enrolment, a bug):
    # each request's own URL is checked before anything is sent, not only the first address
    for changed in (f"http://evil.example\\@127.0.0.1:{hall.port}", "http://192.0.2.10:8750"):
        client.base_url = changed
        with pytest.raises(InsecureServer, match="refused to send a request"):
            client.hello()
    client.base_url = hall.url
    assert "server_time" in client.hello()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "No such file"),
        (b"just some text, not a certificate\n", "Not a file of CA certificates in PEM form"),
        (b"-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n", "PEM form"),
    ],
    ids=["missing", "not-pem", "broken-pem"],
)
def test_a_ca_bundle_that_cannot_be_used_is_a_settings_error_at_start_and_in_diagnose(
    tmp_path: Path, system_file: Path, content: bytes | None, reason: str
) -> None:
    ca = tmp_path / "hall-ca.pem"
    if content is not None:
        ca.write_bytes(content)
    system_file.write_text(
        f"[counter]\nserver_url = https://127.0.0.1:8750\nca_bundle = {ca}\n", encoding="utf-8"
    )
    with pytest.raises(SettingsError, match="ca_bundle"):
        load_settings(tmp_path / "data")
    synced = run("--data-dir", str(tmp_path / "data"), "sync", system_settings=system_file, home=tmp_path)
    assert_clear_failure(synced, str(system_file), "ca_bundle", reason, "Ask IT")
    diagnosed = run(
        "--data-dir", str(tmp_path / "data"), "diagnose", system_settings=system_file, home=tmp_path
    )
    assert (
        diagnosed.returncode == 2 and "SETTINGS ERROR" in diagnosed.stdout and "ca_bundle" in diagnosed.stdout
    )
    assert "Traceback" not in synced.stderr + diagnosed.stderr


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_a_ca_bundle_gone_after_start_is_a_sync_error_not_a_crash(
    hall_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca, cert, key = write_pki(tmp_path)
    monkeypatch.setenv("HALL_SERVER_TLS_CERT", str(cert))
    monkeypatch.setenv("HALL_SERVER_TLS_KEY", str(key))
    server = ServerProcess(hall_db, tmp_path / "tls.log")
    server.start(verify=str(ca))
    try:
        url = f"https://127.0.0.1:{server.port}"
        with requests.Session() as session:  # a session per step: each makes a new TLS connection
            assert "server_time" in HallClient(url, str(ca), session).hello()
        ca.write_text("no longer a certificate\n", encoding="utf-8")
        with requests.Session() as session, pytest.raises(CaFileProblem, match="not a PEM file"):
            HallClient(url, str(ca), session).hello()
        ca.unlink()
        with requests.Session() as session, pytest.raises(CaFileProblem, match="no such file"):
            HallClient(url, str(ca), session).hello()
    finally:
        server.stop()


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_a_client_too_old_keeps_its_ops_and_is_told(hall_db: str, tmp_path: Path) -> None:
    server = ServerProcess(hall_db, tmp_path / "s.log").start()
    window = window_client(tmp_path / "w", server.url, hall_db)
    try:
        window.sync()
        window.accept("升级前")
        server.stop()
        os.environ["HALL_SERVER_MIN_CLIENT_SCHEMA"] = str(SCHEMA_VERSION + 1)  # a newer server
        try:
            server.start()
        finally:
            del os.environ["HALL_SERVER_MIN_CLIENT_SCHEMA"]
        report = window.sync()
        assert report.client_too_old and "too old" in report.error
        assert report.waiting == 1  # kept until the upgrade
    finally:
        window.close()
        server.stop()


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_a_skewed_clock_is_measured_and_never_used_for_order(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    window = window_client(tmp_path / "w", hall.url, hall_db)
    try:
        window.engine.now = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(minutes=7)
        report = window.sync()
        assert report.skew_seconds is not None and report.skew_seconds > 400
        assert window.store.get("skew_seconds").startswith("4")
    finally:
        window.close()


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_a_window_whose_clock_runs_ahead_still_receives_what_others_do_later(
    hall: ServerProcess, hall_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The feed is ordered by the hall's commits, never by a window's clock: a case another window
    accepts *after* a fast window's case, stamped two hours *earlier*, still reaches the fast one."""
    now = dt.datetime.now().replace(microsecond=0)
    fast = window_client(
        tmp_path / "fast", hall.url, hall_db, device="W01", clock=Clock(now + dt.timedelta(hours=2))
    )
    right = window_client(tmp_path / "right", hall.url, hall_db, device="W02", clock=Clock(now))
    try:
        fast.engine.now = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
        fast.sync()
        right.sync()
        with monkeypatch.context() as fast_clock:  # every row the fast window writes is stamped ahead
            fast_clock.setattr(
                unit_of_work,
                "utcnow",
                lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=2),
            )
            ahead = fast.accept("快钟")
        assert fast.sync().pushed == 1
        right.sync()
        assert right.ctx.cases.get(ahead.case.id) is not None
        later = right.accept("准钟")
        assert later.case.created_at < ahead.case.created_at  # stamped earlier, done later
        assert right.sync().pushed == 1
        fast.sync()
        seen = fast.ctx.cases.get(later.case.id)
        assert seen is not None and seen[0].case_number == later.case.case_number
    finally:
        fast.close()
        right.close()
