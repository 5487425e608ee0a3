"""``hall-server``: serve the API, and the admin commands IT runs on the server."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from counter_app.domain.calendar_format import CalendarFileError, parse_calendar_file
from counter_app.domain.catalogue_format import CatalogueFormatError, parse_catalogue
from hall_server import admin, auth
from hall_server.config import ServerConfig, load_config, process_count
from hall_server.db import SchemaMismatch, ServerDatabase, check_schema, open_server_database
from hall_server.messages import commands as messages_commands
from hall_server.private_files import loose_mode, write_private
from hall_server.queue.appointments import import_appointments
from hall_server.queue.layout import import_layout
from hall_server.signing import SigningKeyError, ensure_key_file, key_file_path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hall-server", description="政务服务中心大厅服务器 / service hall server"
    )
    p.add_argument("--config", help="configuration file (section [server]); HALL_SERVER_* variables win")
    p.add_argument("--database-url", help="overrides database_url")
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    init = sub.add_parser("init-db", help="create or migrate the database")
    init.add_argument("--hall-code")
    init.add_argument("--hall-name")
    user = sub.add_parser("create-user", help="add a user (password read from stdin or asked)")
    user.add_argument("username")
    user.add_argument("--name", default="", help="display name (姓名)")
    user.add_argument("--role", required=True, choices=admin.ROLES)
    user.add_argument("--password-stdin", action="store_true")
    code = sub.add_parser("enroll-code", help="a one-time code binding a PC to a device code and window")
    code.add_argument("--device", required=True, help="device code, e.g. W07")
    code.add_argument("--window", required=True, help="window code from the catalogue")
    code.add_argument("--valid-hours", type=int, default=72)
    code.add_argument(
        "--replace",
        action="store_true",
        help="move a device code an active PC holds to a new PC (the old one is revoked when it enrols)",
    )
    for name in ("import-catalogue", "import-calendar"):
        sub.add_parser(name, help=f"{name.split('-')[1]} file (JSON, the client's format)").add_argument(
            "file"
        )
    sub.add_parser(
        "import-queues", help="hall layout file: queues and the windows serving them (docs/queue.md)"
    ).add_argument("file")
    sub.add_parser(
        "import-appointments",
        help='appointments for kiosk check-in: {"appointments": [{code, queue, day, name, phone}]}',
    ).add_argument("file")
    rotate = sub.add_parser(
        "rotate-signing-key",
        help="a new token signing key; the previous one checks tokens until they expire",
    )
    rotate.add_argument(
        "--drop-previous",
        action="store_true",
        help="the previous key stops at once (it leaked): every window refreshes its token",
    )
    exp = sub.add_parser("export", help="everything as JSON (to a file, or - for stdout)")
    exp.add_argument("file")
    sub.add_parser("revoke-user").add_argument("username")
    sub.add_parser("unlock-user", help="lift a user's lock after too many wrong passwords").add_argument(
        "username"
    )
    sub.add_parser("revoke-device", help="by device id or device code").add_argument("device")
    prune = sub.add_parser(
        "prune-changes", help="drop change-log rows older than N days (windows behind reload)"
    )
    prune.add_argument("--keep-days", type=int, default=90)
    messages_commands.add_commands(sub)
    demo = sub.add_parser("demo", help="seed a demo hall in FOLDER (SQLite) and serve it on loopback")
    demo.add_argument("folder")
    demo.add_argument("--port", type=int, default=0, help="0: any free port")
    demo.add_argument(
        "--exit-with-parent",
        action="store_true",
        help="stop when standard input closes (the client that started it is gone)",
    )
    return p


def _config(args: argparse.Namespace) -> ServerConfig:
    cfg = load_config(Path(args.config) if args.config else None)
    if args.database_url:
        from dataclasses import replace

        cfg = replace(cfg, database_url=args.database_url)
    return cfg


def _config_file(args: argparse.Namespace) -> str | None:
    return args.config or os.environ.get("HALL_SERVER_CONFIG")


def _database(cfg: ServerConfig, args: argparse.Namespace) -> ServerDatabase:
    try:
        key_file = key_file_path(cfg.database_url, cfg.signing_key_file, _config_file(args))
    except SigningKeyError:
        key_file = None  # only the commands that need the key (init-db, serve, rotate) say so
    return open_server_database(cfg.database_url, signing_key_file=key_file)


def _check_key_file(db: ServerDatabase) -> None:
    """The key file is there (a key still in the database moves to it now) and readable."""
    ensure_key_file(db)
    warning = loose_mode(db.signing_keys.path)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)


def _serve(cfg: ServerConfig, args: argparse.Namespace) -> int:
    """One process, or several (``workers``) sharing the port; all state is in the database,
    but for the token signing key file they all read."""
    import uvicorn

    db = _database(cfg, args)
    check_schema(db.engine)
    _check_key_file(db)
    db.dispose()
    host = args.host or cfg.host
    port = args.port if args.port is not None else cfg.port
    workers = process_count(args.workers or cfg.workers, db.is_postgres)
    ssl: dict[str, str] = {}
    if cfg.tls_cert:
        ssl = {"ssl_certfile": cfg.tls_cert, "ssl_keyfile": cfg.tls_key}
    # the worker processes build the app from the same configuration, through the environment
    os.environ["HALL_SERVER_DATABASE_URL"] = cfg.database_url
    os.environ["HALL_SERVER_SIGNING_KEY_FILE"] = str(db.signing_keys.path)
    if args.config:
        os.environ["HALL_SERVER_CONFIG"] = str(Path(args.config).resolve())
    uvicorn.run(
        "hall_server.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        # windows poll every few seconds on one kept-alive connection each
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        **ssl,  # type: ignore[arg-type]
    )
    return 0


KEEP_ALIVE_SECONDS = 30


def _demo(args: argparse.Namespace) -> int:
    import socket
    import threading

    import uvicorn

    from hall_server.app import create_app
    from hall_server.demo import seed_demo
    from hall_server.messages.config import MessagesConfig
    from hall_server.messages.worker import MessageWorker
    from hall_server.queue.demo_day import simulate_morning
    from hall_server.queue.tickets import hall_now

    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    # the demo hall is for trying things out: its API documentation is served (/docs)
    cfg = ServerConfig(database_url=f"sqlite:///{folder / 'hall-server.sqlite'}", api_docs=1)
    db = open_server_database(cfg.database_url)
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    sock.listen(128)  # connections made as soon as the address is printed wait for the server
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    info = seed_demo(db, folder, url)
    print(json.dumps(info, ensure_ascii=False), flush=True)
    # the morning so far, while the client starts (about a second of writes, once a day)
    threading.Thread(target=simulate_morning, args=(db, hall_now(cfg.timezone)), daemon=True).start()
    # its text messages go to the log only (the default provider): their states show on the cases
    messages = MessageWorker(db, MessagesConfig())
    threading.Thread(target=messages.run, args=(threading.Event(),), daemon=True).start()
    if args.exit_with_parent:

        def watch_parent() -> None:
            sys.stdin.read()  # returns when the pipe from the client closes, however it ended
            os._exit(0)

        threading.Thread(target=watch_parent, daemon=True).start()
    server = uvicorn.Server(
        uvicorn.Config(create_app(cfg, db), log_level="warning", timeout_keep_alive=KEEP_ALIVE_SECONDS)
    )
    server.run(sockets=[sock])
    return 0


def main(argv: list[str] | None = None) -> int:
    # what the server programs create (databases and their -wal/-shm, key files, exports, the demo
    # hall's folder) is for the service account only, whatever else each file does about it
    old_umask = os.umask(0o077)
    try:
        return _run(argv)
    finally:
        os.umask(old_umask)


def _run(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:
        cfg = _config(args)
        if args.command == "serve":
            return _serve(cfg, args)
        if args.command == "demo":
            return _demo(args)
        db = _database(cfg, args)
        if args.command == "init-db":
            settings = {
                k: v for k, v in {"hall_code": args.hall_code, "hall_name": args.hall_name}.items() if v
            }
            created = admin.init_db(db, settings)
            print("database created" if created else "database is up to date")
            if db.signing_keys.path.exists():
                print(f"token signing key: {db.signing_keys.path} (the same file for every server process)")
            else:
                print(
                    f"warning: no token signing key file at {db.signing_keys.path}: copy it from another "
                    "server of this hall (or, on one host only, make a new one with hall-server "
                    "rotate-signing-key and copy it to the others)",
                    file=sys.stderr,
                )
            return 0
        check_schema(db.engine)
        if args.command in messages_commands.COMMANDS:
            return messages_commands.run(args, db, _config_file(args))
        if args.command == "create-user":
            password = (
                sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("password: ")
            )
            admin.create_user(db, args.username, args.name, args.role, password)
            print(f"user {args.username} created ({args.role})")
        elif args.command == "enroll-code":
            print(admin.enrollment_code(db, args.device, args.window, args.valid_hours, args.replace))
        elif args.command == "import-catalogue":
            catalogue = parse_catalogue(json.loads(Path(args.file).read_text(encoding="utf-8")))
            r = admin.import_catalogue(db, catalogue)
            print(
                f"imported: {r.added} added, {r.updated} updated, {r.unchanged} unchanged, {r.withdrawn} withdrawn"
            )
        elif args.command == "import-calendar":
            years = parse_calendar_file(json.loads(Path(args.file).read_text(encoding="utf-8")))
            fixed = admin.import_calendar(db, years)
            print(f"imported {', '.join(str(y.year) for y in years)}; {fixed} provisional deadlines fixed")
        elif args.command == "import-queues":
            print("imported:", import_layout(db, json.loads(Path(args.file).read_text(encoding="utf-8"))))
        elif args.command == "import-appointments":
            doc = json.loads(Path(args.file).read_text(encoding="utf-8"))
            print("imported:", import_appointments(db, doc))
        elif args.command == "export":
            text = json.dumps(admin.export(db), ensure_ascii=False, indent=1)
            if args.file == "-":
                print(text)
            else:  # people's names and ID numbers: for the service account only (0600)
                write_private(Path(args.file), text)
        elif args.command == "rotate-signing-key":
            keys = admin.rotate_signing_key(db, cfg.access_token_minutes, args.drop_previous)
            path = db.signing_keys.path
            print(f"new token signing key in {path}; running servers take it at their next request")
            if keys.retired:
                print(f"the previous key checks tokens for {cfg.access_token_minutes} minutes more")
            else:
                print("no previous key checks tokens any more: every window refreshes its token once")
            print(
                f"copy {path} to every other server of this hall now (mode 0600, owner the service account)"
            )
        elif args.command == "revoke-user":
            admin.revoke_user(db, args.username)
            print(f"user {args.username} revoked")
        elif args.command == "prune-changes":
            from datetime import timedelta

            from hall_server.changes import prune, utcnow

            with db.sessions() as s, s.begin():
                dropped = prune(s, db, utcnow() - timedelta(days=args.keep_days))
            print(f"{dropped} change rows dropped")
        elif args.command == "unlock-user":
            locked = auth.unlock_user(db, args.username, "admin-cli", None)
            print(f"user {args.username} unlocked" if locked else f"user {args.username} was not locked")
        elif args.command == "revoke-device":
            print(f"{admin.revoke_device(db, args.device)} device(s) revoked")
        return 0
    except (
        admin.AdminError,
        SchemaMismatch,
        ValueError,
        OSError,
        CatalogueFormatError,
        CalendarFileError,
        SigningKeyError,
    ) as exc:
        print(f"error: {exc}\nnothing was changed.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
