"""Command line: the GUI by default, sub-commands for IT (diagnose, print-test, catalogue, calendar)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.paths import demo_data_dir, resolve_data_dir
from counter_app.settings import load_settings

if TYPE_CHECKING:
    from counter_app.domain.records import Notice


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-app", description="政务服务中心窗口客户端 / service hall window client"
    )
    parser.add_argument("--data-dir", help="data folder (default: the user's data folder)")
    parser.add_argument("--demo", action="store_true", help="load the demo catalogue and demo cases if empty")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language for this run")
    parser.add_argument(
        "--demo-user",
        choices=["wangfang", "lina", "chenjun", "zhaolei", "admin"],
        help="with --demo: sign in as this demo user (zhaolei is the supervisor: hall monitor and reports)",
    )
    parser.add_argument(
        "--no-server", action="store_true", help="with --demo: no demo hall server, the window works alone"
    )
    sub = parser.add_subparsers(dest="command")
    gu = sub.add_parser("gui", help="start the window client (the default)")
    gu.add_argument(
        "--check",
        action="store_true",
        help="for IT: open the window, check that the intake tab takes work, say so and end (exit 0 or 1)",
    )
    gu.add_argument("--screenshot", metavar="PNG", help="with --check: save a picture of the window")
    dg = sub.add_parser(
        "diagnose", help="print version, data folder, schema, settings, fonts, printers, disk"
    )
    dg.add_argument(
        "--bundle",
        metavar="FILE",
        help="also write a zip for IT: the report, logs, settings (secrets masked)",
    )
    pt = sub.add_parser("print-test", help="print or save a sample of every notice")
    pt.add_argument("--out", help="save the samples as PDF files into this folder")
    pt.add_argument("--printer", default=None, help="printer name (default: the system default)")
    ps = sub.add_parser(
        "preseed", help="check IT's values and write them into the system-wide settings file (installers)"
    )
    ps.add_argument("values", nargs="*", metavar="key=value", help="e.g. server_url=https://hall:8750")
    ps.add_argument("--file", help="the settings file (default: the system-wide one for this platform)")
    ps.add_argument("--check", action="store_true", help="only check the values; write nothing")
    ps.add_argument(
        "--stdin",
        action="store_true",
        help="also read key=value lines from standard input (keeps a secret off the command line)",
    )
    cs = sub.add_parser(
        "check-synced",
        help="say whether data folders may be deleted: every operation in them applied by the hall server "
        "(exit 0) or not (exit 1); reads only",
    )
    cs.add_argument("folders", nargs="*", metavar="FOLDER")
    cs.add_argument(
        "--every-folder",
        action="store_true",
        help="also IT's data_dir and every local account's data folders (what a package purge looks at)",
    )
    sy = sub.add_parser("sync", help="one sync round with the hall server (push the outbox, pull changes)")
    sy.add_argument("--once", action="store_true", help="one round and exit (the default)")
    sy.add_argument("--user", help="sign in as this user first (password from stdin or asked)")
    en = sub.add_parser("enroll", help="enrol this PC with the hall server using IT's one-time code")
    en.add_argument("--server", required=True, help="https://hall-server:8750")
    en.add_argument("--code", required=True)
    for name in ("catalogue", "calendar"):
        p = sub.add_parser(name, help=f"import or export the {name} (JSON)")
        p.add_argument("action", choices=["import", "export"])
        p.add_argument("file")
    return parser


def _start_demo_hall(data_dir: Path) -> dict[str, str] | None:
    """The demo's own hall server (SQLite, loopback), a child process ended with the client."""
    import atexit
    import subprocess

    proc = subprocess.Popen(
        [sys.executable, "-m", "hall_server", "demo", str(data_dir / "demo-hall"), "--exit-with-parent"],
        stdin=subprocess.PIPE,  # held open for the client's life: when it ends, the demo server does too
        stdout=subprocess.PIPE,
        text=True,
    )
    atexit.register(proc.terminate)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    try:
        info = json.loads(line)
    except ValueError:
        print("the demo hall server did not start; the window works alone", file=sys.stderr)
        return None
    return {str(k): str(v) for k, v in info.items()}


