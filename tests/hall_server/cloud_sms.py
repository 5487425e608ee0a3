"""Alibaba Cloud's and Tencent Cloud's SMS APIs on loopback, as a process of its own, for the
official SDKs pointed at it (``endpoint = http://127.0.0.1:PORT``): SendSms of dysmsapi
2017-05-25 (RPC, the request in the query string) and of sms 2021-01-11 (JSON, ``X-TC-Action``).
Each request is written down (one JSON line) before the answer, which ``POST /mode`` sets as in
sms_gateway.py: ok, busy (the provider's flow control), refuse (an invalid number), denied
(HTTP 403, a signature it does not accept), garbage (not JSON).

``python -m tests.hall_server.cloud_sms PORT RECORD_FILE``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.hall_server.loopback_provider import LOCK, ProviderHandler, serve

ALIYUN = {
    "ok": {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "r"},
    "busy": {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控Permits:1", "RequestId": "r"},
    "refuse": {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号", "RequestId": "r"},
    "denied": {
        "Code": "SignatureDoesNotMatch",
        "Message": "Specified signature is not matched",
        "RequestId": "r",
    },
}
TENCENT_CODES = {
    "ok": ("Ok", "send success"),
    "busy": ("LimitExceeded.PhoneNumberThirtySecondLimit", "单个手机号30秒内下发短信条数超过设定的上限"),
    "refuse": ("InvalidParameterValue.IncorrectPhoneNumber", "手机号格式错误"),
}


class CloudSms(ProviderHandler):
    def do_POST(self) -> None:
        raw = self.body()
        if raw is None:
            return
        tencent = self.headers.get("X-TC-Action") == "SendSms"
        request: dict[str, Any] = json.loads(raw) if tencent else dict(parse_qsl(urlsplit(self.path).query))
        with LOCK:
            mode = self.next_mode()
            line = {
                "provider": "tencent" if tencent else "aliyun",
                "action": self.headers.get("X-TC-Action") or self.headers.get("x-acs-action"),
                "authorization": self.headers.get("Authorization", "").split(",")[0],
                "request": request,
                "mode": mode,
            }
            self.write_down(line)
        if mode == "garbage":
            self.answer(200, b"<html>502 Bad Gateway</html>")
        elif tencent:
            self.answer(200, json.dumps(self._tencent(mode, request), ensure_ascii=False).encode())
        else:
            self.answer(
                403 if mode == "denied" else 200, json.dumps(ALIYUN[mode], ensure_ascii=False).encode()
            )

    def _tencent(self, mode: str, request: dict[str, Any]) -> dict[str, Any]:
        if mode == "denied":
            error = {
                "Code": "AuthFailure.SignatureFailure",
                "Message": "The provided credentials could not be validated.",
            }
            return {"Response": {"Error": error, "RequestId": "r"}}
        code, message = TENCENT_CODES[mode]
        status = {
            "SerialNo": "2645:3233013117816430300" if code == "Ok" else "",
            "PhoneNumber": request["PhoneNumberSet"][0],
            "Fee": 1 if code == "Ok" else 0,
            "SessionContext": request.get("SessionContext", ""),
            "Code": code,
            "Message": message,
            "IsoCode": "CN",
        }
        return {"Response": {"SendStatusSet": [status], "RequestId": "r"}}


def main() -> None:
    port, record = int(sys.argv[1]), Path(sys.argv[2])
    CloudSms.record = record
    serve(port, CloudSms)


if __name__ == "__main__":
    main()
