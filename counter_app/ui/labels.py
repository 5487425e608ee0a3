"""Interface names of domain values (English source, translated; notices keep their own Chinese)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.domain.case import CaseState, MaterialStatus, ServiceMode
from counter_app.domain.catalogue import ItemClass, MaterialForm
from counter_app.domain.records import NoticeKind


def item_class(value: ItemClass) -> str:
    return {
        ItemClass.INSTANT: QCoreApplication.translate("labels", "Instant"),
        ItemClass.PROMISED: QCoreApplication.translate("labels", "Promised"),
        ItemClass.JOINT: QCoreApplication.translate("labels", "Joint approval"),
        ItemClass.ESCALATED: QCoreApplication.translate("labels", "Reported upwards"),
    }[value]


def state(value: CaseState) -> str:
    return {
        CaseState.NOTIFIED: QCoreApplication.translate("labels", "Notified, waiting for materials"),
        CaseState.ACCEPTED: QCoreApplication.translate("labels", "Accepted"),
        CaseState.UNDER_REVIEW: QCoreApplication.translate("labels", "Under review"),
        CaseState.CORRECTION: QCoreApplication.translate("labels", "Awaiting corrected materials"),
        CaseState.DECIDED: QCoreApplication.translate("labels", "Decided"),
        CaseState.SUSPENDED: QCoreApplication.translate("labels", "Suspended"),
        CaseState.COMPLETED: QCoreApplication.translate("labels", "Completed"),
        CaseState.RETURNED: QCoreApplication.translate("labels", "Returned"),
        CaseState.REFUSED: QCoreApplication.translate("labels", "Refused"),
        CaseState.WITHDRAWN: QCoreApplication.translate("labels", "Withdrawn"),
        CaseState.DELIVERED: QCoreApplication.translate("labels", "Delivered"),
    }[value]


def material_status(value: MaterialStatus) -> str:
    return {
        MaterialStatus.RECEIVED: QCoreApplication.translate("labels", "Received"),
        MaterialStatus.MISSING: QCoreApplication.translate("labels", "Missing"),
        MaterialStatus.NEEDS_CORRECTION: QCoreApplication.translate("labels", "Needs correction"),
        MaterialStatus.NOT_APPLICABLE: QCoreApplication.translate("labels", "Not applicable"),
    }[value]


def service_mode(value: ServiceMode) -> str:
    return {
        ServiceMode.WINDOW: QCoreApplication.translate("labels", "At the window"),
        ServiceMode.APPOINTMENT: QCoreApplication.translate("labels", "By appointment"),
        ServiceMode.GREEN_CHANNEL: QCoreApplication.translate("labels", "Green channel"),
        ServiceMode.FULL_AGENCY: QCoreApplication.translate("labels", "Full agency service"),
        ServiceMode.HOME_VISIT: QCoreApplication.translate("labels", "Home visit"),
        ServiceMode.AFTER_HOURS: QCoreApplication.translate("labels", "After hours"),
    }[value]


def material_form(value: MaterialForm) -> str:
    return {
        MaterialForm.ORIGINAL: QCoreApplication.translate("labels", "Original"),
        MaterialForm.COPY: QCoreApplication.translate("labels", "Copy"),
        MaterialForm.ORIGINAL_AND_COPY: QCoreApplication.translate("labels", "Original and copy"),
    }[value]


def notice_kind(value: NoticeKind) -> str:
    return {
        NoticeKind.ACCEPTANCE: QCoreApplication.translate("labels", "Acceptance notice"),
        NoticeKind.PROCESSING: QCoreApplication.translate("labels", "Processing slip"),
        NoticeKind.JOINT_ACCEPTANCE: QCoreApplication.translate("labels", "Joint approval acceptance notice"),
        NoticeKind.JOINT_PROCESSING: QCoreApplication.translate("labels", "Joint approval processing slip"),
        NoticeKind.COMPLETION: QCoreApplication.translate("labels", "Completion notice"),
        NoticeKind.ONE_TIME: QCoreApplication.translate("labels", "One-time notification"),
        NoticeKind.REFUSAL: QCoreApplication.translate("labels", "Refusal notice"),
        NoticeKind.MATERIAL_RECEIPT: QCoreApplication.translate("labels", "Materials receipt list"),
        NoticeKind.CORRECTION: QCoreApplication.translate("labels", "Correction notice"),
        NoticeKind.SPECIAL_PROCEDURE: QCoreApplication.translate("labels", "Special procedure notice"),
        NoticeKind.EXTENSION: QCoreApplication.translate("labels", "Extension notice"),
        NoticeKind.DENIAL: QCoreApplication.translate("labels", "Decision refusing the licence"),
        NoticeKind.CASE_RETURN: QCoreApplication.translate("labels", "Return notice"),
        NoticeKind.RESULT: QCoreApplication.translate("labels", "Completion notice (result)"),
        NoticeKind.PICKUP_RECEIPT: QCoreApplication.translate("labels", "Pickup receipt"),
        NoticeKind.SERVICE_RECEIPT: QCoreApplication.translate("labels", "Proof of service"),
    }[value]


def operation(op_type: str) -> str:
    """What an op of the outbox did, in the clerk's words (the wire's code when this window has no name)."""
    names = {
        "case.accept": QCoreApplication.translate("labels", "Acceptance"),
        "case.complete_instant": QCoreApplication.translate("labels", "Instant completion"),
        "case.notify": QCoreApplication.translate("labels", "One-time notification"),
        "case.refuse": QCoreApplication.translate("labels", "Refusal"),
        "case.transition": QCoreApplication.translate("labels", "Change of case state"),
        "case.review": QCoreApplication.translate("labels", "Review started"),
        "case.correction": QCoreApplication.translate("labels", "Correction requested"),
        "case.corrected": QCoreApplication.translate("labels", "Corrected materials received"),
        "case.special": QCoreApplication.translate("labels", "Special procedure started"),
        "case.special_end": QCoreApplication.translate("labels", "Special procedure ended"),
        "case.extend": QCoreApplication.translate("labels", "Extension approved"),
        "case.decide": QCoreApplication.translate("labels", "Decision"),
        "case.complete": QCoreApplication.translate("labels", "Completion"),
        "case.deliver": QCoreApplication.translate("labels", "Result delivered"),
        "case.return": QCoreApplication.translate("labels", "Case returned"),
        "case.withdraw": QCoreApplication.translate("labels", "Withdrawn by the applicant"),
        "case.deadline_recomputed": QCoreApplication.translate("labels", "Deadline recomputed"),
        "consult.record": QCoreApplication.translate("labels", "Consultation"),
        "notice.print": QCoreApplication.translate("labels", "Notice printed"),
        "notice.reprint": QCoreApplication.translate("labels", "Notice reprinted"),
        "notice.material_receipt": QCoreApplication.translate("labels", "Materials receipt printed"),
        "notice.print_failed": QCoreApplication.translate("labels", "Printing failed"),
        "notice.saved_pdf": QCoreApplication.translate("labels", "Notice saved as PDF"),
        "visit.record": QCoreApplication.translate("labels", "Visit recorded"),
        "visit.rated": QCoreApplication.translate("labels", "Applicant's rating"),
    }
    return names.get(op_type, op_type)


def procedure(kind: str) -> str:
    """A special procedure (特别程序) by its kind (``case_steps.SPECIAL_KINDS``)."""
    return {
        "hearing": QCoreApplication.translate("labels", "Hearing"),
        "inspection": QCoreApplication.translate("labels", "Inspection or testing"),
        "expert_review": QCoreApplication.translate("labels", "Expert review"),
        "public_notice": QCoreApplication.translate("labels", "Public notice"),
        "on_site": QCoreApplication.translate("labels", "On-site verification"),
        "other": QCoreApplication.translate("labels", "Other"),
    }.get(kind, kind)
