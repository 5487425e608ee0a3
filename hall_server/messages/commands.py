"""The text-message commands IT runs: ``send-messages`` (the worker, as a service beside
``serve``, or ``--once`` from a timer) and ``sms-secret`` (the provider's secret into the service
account's OS keyring)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from dataclasses import asdict
from pathlib import Path

from hall_server.db import ServerDatabase
from hall_server.messages.config import KEYRING_SERVICE, KEYRING_USER, load_messages_config
from hall_server.messages.worker import MessageWorker

COMMANDS = ("send-messages", "sms-secret")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    send = sub.add_parser(
        "send-messages", help="send the text messages waiting in the outbox ([messages] of the configuration)"
    )
    send.add_argument("--once", action="store_true", help="one round, print what happened, stop")
    send.add_argument("--check", action="store_true", help="check the [messages] configuration and stop")
    sub.add_parser(
        "sms-secret", help="store the SMS provider's secret (read from stdin) in this account's OS keyring"
    )


def run(args: argparse.Namespace, db: ServerDatabase, config_file: str | None) -> int:
    if args.command == "sms-secret":
        import keyring

        secret = sys.stdin.readline().strip()
        if not secret:
            raise ValueError("no secret on standard input")
        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, secret)
        print("the SMS provider's secret is stored in the OS keyring")
        return 0
    config = load_messages_config(Path(config_file) if config_file else None)
    if args.check:
        shown = {k: v for k, v in asdict(config).items() if k != "secret"}
        print("\n".join(f"{k} = {v}" for k, v in shown.items()))
        print(f"secret = {'(set)' if config.secret else '(none)'}")
        return 0
    worker = MessageWorker(db, config)
    try:
        if args.once:
            tally = worker.run_once()
            print(" ".join(f"{k}={v}" for k, v in asdict(tally).items()))
            return 0
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        print(f"sending text messages through {worker.provider.name}", flush=True)
        worker.run(stop)
        return 0
    finally:
        worker.close()