def _context(args: argparse.Namespace, demo_hall: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """The opened data folder; raises ``StartupFailed`` when it cannot be opened for a reason a
    person can act on (bad settings file, newer database, no write access, database in use)."""
    from counter_app.logs import start_logging
    from counter_app.private_files import open_private, private_folder
    from counter_app.services.context import open_context
    from counter_app.services.demo import DEMO_SETTINGS, seed_demo
    from counter_app.startup import failure

    data_dir: Path | None = None
    ctx = None
    try:
        if args.demo and not args.data_dir:
            data_dir = demo_data_dir()
        else:
            data_dir, _source = resolve_data_dir(args.data_dir)
        overrides = {"language": args.lang} if args.lang else {}
        if demo_hall:
            overrides["server_url"] = demo_hall["server_url"]
        if args.demo and not (data_dir / "settings.ini").exists():
            with open_private(private_folder(data_dir) / "settings.ini", "w", encoding="utf-8") as fh:
                fh.write("[counter]\n" + "".join(f"{k} = {v}\n" for k, v in DEMO_SETTINGS.items()))
        ctx = open_context(data_dir, overrides)
        start_logging(data_dir, getattr(args, "command", None) or "gui")
        if args.demo and getattr(args, "demo_user", None) != "zhaolei":  # a supervisor records no case
            seed_demo(ctx)
        return ctx
    except Exception as exc:
        if ctx is not None:
            ctx.close()
        failed = failure(exc, data_dir)
        if failed is None:
            raise
        raise failed from exc


PRINT_SETTINGS = ("printer_a4", "printer_receipt", "receipt_paper", "print_wait_seconds")


def _hall_print_settings(args: argparse.Namespace) -> dict[str, str]:
    """The printers and receipt paper this PC's window uses: the data folder's settings, IT's
    system-wide file and what the hall server published, read only (nothing is written)."""
    import sqlite3

    from counter_app.services.context import DB_FILE
    from counter_app.settings import load_settings
    from counter_app.startup import failure

    data_dir: Path | None = None
    try:
        data_dir = demo_data_dir() if args.demo and not args.data_dir else resolve_data_dir(args.data_dir)[0]
        settings = load_settings(data_dir)
    except Exception as exc:
        failed = failure(exc, data_dir)
        if failed is None:
            raise
        raise failed from exc
    db_path = data_dir / DB_FILE
    if db_path.is_file():
        # a closed cache has no -wal file: read it as immutable, so not even SQLite's -wal and -shm
        # companions appear; an open one (the window is running) has them: share them read-only
        wal_open = db_path.with_name(db_path.name + "-wal").exists()
        try:
            con = sqlite3.connect(
                f"{db_path.resolve().as_uri()}?{'mode=ro' if wal_open else 'immutable=1'}", uri=True
            )
            try:
                published = dict(con.execute("SELECT key, value FROM server_settings").fetchall())
            finally:
                con.close()
        except sqlite3.Error as exc:
            print(f"note: the hall server's settings in {db_path} were not read ({exc})", file=sys.stderr)
        else:
            settings.apply_server({str(k): str(v) for k, v in published.items()})
    return {key: settings[key] for key in PRINT_SETTINGS}


def _print_test(args: argparse.Namespace) -> int:
    """A sample of every notice, rendered from demo data in a throwaway folder, on the printers and
    paper of this PC's real settings (``--printer`` overrides both printers), plus one 80 mm receipt.
    ``--out DIR`` saves the PDFs instead. Goes on after a failure; exit 2 if any sample failed."""
    from counter_app.domain.records import NoticeKind
    from counter_app.printing.sizes import Paper
    from counter_app.services.context import open_context
    from counter_app.services.demo import seed_demo
    from counter_app.services.notices import RECEIPT_KINDS, NoticeService

    hall = _hall_print_settings(args)
    out = Path(args.out) if args.out else None
    if out is None and args.printer:
        print(f"every sample on the printer {args.printer}")
    elif out is None:
        a4 = hall["printer_a4"] or "the system default printer"
        print(
            f"A4 notices on {a4}; receipts on {hall['printer_receipt'] or a4}, paper {hall['receipt_paper']}"
        )
    if out is None:
        from PySide6.QtGui import QGuiApplication

        _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # alive while printing
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp), {"clerk_name": "打印测试", **hall})
        try:
            seed_demo(ctx)
            service = NoticeService(ctx)
            notices = ctx.cases.latest_notice_of_each_kind()
            notices.append(service.material_receipt(notices[0].case_id))
            by_kind: dict[NoticeKind, Notice] = {}
            for notice in sorted(notices, key=lambda n: list(NoticeKind).index(n.kind)):
                by_kind.setdefault(notice.kind, notice)
            samples = [(n, service.paper_for(n)) for n in by_kind.values()]
            if all(paper != Paper.ROLL_80MM for _n, paper in samples):
                receipt = by_kind.get(NoticeKind.ACCEPTANCE) or next(
                    n for n in by_kind.values() if n.kind in RECEIPT_KINDS
                )
                samples.append((receipt, Paper.ROLL_80MM))
            for notice, paper in samples:
                pdf = service.pdf(notice, for_output=False, paper=paper)
                ok = (
                    _save_sample(out, notice, paper, pdf)
                    if out
                    else _print_sample(
                        args.printer or service.printer_for(notice),
                        notice,
                        paper,
                        pdf,
                        float(hall["print_wait_seconds"]),
                    )
                )
                failed += not ok
        finally:
            ctx.close()
    if failed:
        print(f"{failed} of {len(samples)} samples failed", file=sys.stderr)
        return 2
    print(f"all {len(samples)} samples {'saved' if out else 'printed'}")
    return 0


