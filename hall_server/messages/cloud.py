"""The major Chinese cloud SMS services through their official Python SDKs (installed with
``pip install counter-app[sms-cloud]``): Alibaba Cloud 短信服务 (dysmsapi 2017-05-25, SendSms)
and Tencent Cloud 短信 (sms 2021-01-11, SendSms). Both send only templates the hall registered
with them (模板 and 签名 approved by the provider): ``provider_template_<event>`` names it, and the
event's facts fill its variables, by name (Alibaba: ${case_number}…) or in the order of
``TENCENT_ORDER`` (Tencent: {1}, {2}…).

Neither keeps a message id to send it once: the message id goes with every request (Alibaba
``OutId``, Tencent ``SessionContext``, both on the provider's delivery reports), and an attempt
in doubt is not made again. Delivery reports are asked for by number and matched by that id
(Alibaba QuerySendDetails, Tencent PullSmsSendStatusByPhoneNumber; reports.py).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hall_server.messages.config import MessagesConfig
from hall_server.messages.providers import REFUSED, RETRY, SENT, UNKNOWN, Outcome, Outgoing, Provider
from hall_server.messages.reports import DELIVERED, UNDELIVERED, WAITING, Report, SentMessage, unanswered

TENCENT_ORDER = {
    "accepted": ("case_number", "item", "promised_due"),
    "correction": ("case_number", "item", "materials"),
    "ready": ("case_number", "item"),
    "due_soon": ("case_number", "item", "promised_due", "days_left"),
}
# provider codes that mean "not now" (flow control, busy): the message is tried again later
_ALIYUN_BUSY = {"isv.BUSINESS_LIMIT_CONTROL", "Throttling", "ServiceUnavailable"}
_TENCENT_BUSY = {
    "LimitExceeded.PhoneNumberThirtySecondLimit",
    "LimitExceeded.PhoneNumberOneHourLimit",
    "RequestLimitExceeded",
}
# Tencent's error codes without a dot; the SDK's own (ClientNetworkError, JSONDecodeError …) have none either
_TENCENT_PLAIN = {
    "RequestLimitExceeded",
    "UnauthorizedOperation",
    "UnsupportedOperation",
    "InternalError",
    "FailedOperation",
}
PROVIDERS_CLOCK = ZoneInfo("Asia/Shanghai")  # both providers' dates and report times are Beijing time
MISSING_SDK = "provider {name} needs its SDK: pip install 'counter-app[sms-cloud]' ({package})"


def _network(exc: Exception) -> Outcome:
    """An SDK's exception with no answer from the provider: connection refused before sending is
    a retry, anything after (a timeout, a reset) may have been taken."""
    text = f"{type(exc).__name__}: {exc}"[:300]
    refused = any(w in text for w in ("Connection refused", "Cannot connect", "Name or service not known"))
    return Outcome(RETRY if refused else UNKNOWN, text)


class AliyunSms:
    name, dedupes, reports = "aliyun", False, True

    def __init__(self, config: MessagesConfig) -> None:
        try:
            from alibabacloud_dysmsapi20170525.client import Client
            from alibabacloud_tea_openapi import models as openapi
        except ImportError:
            raise ValueError(
                MISSING_SDK.format(name="aliyun", package="alibabacloud-dysmsapi20170525")
            ) from None
        endpoint = config.endpoint or "dysmsapi.aliyuncs.com"
        protocol = "http" if endpoint.startswith("http://") else "https"
        self.config = config
        self.client = Client(
            openapi.Config(
                access_key_id=config.access_key_id,
                access_key_secret=config.secret,
                endpoint=endpoint.removeprefix("http://").removeprefix("https://"),
                protocol=protocol,
                region_id=config.region or "cn-hangzhou",
                read_timeout=config.timeout_seconds * 1000,
                connect_timeout=config.timeout_seconds * 1000,
            )
        )

    def send(self, message: Outgoing) -> Outcome:
        from alibabacloud_dysmsapi20170525 import models
        from darabonba.runtime import RuntimeOptions

        request = models.SendSmsRequest(
            phone_numbers=message.phone,
            sign_name=self.config.sign_name,
            template_code=self.config.provider_template(message.event),
            template_param=json.dumps(message.params, ensure_ascii=False),
            out_id=message.id,
        )
        ms = self.config.timeout_seconds * 1000
        try:
            answer = self.client.send_sms_with_options(
                request, RuntimeOptions(autoretry=False, read_timeout=ms, connect_timeout=ms)
            )
        except Exception as exc:  # the SDK raises its own classes for answers and for the network
            return _aliyun_error(exc)
        body: Any = answer.body
        code = str(getattr(body, "code", "") or "")
        if code == "OK":
            return Outcome(SENT, "", str(getattr(body, "biz_id", "") or "")[:100])
        detail = f"{code}: {getattr(body, 'message', '')}"[:300]
        if code in _ALIYUN_BUSY:
            return Outcome(RETRY, detail)
        return Outcome(UNKNOWN if code in ("", "isp.SYSTEM_ERROR") else REFUSED, detail)

    def check(self, message: SentMessage) -> Report:
        """The report of *message*: QuerySendDetails for its number on the day it left, Beijing
        time (1 waiting, 2 failed, 3 delivered), the entry whose OutId is the message's id; the
        day before too when it was recorded just after midnight."""
        left = message.sent_at.replace(tzinfo=UTC).astimezone(PROVIDERS_CLOCK)
        days = dict.fromkeys(d.strftime("%Y%m%d") for d in (left, left - timedelta(minutes=10)))
        report = Report(WAITING)
        for day in days:
            report = self._check_day(message, day)
            if report.kind != WAITING:
                break
        return report

    def _check_day(self, message: SentMessage, day: str) -> Report:
        from alibabacloud_dysmsapi20170525 import models
        from darabonba.runtime import RuntimeOptions

        request = models.QuerySendDetailsRequest(
            phone_number=message.phone,
            send_date=day,
            page_size=50,
            current_page=1,
            biz_id=message.ref or None,
        )
        ms = self.config.timeout_seconds * 1000
        try:
            answer = self.client.query_send_details_with_options(
                request, RuntimeOptions(autoretry=False, read_timeout=ms, connect_timeout=ms)
            )
        except Exception as exc:
            return unanswered(exc)
        body: Any = answer.body
        if str(getattr(body, "code", "") or "") != "OK":
            return Report(WAITING, f"{getattr(body, 'code', '')}: {getattr(body, 'message', '')}"[:300])
        found = getattr(getattr(body, "sms_send_detail_dtos", None), "sms_send_detail_dto", None) or []
        for entry in found:
            if getattr(entry, "out_id", None) != message.id:
                continue
            status = getattr(entry, "send_status", None)
            when = _utc_text(str(getattr(entry, "receive_date", "") or ""))
            if status == 3:
                return Report(DELIVERED, "", when)
            if status == 2:
                return Report(UNDELIVERED, str(getattr(entry, "err_code", "") or "")[:300], when)
        return Report(WAITING)

    def close(self) -> None:
        pass


def _aliyun_error(exc: Exception) -> Outcome:
    code = str(getattr(exc, "code", "") or "")
    status = getattr(exc, "status_code", None) or (getattr(exc, "data", None) or {}).get("statusCode")
    if code and isinstance(status, int):  # the provider answered with an error
        detail = f"{code}: {getattr(exc, 'message', exc)}"[:300]
        if code in _ALIYUN_BUSY:  # flow control: not taken
            return Outcome(RETRY, detail)
        return Outcome(UNKNOWN if status >= 500 else REFUSED, detail)  # a 5xx may have sent it
    return _network(exc)


class TencentSms:
    name, dedupes, reports = "tencent", False, True

    def __init__(self, config: MessagesConfig) -> None:
        try:
            from tencentcloud.common import credential
            from tencentcloud.common.profile.client_profile import ClientProfile
            from tencentcloud.common.profile.http_profile import HttpProfile
            from tencentcloud.sms.v20210111 import sms_client
        except ImportError:
            raise ValueError(
                MISSING_SDK.format(name="tencent", package="tencentcloud-sdk-python-sms")
            ) from None
        endpoint = config.endpoint or "sms.tencentcloudapi.com"
        http = HttpProfile(reqTimeout=config.timeout_seconds)
        http.scheme = "http" if endpoint.startswith("http://") else "https"
        http.endpoint = endpoint.removeprefix("http://").removeprefix("https://")
        self.config = config
        self.client = sms_client.SmsClient(
            credential.Credential(config.access_key_id, config.secret),
            config.region or "ap-guangzhou",
            ClientProfile(httpProfile=http),
        )

    def send(self, message: Outgoing) -> Outcome:
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
        from tencentcloud.sms.v20210111 import models

        request = models.SendSmsRequest()
        request.PhoneNumberSet = ["+86" + message.phone]
        request.SmsSdkAppId = self.config.app_id
        request.SignName = self.config.sign_name
        request.TemplateId = self.config.provider_template(message.event)
        request.TemplateParamSet = [message.params.get(k, "") for k in TENCENT_ORDER[message.event]]
        request.SessionContext = message.id
        try:
            answer = self.client.SendSms(request)
        except TencentCloudSDKException as exc:
            code = str(exc.get_code() or "")
            said = f"{code}: {exc.get_message()}"[:300]
            if code == "ServerNetworkError" or code.startswith("InternalError"):  # it may have sent it
                return Outcome(UNKNOWN, said)
            if "." not in code and code not in _TENCENT_PLAIN:  # the SDK's own: no answer it could read
                return _network(exc)
            return Outcome(RETRY if code in _TENCENT_BUSY else REFUSED, said)
        except Exception as exc:
            return _network(exc)
        statuses = answer.SendStatusSet or []
        if not statuses:
            return Outcome(UNKNOWN, "the provider's answer has no send status")
        status = statuses[0]
        if status.Code == "Ok":
            return Outcome(SENT, "", str(status.SerialNo or "")[:100])
        detail = f"{status.Code}: {status.Message}"[:300]
        return Outcome(RETRY if status.Code in _TENCENT_BUSY else REFUSED, detail)

    def check(self, message: SentMessage) -> Report:
        """The report of *message*: PullSmsSendStatusByPhoneNumber for its number since it left
        (a question: unlike PullSmsSendStatus it takes nothing off the provider's queue), the
        entry whose SerialNo is its reference, or whose SessionContext is the message's id
        (Tencent returns that only where it enabled it for the app: an attempt in doubt has no
        reference). At most 100 reports a question (Tencent's limit; no paging): a number sent
        more than 100 messages in two days may miss a report."""
        from tencentcloud.sms.v20210111 import models

        left = message.sent_at.replace(tzinfo=UTC)
        request = models.PullSmsSendStatusByPhoneNumberRequest()
        request.BeginTime = int((left - timedelta(minutes=5)).timestamp())
        request.EndTime = int(datetime.now(UTC).timestamp()) + 60
        request.Offset, request.Limit = 0, 100
        request.PhoneNumber = "+86" + message.phone
        request.SmsSdkAppId = self.config.app_id
        try:
            answer = self.client.PullSmsSendStatusByPhoneNumber(request)
        except Exception as exc:  # the SDK's exceptions and the network's: asked again later
            return unanswered(exc)
        for entry in answer.PullSmsSendStatusSet or []:
            ours = entry.SessionContext == message.id or (message.ref and entry.SerialNo == message.ref)
            if not ours or entry.ReportStatus not in ("SUCCESS", "FAIL"):
                continue
            when = ""
            if isinstance(entry.UserReceiveTime, int) and entry.UserReceiveTime > 0:
                when = _iso_utc(datetime.fromtimestamp(entry.UserReceiveTime, UTC))
            if entry.ReportStatus == "SUCCESS":
                return Report(DELIVERED, "", when)
            return Report(UNDELIVERED, str(entry.Description or "")[:300], when)
        return Report(WAITING)

    def close(self) -> None:
        pass


def _iso_utc(stamp: datetime) -> str:
    """A provider's time as every time on a case: UTC, ISO, to the second."""
    return stamp.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def _utc_text(beijing: str) -> str:
    """Alibaba's "2026-12-06 10:00:05" (Beijing time) as ``_iso_utc`` writes it."""
    try:
        return _iso_utc(datetime.strptime(beijing, "%Y-%m-%d %H:%M:%S").replace(tzinfo=PROVIDERS_CLOCK))
    except ValueError:
        return ""


def cloud_provider(config: MessagesConfig) -> Provider:
    return AliyunSms(config) if config.provider == "aliyun" else TencentSms(config)
