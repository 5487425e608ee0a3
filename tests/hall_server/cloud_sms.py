"""Alibaba Cloud's and Tencent Cloud's SMS APIs on loopback, as a process of its own, for the
official SDKs pointed at it (``endpoint = http://127.0.0.1:PORT``): SendSms of dysmsapi
2017-05-25 (RPC, the request in the query string) and of sms 2021-01-11 (JSON, ``X-TC-Action``).
Each request is written down (one JSON line) before the answer, which ``POST /mode`` sets as in
sms_gateway.py: ok, busy (the provider's flow control), refuse (an invalid number), denied
(HTTP 403, a signature it does not accept), garbage (not JSON, yet the message went out).

Delivery reports: QuerySendDetails (Alibaba) and PullSmsSendStatusByPhoneNumber (Tencent) answer
from the messages taken, by number (Tencent's without the SessionContext, as by default):
``ok`` and ``garbage`` ones delivered, ``ok-undelivered`` ones
not (the carrier's code), ``ok-waiting`` ones with no report yet; a ``POST /mode`` of
``report-garbage`` makes the next question's answer unreadable.

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


TAKEN: dict[str, dict[str, str]] = {}  # message id -> number, reference, report
REPORTS = {
    "ok": "delivered",
    "garbage": "delivered",
    "ok-undelivered": "undelivered",
    "ok-waiting": "waiting",
}


class CloudSms(ProviderHandler):
    def do_POST(self) -> None:
        raw = self.body()
        if raw is None:
            return
        tc_action = self.headers.get("X-TC-Action")
        tencent = tc_action is not None
        request: dict[str, Any] = json.loads(raw) if tencent else dict(parse_qsl(urlsplit(self.path).query))
        action = tc_action or self.headers.get("x-acs-action") or request.get("Action")
        if action in ("QuerySendDetails", "PullSmsSendStatusByPhoneNumber"):
            self._report(tencent, request)
            return
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
            ref = ""
            if mode in REPORTS:
                message_id = request.get("SessionContext") if tencent else request.get("OutId")
                phone = request["PhoneNumberSet"][0][3:] if tencent else request["PhoneNumbers"]
                ref = (
                    "2645:32330131178164303" + str(len(TAKEN))
                    if tencent
                    else f"9006197469364984{len(TAKEN)}^0"
                )
                TAKEN[str(message_id)] = {"phone": phone, "ref": ref, "report": REPORTS[mode]}
                mode = "ok" if mode.startswith("ok") else mode
        if mode == "garbage":
            self.answer(200, b"<html>502 Bad Gateway</html>")
        elif tencent:
            self.answer(200, json.dumps(self._tencent(mode, request, ref), ensure_ascii=False).encode())
        else:
            said = ALIYUN[mode] | ({"BizId": ref} if mode == "ok" else {})
            self.answer(403 if mode == "denied" else 200, json.dumps(said, ensure_ascii=False).encode())

    def _report(self, tencent: bool, request: dict[str, Any]) -> None:
        with LOCK:
            mode = self.next_mode()
            self.write_down(
                {"provider": "tencent" if tencent else "aliyun", "action": "report", "request": request}
            )
            phone = request["PhoneNumber"].removeprefix("+86")
            found = [(i, m) for i, m in TAKEN.items() if m["phone"] == phone and m["report"] != "waiting"]
        if mode == "report-garbage":
            self.answer(200, b"<html>504 Gateway Timeout</html>")
            return
        if tencent:
            entries = [
                {
                    "UserReceiveTime": 1796522405,  # 2026-12-06 10:00:05 Beijing time
                    "CountryCode": "86",
                    "SubscriberNumber": phone,
                    "PhoneNumber": "+86" + phone,
                    "SerialNo": m["ref"],
                    "ReportStatus": "SUCCESS" if m["report"] == "delivered" else "FAIL",
                    "Description": "用户短信送达成功"
                    if m["report"] == "delivered"
                    else "MK:0001 用户手机关机",
                    "SessionContext": "",  # empty unless Tencent enabled it for the app (its default)
                }
                for i, m in found
            ]
            answer: dict[str, Any] = {"Response": {"PullSmsSendStatusSet": entries, "RequestId": "r"}}
        else:
            dtos = [
                {
                    "PhoneNum": phone,
                    "SendStatus": 3 if m["report"] == "delivered" else 2,
                    "ErrCode": "DELIVERED" if m["report"] == "delivered" else "MK:0001",
                    "TemplateCode": "SMS_0",
                    "Content": "【示范市政务服务中心】…",
                    "SendDate": "2026-12-06 10:00:00",
                    "ReceiveDate": "2026-12-06 10:00:05",
                    "OutId": i,
                }
                for i, m in found
                if not request.get("BizId") or request["BizId"] == m["ref"]
            ]
            answer = {
                "Code": "OK",
                "Message": "OK",
                "RequestId": "r",
                "TotalCount": len(dtos),
                "SmsSendDetailDTOs": {"SmsSendDetailDTO": dtos},
            }
        self.answer(200, json.dumps(answer, ensure_ascii=False).encode())

    def _tencent(self, mode: str, request: dict[str, Any], ref: str) -> dict[str, Any]:
        if mode == "denied":
            error = {
                "Code": "AuthFailure.SignatureFailure",
                "Message": "The provided credentials could not be validated.",
            }
            return {"Response": {"Error": error, "RequestId": "r"}}
        code, message = TENCENT_CODES[mode]
        status = {
            "SerialNo": ref if code == "Ok" else "",
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
