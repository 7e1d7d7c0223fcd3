"""The one way a yearly report (BC) is drafted (``services.draft_yearly_report``), pinned once for every app's report
model: drafting again refreshes the same draft, a numbered report stays as issued, the principal in office signs."""

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from awards.models import StatisticsReport
from exemplars.models import YearReport
from tests.factories import SchoolYearFactory
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents import services
from thiduakhenthuong.documents.models import OfficialDocument, YearlyReport
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db

#: Every concrete yearly report with the audit code its app drafts it under.
AUDIT_ACTIONS = {YearReport: "exemplars.report.draft", StatisticsReport: "awards.statistics_report.draft"}


def test_every_yearly_report_is_pinned_here():
    assert {model for model in apps.get_models() if issubclass(model, YearlyReport)} == set(AUDIT_ACTIONS)


@pytest.fixture(params=list(AUDIT_ACTIONS), ids=lambda model: model._meta.label)
def draft(request, school, make_staff):
    """Draft the year's report of the parametrized model, as the clerk, with ``figures`` as its content."""
    model = request.param
    year = SchoolYearFactory(school=school, name="2025-2026", start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    clerk = make_staff(Role.CLERK)

    def run(figures: int):
        return services.draft_yearly_report(
            actor=clerk.user,
            report_model=model,
            school_year=year,
            content={"figures": figures},
            summary="Kết quả năm học 2025-2026",
            template_name="documents/pdf/document.html",
            audit_action=AUDIT_ACTIONS[model],
            audit_data={"figures": figures},
            recipients="Phòng Giáo dục và Đào tạo (để b/c)",
        )

    run.model, run.year, run.clerk = model, year, clerk
    return run


def test_drafting_again_refreshes_the_same_draft(draft, school, make_staff):
    make_staff(Role.PRINCIPAL, full_name="Hiệu trưởng cũ", recruited_on=date(2000, 1, 1), left_on=date(2020, 1, 1))
    principal = make_staff(Role.PRINCIPAL, full_name="Hiệu trưởng đương nhiệm")

    report = draft(1)
    document = report.document
    assert (report.school, report.school_year, report.drafted_by) == (school, draft.year, draft.clerk.user)
    assert (document.doc_type, document.status, document.number) == ("BC", "draft", None)
    assert document.content == {"figures": 1}
    assert (document.signer, document.signer_name, document.signer_authority) == (
        principal, "Hiệu trưởng đương nhiệm", "HIỆU TRƯỞNG"
    )  # fmt: skip
    assert (document.drafter, document.recipients) == (draft.clerk, "Phòng Giáo dục và Đào tạo (để b/c)")

    again = draft(2)
    document.refresh_from_db()
    assert (again.pk, again.document_id, document.content) == (report.pk, document.pk, {"figures": 2})
    assert draft.model.objects.count() == 1 and OfficialDocument.objects.count() == 1
    assert draft.model.objects.of_year(draft.year).is_draft
    audit = AuditEntry.objects.filter(action=AUDIT_ACTIONS[draft.model]).order_by("pk")
    assert [entry.data for entry in audit] == [{"figures": 1}, {"figures": 2}]


def test_a_numbered_report_stays_as_issued(draft):
    report = draft(1)
    services.issue_document(actor=draft.clerk.user, document=report.document, issued_on=date(2026, 6, 15))

    with pytest.raises(ValidationError, match="Báo cáo năm học 2025-2026 đã được cấp số 01/BC-THCD"):
        draft(2)
    report = draft.model.objects.of_year(draft.year)
    assert not report.is_draft and report.document.content == {"figures": 1}
    assert AuditEntry.objects.filter(action=AUDIT_ACTIONS[draft.model]).count() == 1
