"""A real CUPS of the tests' own: cupsd from Debian in a temporary folder on a loopback port.

Queues print to PDF files through cups-pdf (A4 and an 80 mm roll, the PDF measured afterwards)
or through a backend of the tests' own that fails on demand (it aborts the job, or never
answers). Nothing of the machine's own CUPS is touched, apart from cups-pdf's per-queue
configuration files, which cups-pdf only reads from /etc/cups (named after this server's port,
removed at the end).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SERVER_BIN = Path("/usr/lib/cups")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONFIGS = Path("/etc/cups")

TEST_BACKEND = """#!/bin/sh
# countertest:/abort  -> the job is aborted (a jammed printer);  countertest:/silent -> never answers
# countertest:/capture/DIR -> what a PDF printer receives is written to DIR/job-N.pdf
[ $# -eq 0 ] && exit 0
case "$DEVICE_URI" in
  *abort*) cat > /dev/null; echo "ERROR: Paper jam in tray 2 (test backend)" >&2; exit 1 ;;
  *silent*) echo "INFO: waiting for the printer (test backend)" >&2; exec sleep 3600 ;;
  countertest:/capture/*) cat > "${DEVICE_URI#countertest:/capture}/job-$1.pdf.part" &&
    mv "${DEVICE_URI#countertest:/capture}/job-$1.pdf.part" "${DEVICE_URI#countertest:/capture}/job-$1.pdf";
    exit $? ;;
esac
cat > /dev/null
exit 0
"""

# a printer that takes PDF itself (as IPP Everywhere printers do): CUPS hands it pdftopdf's output
PDF_PRINTER_PPD = """*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "CAPTURE.PPD"
*Manufacturer: "Counter tests"
*Product: "(PDF printer)"
*ModelName: "Counter tests PDF printer"
*ShortNickName: "PDF printer"
*NickName: "Counter tests PDF printer"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"
*OpenUI *PageSize: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4: "595 842"
*VariablePaperSize: True
*MaxMediaWidth: "100000"
*MaxMediaHeight: "100000"
*HWMargins: 0 0 0 0
*CustomPageSize True: "pop pop pop <</PageSize[5 -2 roll]>>setpagedevice"
*ParamCustomPageSize Width: 1 points 36 100000
*ParamCustomPageSize Height: 2 points 36 100000
*ParamCustomPageSize WidthOffset: 3 points 0 0
*ParamCustomPageSize HeightOffset: 4 points 0 0
*ParamCustomPageSize Orientation: 5 int 0 3
"""


def available() -> str:
    """Why a test CUPS cannot run here ('' when it can)."""
    if os.geteuid() != 0:
        return "cupsd and cups-pdf need root (CI runs as root)"
    for need in (
        "/usr/sbin/cupsd",
        "/usr/sbin/lpadmin",
        str(SERVER_BIN / "backend" / "cups-pdf"),
        "/usr/bin/gs",
    ):
        if not os.path.exists(need):
            return f"{need} is missing: run scripts/setup.sh dev"
    return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class CupsServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.configs: list[Path] = []

    # -- life ----------------------------------------------------------------------------------
    def start(self) -> CupsServer:
        f = self.folder
        for name in ("root", "spool", "cache", "state", "logs", "bin"):
            (f / name).mkdir(parents=True, exist_ok=True)
        (f / "tmp").mkdir(mode=0o1777, exist_ok=True)
        os.chmod(f / "tmp", 0o1777)  # filters run as lp
        os.chmod(f, 0o755)
        self._server_bin()
        (f / "root" / "cups-files.conf").write_text(
            f"ServerRoot {f}/root\nRequestRoot {f}/spool\nCacheDir {f}/cache\nStateDir {f}/state\n"
            f"TempDir {f}/tmp\nServerBin {f}/bin\nDataDir /usr/share/cups\n"
            f"AccessLog {f}/logs/access_log\nErrorLog {f}/logs/error_log\nPageLog {f}/logs/page_log\n"
            "User lp\nGroup lp\nSystemGroup root\nSandboxing Relaxed\n"
        )
        (f / "root" / "cupsd.conf").write_text(
            f"Listen 127.0.0.1:{self.port}\nLogLevel info\nWebInterface No\nBrowsing No\n"
            "DefaultAuthType None\nPreserveJobHistory Yes\nPreserveJobFiles No\nJobRetryInterval 3600\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )
        with open(f / "logs" / "cupsd.out", "wb") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                ["/usr/sbin/cupsd", "-f", "-c", f"{f}/root/cupsd.conf", "-s", f"{f}/root/cups-files.conf"],
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"cupsd did not start: {(f / 'logs' / 'cupsd.out').read_text()}")

    def _server_bin(self) -> None:
        """/usr/lib/cups, with the tests' backend added beside the real ones."""
        bin_dir = self.folder / "bin"
        for entry in SERVER_BIN.iterdir():
            if entry.name != "backend" and not (bin_dir / entry.name).exists():
                (bin_dir / entry.name).symlink_to(entry)
        backends = bin_dir / "backend"
        backends.mkdir(exist_ok=True)
        for entry in (SERVER_BIN / "backend").iterdir():
            if not (backends / entry.name).exists():
                (backends / entry.name).symlink_to(entry)
        test = backends / "countertest"
        test.write_text(TEST_BACKEND)
        test.chmod(0o755)

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        for config in self.configs:
            config.unlink(missing_ok=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": self.address}

    def run(self, *args: str) -> str:
        done = subprocess.run(args, env=self.env(), capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)}: {done.stderr}")
        return done.stdout

    # -- queues --------------------------------------------------------------------------------
    def add_pdf_queue(self, name: str, paper: str = "A4") -> Path:
        """A cups-pdf queue; returns the folder its PDFs land in."""
        out = self.folder / "out" / name
        out.mkdir(parents=True, exist_ok=True)
        instance = f"ct{self.port}{name}"
        config = CUPS_PDF_CONFIGS / f"cups-pdf-{instance}.conf"
        config.write_text(f"Out {out}\nAnonDirName {out}\nLabel 0\nTitlePref 0\nLog {self.folder}/logs\n")
        self.configs.append(config)
        self.run("lpadmin", "-p", name, "-E", "-v", f"cups-pdf:/{instance}", "-P", str(CUPS_PDF_PPD))
        self.run("lpadmin", "-p", name, "-o", f"PageSize={paper}")
        return out

    def add_pdf_printer(self, name: str) -> Path:
        """A printer that takes PDF; returns the folder what it receives lands in."""
        out = self.folder / "out" / name
        out.mkdir(parents=True, exist_ok=True)
        out.chmod(0o777)  # the backend runs as lp
        ppd = self.folder / f"{name}.ppd"
        ppd.write_text(PDF_PRINTER_PPD)
        self.run("lpadmin", "-p", name, "-E", "-v", f"countertest:/capture{out}", "-P", str(ppd))
        return out

    def add_failing_queue(self, name: str, how: str) -> None:
        """*how*: ``abort`` (the job ends aborted) or ``silent`` (the job never finishes)."""
        self.run("lpadmin", "-p", name, "-E", "-v", f"countertest:/{how}", "-m", "raw")
        self.run("lpadmin", "-p", name, "-o", "printer-error-policy=abort-job")

    def reject(self, name: str, reason: str) -> None:
        self.run("cupsreject", "-r", reason, name)

    def accept(self, name: str) -> None:
        self.run("cupsaccept", name)

    def printed(self, out: Path, count: int = 1, timeout: float = 30) -> list[Path]:
        """The PDFs a queue wrote, oldest first (waiting until *count* are there, whole)."""
        deadline = time.monotonic() + timeout
        while True:
            files = sorted(out.glob("*.pdf"), key=lambda f: f.stat().st_mtime_ns)
            if (
                len(files) >= count and all(f.stat().st_size > 0 for f in files)
            ) or time.monotonic() > deadline:
                return files
            time.sleep(0.1)


def start() -> CupsServer:
    """A folder of its own under /tmp, every parent traversable: filters run as the user lp."""
    folder = Path(tempfile.mkdtemp(prefix="counter-cups-"))
    server = CupsServer(folder)
    try:
        return server.start()
    except BaseException:
        server.stop()
        raise