def _sample_label(notice: Notice, paper: str) -> str:
    return f"{notice.title} ({'80 mm' if paper == '80mm' else 'A4'})"


def _save_sample(out: Path, notice: Notice, paper: str, pdf: bytes) -> bool:
    target = out / f"{notice.kind.value}-{paper}.pdf"
    try:
        out.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
    except OSError as exc:
        print(f"错误 / error: {_sample_label(notice, paper)} not saved: {exc}", file=sys.stderr)
        return False
    print(f"saved {_sample_label(notice, paper)}: {target}")
    return True


def _print_sample(printer: str, notice: Notice, paper: str, pdf: bytes, wait: float) -> bool:
    """One sample, followed until the print system says it came out (or why not)."""
    from counter_app.printing.cups import JobState
    from counter_app.printing.paper import job_words, print_notice
    from counter_app.printing.print_errors import PrinterError

    label = _sample_label(notice, paper)

    def show(state: JobState) -> None:
        if not state.done:
            words = job_words(state)
            print(f"  {label}: job {state.job_id} {state.state}{f' ({words})' if words else ''}")

    try:
        done = print_notice(pdf, printer, f"print-test {notice.title}", wait=wait, on_status=show)
    except PrinterError as exc:
        where = exc.printer or printer or "the system default printer"
        said = f" ({exc.system_words})" if exc.system_words else ""
        print(f"打印失败 / print failed: {label} on {where}: {exc.reason}{said}", file=sys.stderr)
        return False
    how = "printed" if done.confirmed else "sent to the spooler (not confirmed)"
    print(f"{how} {label} on {done.printer}{f' (job {done.job_id})' if done.job_id else ''}")
    return True


