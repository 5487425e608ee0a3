"""The hall's text-message settings: section ``[messages]`` of the server's configuration file,
each key overridable by ``HALL_SERVER_SMS_<KEY>`` in the environment (docs/messages.md).

The provider's secret (an access key secret, a gateway token) is never read from the file: it
comes from the environment (``HALL_SERVER_SMS_SECRET``) or the service account's OS keyring
(``hall-server sms-secret``), so a copied configuration file carries no secret.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from hall_server.config import section_values
from hall_server.messages.events import EVENTS, mobile_number
from hall_server.messages.templates import DEFAULT_TEMPLATES, check_template

ENV_PREFIX = "HALL_SERVER_SMS_"
KEYRING_SERVICE = "hall-server"
KEYRING_USER = "sms-secret"
PROVIDERS = ("log", "http", "aliyun", "tencent")


@dataclass(frozen=True)
class MessagesConfig:
    # log: messages are written to the worker's log only (the default: nothing leaves the hall)
    provider: str = "log"
    sign_name: str = ""  # the approved signature (签名), e.g. 示范市政务服务中心
    timeout_seconds: int = 10
    max_attempts: int = 8
    retry_seconds: int = 30  # the first retry's delay; each next one doubles, an hour at most
    # delivery reports (cloud providers): the first check this long after a message was sent,
    # each next one twice as late (an hour at most), for two days; 0: no checks
    report_seconds: int = 60
    # days before a promised date a department hears of a case still open (working days)
    due_soon_days: int = 1
    # the departments' phones: SCJG=13800000001,XF=13900000002
    department_phones: str = ""
    # a hall's own gateway (短信平台): where, how, and how it says it took a message
    http_url: str = ""
    http_method: str = "POST"
    http_format: str = "json"  # json or form
    http_body: str = '{"mobile": "{phone}", "content": "{text}", "id": "{message_id}"}'
    http_secret_header: str = ""  # e.g. Authorization: the secret is sent as this header
    http_success: str = ""  # e.g. code=0: the JSON answer's field and value meaning "taken"
    # 1: the gateway sends a message id once only, so an attempt in doubt may be made again
    http_dedupes: int = 0
    # the gateway's delivery reports, if it answers for them: a GET of this URL ({message_id},
    # {ref}: its own id of the message) answers JSON whose field says the state (CMPP's codes)
    http_report_url: str = ""
    http_report_field: str = "status"
    http_report_delivered: str = "DELIVRD"
    http_report_undelivered: str = "UNDELIV,EXPIRED,REJECTD,DELETED"
    # cloud providers: the access key id, the region and app, and a provider template per event
    access_key_id: str = ""
    region: str = ""
    app_id: str = ""  # Tencent SmsSdkAppId
    endpoint: str = ""  # empty: the provider's own
    provider_template_accepted: str = ""
    provider_template_correction: str = ""
    provider_template_ready: str = ""
    provider_template_due_soon: str = ""
    template_accepted: str = DEFAULT_TEMPLATES["accepted"]
    template_correction: str = DEFAULT_TEMPLATES["correction"]
    template_ready: str = DEFAULT_TEMPLATES["ready"]
    template_due_soon: str = DEFAULT_TEMPLATES["due_soon"]
    secret: str = field(default="", repr=False)

    def template(self, event: str) -> str:
        return str(getattr(self, f"template_{event}"))

    def provider_template(self, event: str) -> str:
        return str(getattr(self, f"provider_template_{event}"))

    def phones(self) -> dict[str, str]:
        """Department code → mobile number."""
        found: dict[str, str] = {}
        for pair in filter(None, (p.strip() for p in self.department_phones.split(","))):
            code, _, phone = pair.partition("=")
            number = mobile_number(phone)
            if not code.strip() or number is None:
                raise ValueError(f"department_phones: {pair!r} is not CODE=mobile number")
            found[code.strip()] = number
        return found

    def check(self) -> MessagesConfig:
        if self.provider not in PROVIDERS:
            raise ValueError(f"provider must be one of {', '.join(PROVIDERS)}, not {self.provider!r}")
        if self.http_format not in ("json", "form"):
            raise ValueError("http_format must be json or form")
        if self.http_method.upper() not in ("POST", "GET", "PUT"):
            raise ValueError("http_method must be POST, GET or PUT")
        if self.provider == "http" and not self.http_url.startswith(("http://", "https://")):
            raise ValueError("provider http needs http_url (http:// or https://)")
        if self.http_report_url and not self.http_report_url.startswith(("http://", "https://")):
            raise ValueError("http_report_url must be an http:// or https:// address")
        if self.provider in ("aliyun", "tencent"):
            missing = [e for e in EVENTS if not self.provider_template(e)]
            if not self.access_key_id or missing:
                raise ValueError(
                    f"provider {self.provider} needs access_key_id and provider_template_* for {', '.join(missing) or 'every event'}"
                )
            if self.provider == "tencent" and not self.app_id:
                raise ValueError("provider tencent needs app_id (SmsSdkAppId)")
        for number in (self.timeout_seconds, self.max_attempts, self.retry_seconds):
            if not 1 <= number <= 86400:
                raise ValueError("timeout_seconds, max_attempts and retry_seconds must be 1 to 86400")
        if not 0 <= self.report_seconds <= 86400:
            raise ValueError("report_seconds must be 0 (no delivery reports) to 86400")
        for event in EVENTS:
            check_template(self.template(event), event)
        self.phones()
        return self


def _secret(env: dict[str, str]) -> str:
    """The provider's secret, trimmed; one with a control or non-Latin-1 character (which no
    HTTP header can carry) is refused here, before any request could quote it in an error."""
    secret = env.get(ENV_PREFIX + "SECRET", "").strip()
    if not secret:
        try:
            import keyring

            secret = (keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or "").strip()
        except Exception:  # no keyring on this host: the environment is the only way
            secret = ""
    if any(ord(ch) < 32 or ord(ch) > 255 or ord(ch) == 127 for ch in secret):
        raise ValueError("the SMS provider's secret has a control or non-Latin character: set it again")
    return secret


def load_messages_config(path: Path | None = None, env: dict[str, str] | None = None) -> MessagesConfig:
    """Defaults, then ``[messages]`` of the file, then the environment; a bad value raises
    ``ValueError`` naming it."""
    env = dict(os.environ) if env is None else env
    in_file = {
        "secret": "the provider's secret is not kept in a file: set HALL_SERVER_SMS_SECRET "
        "or store it with `hall-server sms-secret`"
    }
    values = section_values(MessagesConfig, "messages", path, env, ENV_PREFIX, kept_out=in_file)
    config = MessagesConfig(**values)  # type: ignore[arg-type]
    return replace(config, secret=_secret(env)).check()
