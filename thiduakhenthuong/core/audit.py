"""The audit log's vocabulary and its one writer.

Every action is a namespaced code (``documents.issue``, ``awards.registration.withdraw``) registered with its
Vietnamese label by the app that owns it, in the app's ``audit_actions`` module (found by ``CoreConfig.ready``)::

    from thiduakhenthuong.core.audit import register

    register("documents.issue", "Cấp số văn bản")

Services call ``record`` inside their own ``transaction.atomic()`` block, so the row exists exactly when the change
does. ``data`` holds structured values, ``{"before": {...}, "after": {...}}`` (JSON-safe: strings, numbers,
booleans, lists, dicts), never a sentence. Rows written during one request (or one ``grouped()`` block of a command)
share a ``group`` id, so one user action that touched several objects reads as one.

Secret actions (``secret=True``, e.g. a member casting a secret ballot) record THAT the person acted on the object,
never HOW: ``record`` refuses any data or reason for them. See ``docs/audit.md``.
"""

import contextvars
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    secret: bool = False


_ACTIONS: dict[str, Action] = {}


def register(code: str, label: str, *, secret: bool = False) -> Action:
    """Declare an action code with its Vietnamese label. Registering the same code twice with another label or
    secrecy is a programming error."""
    action = Action(code=code, label=label, secret=secret)
    existing = _ACTIONS.setdefault(code, action)
    if existing != action:
        raise ValueError(f"Audit action {code!r} is already registered as {existing!r}")
    return action


def get_action(code: str) -> Action:
    """The registered action ``code``; LookupError for an unregistered one."""
    try:
        return _ACTIONS[code]
    except KeyError:
        raise LookupError(f"Unregistered audit action {code!r}: register it in the app's audit_actions.py") from None


def label(code: str) -> str:
    """The Vietnamese label of ``code``; an unknown code (a row older than the vocabulary) reads as itself."""
    found = _ACTIONS.get(code)
    return found.label if found else code


def choices() -> list[tuple[str, str]]:
    """(code, label) of every registered action, by label, for filter forms."""
    return sorted(((a.code, a.label) for a in _ACTIONS.values()), key=lambda pair: pair[1])


# --- grouping ------------------------------------------------------------------------------------------------
_group: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar("audit_group", default=None)


@contextmanager
def grouped(group: uuid.UUID | None = None) -> Iterator[uuid.UUID]:
    """Every row recorded inside the block shares one group id (a request, a command run, a job)."""
    group = group or uuid.uuid4()
    token = _group.set(group)
    try:
        yield group
    finally:
        _group.reset(token)


def current_group() -> uuid.UUID | None:
    return _group.get()


class AuditGroupMiddleware:
    """Opens one audit group per request, so services never pass it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with grouped():
            return self.get_response(request)


# --- writing -------------------------------------------------------------------------------------------------
def _entry(*, actor, action: str, obj, school=None, data: dict | None = None, reason: str = ""):
    """The unsaved ``AuditEntry`` that ``record`` writes (checked against the vocabulary and secrecy)."""
    from .models import AuditEntry  # the registry is imported by apps.py before models are ready

    declared = get_action(action)
    if not isinstance(data or {}, dict):
        raise TypeError("audit data must be a dict such as {'before': {...}, 'after': {...}}")
    data = jsonable(data or {})
    if declared.secret and (data or reason):
        raise ValueError(f"{action!r} is secret: its audit row records that it happened, never how (no data).")
    if school is None:
        school = getattr(obj, "school", None)
    return AuditEntry(
        school=school,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        data=data,
        reason=reason or "",
        group=current_group() or uuid.uuid4(),
    )


def record(*, actor, action: str, obj, school=None, data: dict | None = None, reason: str = ""):
    """Append one audit row for ``obj``; ``school`` defaults to ``obj.school`` when the object has one.

    ``actor`` is the user who acted, or None for system work (a command, the demo loader), shown as "Hệ thống".
    ``action`` must be a registered code. Returns the ``AuditEntry``.
    """
    entry = _entry(actor=actor, action=action, obj=obj, school=school, data=data, reason=reason)
    entry.save()
    return entry


def record_many(*, actor, action: str, rows: Iterable[tuple[object, dict | None]], school=None, reason: str = ""):
    """``record`` for many objects at once (one row each, ``rows`` of (object, data)) in one insert, for services
    that move hundreds of rows in one call; the rows share one group. Returns the entries."""
    from .models import AuditEntry

    with grouped(current_group()):
        entries = [
            _entry(actor=actor, action=action, obj=obj, school=school, data=data, reason=reason) for obj, data in rows
        ]
    return AuditEntry.objects.bulk_create(entries)


def jsonable(value):
    """A value as audit data stores it: dates in ISO form, decimals as text, objects by their name."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):  # datetime included
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    return str(value)


def change(before: dict | None = None, after: dict | None = None) -> dict:
    """``{"before": …, "after": …}`` with JSON-safe values, without an empty side (a creation has no before, a
    deletion no after)."""
    return {key: jsonable(value) for key, value in (("before", before), ("after", after)) if value}


# --- reading -------------------------------------------------------------------------------------------------
#: Labels of data keys that are not a field of the audited model (or that name something else there).
KEY_LABELS = {
    "status": "Trạng thái",
    "symbol": "Số, ký hiệu",
    "rows": "Số dòng",
    "record": "Nội dung",
    "title": "Danh hiệu",
    "role": "Vai trò",
    "username": "Tên đăng nhập",
    "name": "Tên",
    "current_year": "Năm học hiện tại",
    "opens_on": "Mở đăng ký",
    "deadline": "Hạn đăng ký",
    "parts": "Phần đã sửa",
    "fields": "Trường đã sửa",
    "award": "Khen thưởng",
    "change": "Thay đổi",
    "value": "Giá trị",
    "count": "Số lượng",
    "nominations": "Đề nghị",
    # the council's (council.audit_actions)
    "member": "Thành viên",
    "member_count": "Số thành viên",
    "item_count": "Số trường hợp",
    "paper_count": "Số phiếu",
    "passed": "Số trường hợp đạt",
    "present": "Số có mặt",
    "decision": "Quyết định",
    "quorum": "Tỷ lệ có mặt tối thiểu",
    "minutes": "Biên bản",
}


@dataclass(frozen=True)
class Line:
    """One value of an audit row as the page shows it: ``label: before → after`` (either side may be empty)."""

    label: str
    before: str
    after: str


def _field(model, key):
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except Exception:  # FieldDoesNotExist: no label from the model
        return None
    # a reverse relation (TeamReview.nominations) has no label of its own: the key is read from KEY_LABELS
    return None if field.auto_created and not field.concrete else field


def _shown(value, field=None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, list):
        return "; ".join(_shown(item) for item in value)
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            pass
    return str(value)


def describe(entry) -> list[Line]:
    """The row's data as readable lines: labels from the audited model's fields (or ``KEY_LABELS``), choice values
    as their labels, ISO dates as dd/mm/yyyy. Costs no query (the content type is cached)."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    data = entry.data or {}
    before, after = data.get("before") or {}, data.get("after") or {}
    lines = []
    keys = [*before, *(key for key in after if key not in before)]
    others = [key for key in data if key not in ("before", "after")]
    for key in [*keys, *others]:
        field = _field(model, key)
        label = KEY_LABELS.get(key) or (str(field.verbose_name).capitalize() if field else key)
        if key in others:
            lines.append(Line(label, "", _shown(data[key], field)))
        else:
            lines.append(Line(label, _shown(before.get(key), field), _shown(after.get(key), field)))
    return lines