def _sync_command(args: argparse.Namespace) -> int:
    """``sync --once`` and ``enroll`` for IT; exit 0 done, 2 refused or failed, 3 needs a sign-in."""
    from counter_app.domain.messages import DomainError
    from counter_app.services.hall_link import HallLink

    ctx = _context(args)
    try:
        link = HallLink(ctx, getattr(args, "server", None))
        if args.command == "enroll":
            done = link.enroll(args.code)
            print(f"enrolled: device {done.device_code}, window {done.window_code}, hall {done.hall_code}")
            if not done.secret_kept:
                print(
                    "warning: no system keyring: the device secret is not kept after this command",
                    file=sys.stderr,
                )
            return 0
        if getattr(args, "user", None):
            import getpass

            password = (
                getpass.getpass("password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
            )
            who = link.sign_in(args.user, password)
            print(f"signed in as {who.display_name}{' (offline)' if who.offline else ''}")
        report = link.sync_once()
    except DomainError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 2
    finally:
        ctx.close()
    state = "server failing" if report.server_failed else "online" if report.online else "offline"
    print(
        f"{state}: pushed {report.pushed}, rejected {report.rejected}, pulled {report.pulled}, "
        f"waiting {report.waiting}, needs attention {report.attention}"
    )
    if report.skew_seconds is not None:
        print(
            f"clock skew: {report.skew_seconds:+.0f} s{'  (over 5 minutes!)' if abs(report.skew_seconds) > 300 else ''}"
        )
    if report.error:
        print(f"error: {report.error}", file=sys.stderr)
    if report.needs_login:
        print("sign in once in the window client so this PC holds a session", file=sys.stderr)
        return 3
    return 2 if report.error else 0


def main(argv: list[str] | None = None) -> int:
    from counter_app.startup import StartupFailed, command_line_text, failure

    args = _parser().parse_args(argv)
    command = args.command or "gui"
    if command == "gui":
        return _gui(args)
    try:
        return _it_command(args, command)
    except StartupFailed as failed:
        print(command_line_text(failed.problem), file=sys.stderr)
        return 2
    except Exception as exc:  # the cache failed under a command (locked by another copy, disk, damage)
        found = failure(exc, _data_dir_of(args)) if _database_error(exc) else None
        if found is None:
            raise
        print(command_line_text(found.problem), file=sys.stderr)
        return 2


def _database_error(exc: BaseException) -> bool:
    """Whether *exc* came from the cache's SQLite (SQLAlchemy wraps the driver's error in .orig);
    other errors (a file a command was given, a printer) are not the data folder's."""
    import sqlite3

    return isinstance(getattr(exc, "orig", exc), sqlite3.Error)


def _data_dir_of(args: argparse.Namespace) -> Path | None:
    """The data folder a command works on, for its error message; None when it cannot be told."""
    try:
        if getattr(args, "demo", False) and not args.data_dir:
            return demo_data_dir()
        return resolve_data_dir(args.data_dir)[0]
    except Exception:
        return None


def _it_command(args: argparse.Namespace, command: str) -> int:
    """The sub-commands for IT; a data folder that cannot be opened raises ``StartupFailed``."""
    if command == "preseed":
        from counter_app.settings.preseed import PreseedError, parse_pairs, preseed

        try:
            pairs = list(args.values)
            if args.stdin:
                pairs += [line.rstrip("\r\n") for line in sys.stdin if line.strip()]
            written = preseed(parse_pairs(pairs), Path(args.file) if args.file else None, args.check)
        except PreseedError as exc:
            print(f"counter-app preseed: refused, nothing written: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"counter-app preseed: cannot write the settings file: {exc}", file=sys.stderr)
            return 2
        print(f"{'checked' if args.check else 'written'}: {written}")
        return 0
    if command == "diagnose":
        from counter_app.diagnose import diagnose
        from counter_app.startup import command_line_text

        found = diagnose(args.data_dir)  # always finishes, marking what is broken
        print(found.text)
        for problem in found.problems:
            print(command_line_text(problem), file=sys.stderr)
        if args.bundle and found.data_dir is not None:
            from counter_app.support_bundle import write_bundle

            try:
                names = write_bundle(Path(args.bundle), found.data_dir, found.text)
            except OSError as exc:
                print(f"the bundle could not be written: {exc}", file=sys.stderr)
                return 2
            print(f"bundle for IT: {args.bundle} ({len(names)} files: {', '.join(names)})")
        return 2 if found.problems else 0
    if command == "print-test":
        return _print_test(args)
    if command == "check-synced":
        from counter_app.synced_check import check_synced, every_data_folder

        folders = [Path(f) for f in args.folders] + (every_data_folder() if args.every_folder else [])
        if not folders:
            print("counter-app check-synced: name a FOLDER, or --every-folder", file=sys.stderr)
            return 2
        verdicts, code = check_synced(folders)
        print("\n".join(v.line() for v in verdicts))
        return code
    if command in ("sync", "enroll"):
        return _sync_command(args)
    if command in ("catalogue", "calendar"):
        from counter_app.domain.calendar_format import CalendarFileError
        from counter_app.domain.catalogue_format import CatalogueFormatError
        from counter_app.services import catalogue as cat
        from counter_app.services.import_file import ImportFileError
        from counter_app.store.catalogue_store import CatalogueConflict

        ctx = _context(args)
        path = Path(args.file)
        try:
            if command == "catalogue" and args.action == "import":
                r = cat.import_catalogue_file(ctx, path)
                print(
                    f"imported: {r.added} added, {r.updated} updated, {r.unchanged} unchanged, {r.withdrawn} withdrawn"
                )
            elif command == "catalogue":
                print(f"exported {cat.export_catalogue_file(ctx, path)} items to {path}")
            elif args.action == "import":
                years, fixed = cat.import_calendar_file(ctx, path)
                print(
                    f"imported years {', '.join(str(y.year) for y in years)}; {fixed} provisional deadlines fixed"
                )
            else:
                print(f"exported {cat.export_calendar_file(ctx, path)} years to {path}")
        except (
            OSError,
            ImportFileError,
            CatalogueFormatError,
            CatalogueConflict,
            CalendarFileError,
        ) as exc:
            print(f"错误 / error: {exc}\nnothing was changed.", file=sys.stderr)
            return 2
        finally:
            ctx.close()
        return 0
    raise ValueError(f"unknown command {command!r}")


def _gui(args: argparse.Namespace) -> int:
    """The window: its frame at once, the data folder opened behind it (ui/starting.py); when the
    folder cannot be opened, one message box says why, exit 2."""
    from counter_app.ui.starting import start_gui

    data_dir = _data_dir_of(args)
    with_server = bool(args.demo and not args.no_server) or _server_configured(data_dir)
    language = _language(args, data_dir)
    upgrade_pending = partial(_cache_needs_upgrade, data_dir)
    if getattr(args, "check", False):
        from counter_app.ui.window_check import WindowCheck

        check = WindowCheck(time.monotonic(), Path(args.screenshot) if args.screenshot else None)
        code = start_gui(
            language,
            not with_server,
            lambda: _open_for_window(args),
            framed=check.framed,
            ready=check.ready,
            upgrade_pending=upgrade_pending,
        )
        return check.exit_code(code)
    return start_gui(
        language,
        not with_server,
        lambda: _open_for_window(args),
        upgrade_pending=upgrade_pending,
    )


def _cache_needs_upgrade(data_dir: Path | None) -> bool:
    """On the opening thread: whether the frame should say the cache is being upgraded."""
    if data_dir is None:
        return False
    from counter_app.services.context import DB_FILE
    from counter_app.store.db import needs_upgrade

    return needs_upgrade(data_dir / DB_FILE)


def _open_for_window(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The opened data folder and the demo hall's sign-in (on the start's own thread)."""
    demo_hall = None
    if args.demo and not args.no_server:
        demo_dir = Path(args.data_dir) if args.data_dir else demo_data_dir()
        demo_hall = _start_demo_hall(demo_dir)
    ctx = _context(args, demo_hall)
    try:
        return ctx, (_enrol_demo(ctx, demo_hall, args.demo_user) if demo_hall else None)
    except BaseException:
        ctx.close()
        raise


def _language(args: argparse.Namespace, data_dir: Path | None) -> str:
    """``--lang``, else the settings' when they can be read, else Chinese (the default)."""
    if args.lang:
        return str(args.lang)
    try:
        return str(load_settings(data_dir)["language"]) if data_dir is not None else "zh_CN"
    except Exception:
        return "zh_CN"


def _server_configured(data_dir: Path | None) -> bool:
    """Whether the window is joined to a hall server (the clerk signs in before typing)."""
    try:
        return bool(load_settings(data_dir)["server_url"]) if data_dir is not None else False
    except Exception:
        return False


def _enrol_demo(ctx, demo_hall: dict[str, str], user: str | None = None) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    """Enrol the demo window with the code its hall server just made; (user, password) to sign in."""
    from counter_app.domain.messages import DomainError
    from counter_app.services.hall_link import HallLink

    link = HallLink(ctx)
    if not link.enrolled:
        try:
            link.enroll(demo_hall["enrollment_code"])
        except DomainError as exc:
            print(f"demo enrolment failed: {exc}", file=sys.stderr)
            return None
    return user or demo_hall["username"], demo_hall["password"]


if __name__ == "__main__":
    sys.exit(main())
