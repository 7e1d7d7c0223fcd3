"""The audit vocabulary: registered codes, structured data, groups, secret actions, and the old rows' conversion."""

import importlib
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.test import RequestFactory

from tests.factories import StaffFactory
from thiduakhenthuong.core import audit
from thiduakhenthuong.core.models import AuditEntry

convert = importlib.import_module("thiduakhenthuong.core.migrations.0002_audit_vocabulary_and_tasks").convert


@pytest.fixture
def secret_code():
    """A secret action like the council's "a member voted" (registered here until the council registers its own)."""
    code = "tests.ballot.cast"
    audit.register(code, "Bỏ phiếu kín", secret=True)
    yield code
    audit._ACTIONS.pop(code)


def test_every_app_registers_its_codes_with_labels():
    codes = dict(audit.choices())
    assert codes["documents.issue"] == "Cấp số văn bản"
    assert codes["campaigns.launch"] == "Phát động phong trào thi đua"
    assert codes["awards.registration.withdraw"] == "Rút đăng ký thi đua"
    assert codes["organization.staff.create"] == "Thêm cán bộ"
    assert all("." in code and label and label[0].isupper() for code, label in codes.items())


def test_registering_a_code_twice_differently_is_refused():
    audit.register("documents.issue", "Cấp số văn bản")  # the same declaration again is harmless
    with pytest.raises(ValueError, match="already registered"):
        audit.register("documents.issue", "Một nhãn khác")


def test_labels_of_unknown_codes_read_as_themselves():
    assert audit.label("documents.issue") == "Cấp số văn bản"
    assert audit.label("Một thao tác cũ") == "Một thao tác cũ"


@pytest.mark.django_db
def test_recording_an_unregistered_code_raises(school):
    with pytest.raises(LookupError, match="Unregistered audit action"):
        audit.record(actor=None, action="Thêm cán bộ", obj=StaffFactory(school=school))
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_data_is_stored_json_safe(school):
    person = StaffFactory(school=school)
    entry = audit.record(
        actor=None,
        action="organization.staff.update",
        obj=person,
        data=audit.change({"since": date(2024, 9, 5)}, {"amount": Decimal("1.5"), "who": person}),
    )
    entry.refresh_from_db()
    assert entry.data == {"before": {"since": "2024-09-05"}, "after": {"amount": "1.5", "who": str(person)}}
    assert audit.change(None, {"x": 1}) == {"after": {"x": 1}}
    with pytest.raises(TypeError):
        audit.record(actor=None, action="organization.staff.update", obj=person, data=["not", "a", "dict"])


@pytest.mark.django_db
def test_a_secret_action_records_that_it_happened_never_how(school, secret_code):
    ballot_holder = StaffFactory(school=school)
    entry = audit.record(actor=None, action=secret_code, obj=ballot_holder)
    assert (entry.action_label, entry.data, entry.reason) == ("Bỏ phiếu kín", {}, "")
    with pytest.raises(ValueError, match="secret"):
        audit.record(actor=None, action=secret_code, obj=ballot_holder, data={"after": {"choice": "đồng ý"}})
    with pytest.raises(ValueError, match="secret"):
        audit.record(actor=None, action=secret_code, obj=ballot_holder, reason="bầu cho A")
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_rows_of_one_block_share_a_group_and_blocks_differ(school):
    person = StaffFactory(school=school)
    with audit.grouped() as first:
        a = audit.record(actor=None, action="organization.staff.update", obj=person)
        b = audit.record(actor=None, action="organization.staff.update", obj=person)
    with audit.grouped():
        c = audit.record(actor=None, action="organization.staff.update", obj=person)
    alone = audit.record(actor=None, action="organization.staff.update", obj=person)
    assert a.group == b.group == first
    assert len({first, c.group, alone.group}) == 3
    assert audit.current_group() is None


@pytest.mark.django_db
def test_the_middleware_opens_one_group_per_request(school):
    person = StaffFactory(school=school)
    seen = []

    def view(request):
        seen.append(audit.record(actor=None, action="organization.staff.update", obj=person).group)
        seen.append(audit.record(actor=None, action="organization.staff.update", obj=person).group)
        return None

    middleware = audit.AuditGroupMiddleware(view)
    middleware(RequestFactory().get("/"))
    middleware(RequestFactory().get("/"))
    assert seen[0] == seen[1] != seen[2] == seen[3]
    assert all(isinstance(group, uuid.UUID) for group in seen)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (("Cấp số văn bản", "draft", "issued", "01/TB-THCD"),
         ("documents.issue",
          {"before": {"status": "draft"}, "after": {"status": "issued", "symbol": "01/TB-THCD"}}, "")),
        (("Huỷ văn bản", "issued", "cancelled", "Sai tên"),
         ("documents.cancel", {"before": {"status": "issued"}, "after": {"status": "cancelled"}}, "Sai tên")),
        (("Nhập đánh giá cuối năm từ Excel", "", "12 dòng", ""),
         ("awards.evaluation.import", {"after": {"rows": 12}}, "")),
        (("Đặt thời hạn đăng ký thi đua", "", "01/09/2024–30/09/2024", ""),
         ("awards.registration_period.set", {"after": {"opens_on": "2024-09-01", "deadline": "2024-09-30"}}, "")),
        (("Cán bộ thôi việc", "", "31/08/2024", ""),
         ("organization.staff.deactivate", {"after": {"left_on": "2024-08-31"}}, "")),
        (("Tạo tài khoản", "", "huyendtt", ""),
         ("organization.account.create", {"after": {"username": "huyendtt"}}, "")),
        (("Đăng ký thi đua", "", "CSTDCS", ""),
         ("awards.registration.create", {"after": {"title": "CSTDCS"}}, "")),
        (("Rút đăng ký thi đua", "LDTT", "", ""),
         ("awards.registration.withdraw", {"before": {"title": "LDTT"}}, "")),
        (("Sửa kế hoạch thi đua, khen thưởng", "", "", "Sửa: I. Mục đích; danh sách phong trào"),
         ("campaigns.plan.update", {"parts": ["I. Mục đích", "danh sách phong trào"]}, "")),
        (("Ghi kỷ luật (mới)", "", "Khiển trách", ""),
         ("awards.discipline.create", {"after": {"record": "Khiển trách"}}, "")),
        (("Sửa dự thảo văn bản", "draft", "draft", ""), ("documents.update", {}, "")),
        (("Một thao tác lạ", "a", "b", "vì"),
         ("Một thao tác lạ", {"before": {"value": "a"}, "after": {"value": "b"}}, "vì")),
    ],
)  # fmt: skip
def test_old_rows_convert_to_codes_and_data(old, new):
    assert convert(*old) == new


def test_every_converted_code_is_registered():
    migration = importlib.import_module("thiduakhenthuong.core.migrations.0002_audit_vocabulary_and_tasks")
    for code, _key in migration.OLD_ACTIONS.values():
        assert audit.get_action(code)
