"""The demo hall `counter-app --demo` starts: seeded, serving, and gone when its client is."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path


def test_the_demo_hall_serves_and_ends_with_its_client(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "hall_server", "demo", str(tmp_path / "hall"), "--exit-with-parent"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdin is not None
        info = json.loads(proc.stdout.readline())
        assert info["username"] == "wangfang" and len(info["enrollment_code"]) == 14
        with urllib.request.urlopen(info["server_url"] + "/api/v1/hello", timeout=10) as answer:
            assert "server_time" in json.load(answer)
        with urllib.request.urlopen(info["server_url"] + "/api/v1/queue/services", timeout=10) as answer:
            assert [q["code"] for q in json.load(answer)["queues"]] == list("ABCDEFG")
        with urllib.request.urlopen(info["server_url"] + "/kiosk", timeout=10) as answer:
            assert "取号" in answer.read().decode("utf-8")
        proc.stdin.close()  # the client is gone (closed, crashed or killed: the pipe closes)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()
