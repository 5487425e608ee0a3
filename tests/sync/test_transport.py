"""HTTPS with a hall's own CA, plain HTTP only to loopback, old clients, skewed clocks."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from counter_app.sync.http import HallClient, InsecureServer, Refused, check_server_url
from counter_app.sync.wire import SCHEMA_VERSION
from tests.servers import ServerProcess
from tests.sync_helpers import window_client


def _write_pki(folder: Path) -> tuple[Path, Path, Path]:
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
    ca, cert, key = _write_pki(tmp_path)
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
    with pytest.raises(InsecureServer, match="plain HTTP"):
        check_server_url("http://10.1.2.3:8750", False)
    assert check_server_url("http://10.1.2.3:8750", True) == "http://10.1.2.3:8750"
    assert check_server_url("https://hall.example.gov.cn", False) == "https://hall.example.gov.cn"
    with pytest.raises(InsecureServer):
        check_server_url("ftp://hall", False)


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
