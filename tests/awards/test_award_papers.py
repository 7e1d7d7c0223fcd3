"""The school's decision (QĐ), the submission upward (TTr) with its dossier and list, and the higher authority's
decision recorded (awards.decisions): who confers what comes from the catalog and the school's authorities; the
money is the multiple of the base salary in force on the decision's date, rounded up; numbers come from the
register; the award history is written through the nominations."""

import io
from datetime import date

import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from awards import decisions as svc
from awards import nominations, papers
from awards.dossier import submission_dossier_pdf
from awards.models import (
    AchievementReport,
    AwardDecision,
    AwardRecord,
    CertificateBatch,
    Disclosure,
    NominationStatus,
    Objection,
    Submission,
    TitleRule,
)
from awards.papers import paper_groups
from tests.factories import (
    ClassGroupFactory,
    NominationFactory,
    OfficialDocumentFactory,
    PupilFactory,
    SchoolYearFactory,
    title,
)
from thiduakhenthuong.core.registry import registry
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.documents.models import DocumentType, Issuer
from thiduakhenthuong.documents.rendering import render_document_pdf
from thiduakhenthuong.organization.demo import authority_rows
from thiduakhenthuong.organization.models import Authority, AuthorityLevel, Role

S = NominationStatus
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def past_year(school):
    """2025-2026, judged under regime 2025 (commune), with the school's authorities."""
    Authority.objects.bulk_create(authority_rows(school, "Cao Dương"))
    return SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))


@pytest.fixture
def principal(make_staff):
    return make_staff(Role.PRINCIPAL, team=None, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng")


@pytest.fixture
def clerk(make_staff):
    return make_staff(Role.CLERK, team=None, full_name="Nguyễn Thị Ánh", position="Văn thư")


def _approved(year, **recipient):
    return NominationFactory(school_year=year, status=S.APPROVED, proposed_at="2026-05-20T10:00Z", **recipient)


def _pupils(school, year, count, *, class_name="5A"):
    group = ClassGroupFactory(school=school, school_year=year, name=class_name, grade=5)
    return [
        _approved(year, staff=None, pupil=PupilFactory(school=school, class_group=group, full_name=f"Học Sinh {i:02d}"),
                  title=title("GK", "pupil"))
        for i in range(count)
    ]  # fmt: skip


def _text(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


def test_who_confers_what_comes_from_the_catalog_and_the_schools_authorities(school, past_year, make_staff):
    pupils = _pupils(school, past_year, 2)
    teacher = _approved(past_year, staff=make_staff(Role.MEMBER))
    team = _approved(past_year, staff=None, team=make_staff(Role.MEMBER).team, title=title("TTLDTT", "collective"))
    star = _approved(past_year, staff=make_staff(Role.MEMBER), title=title("CSTDT"))
    own, upward = svc.split_approved(past_year)
    assert set(own) == set(pupils)  # since 01/07/2025 the principal's Giấy khen is for pupils
    assert set(upward) == {AuthorityLevel.COMMUNE, AuthorityLevel.PROVINCE}
    assert set(upward[AuthorityLevel.COMMUNE]) == {teacher, team}
    assert upward[AuthorityLevel.PROVINCE] == [star]


def test_the_papers_page_names_whom_a_ttr_goes_to_as_the_ttr_does(client, school, past_year, clerk, make_staff):
    """One way to name the addressee (``papers.Upward.to`` over ``papers.addressee``): the page's waiting line and
    the TTr's "Kính gửi" agree, the authority's own head title included; a level the school's list of authorities
    lacks is named by its level, with no button to draft."""
    _approved(past_year, staff=make_staff(Role.MEMBER))
    _approved(past_year, staff=make_staff(Role.MEMBER), title=title("CSTDT"))
    Authority.objects.filter(school=school, level=AuthorityLevel.COMMUNE).update(head_title="Quyền Chủ tịch")
    Authority.objects.filter(school=school, level=AuthorityLevel.PROVINCE).delete()
    _, by_level = svc.split_approved(past_year)
    assert [(up.level, up.to, up.authority is None) for up in papers.upward(past_year, by_level)] == [
        (AuthorityLevel.COMMUNE, "Quyền Chủ tịch UBND xã Cao Dương", False),
        (AuthorityLevel.PROVINCE, "Chủ tịch UBND cấp tỉnh (chưa có cơ quan trong danh sách)", True),
    ]

    client.force_login(clerk.user)
    page = client.get(f"{reverse('awards:papers')}?year={past_year.pk}").content.decode()
    assert "1 đề nghị đã duyệt chờ trình Quyền Chủ tịch UBND xã Cao Dương." in page
    assert "1 đề nghị đã duyệt chờ trình Chủ tịch UBND cấp tỉnh (chưa có cơ quan trong danh sách)." in page
    assert page.count("Lập dự thảo tờ trình</button>") == 1  # the commune's only
    submission = svc.draft_submission(actor=clerk.user, school_year=past_year, level=AuthorityLevel.COMMUNE)
    assert submission.document.addressees == "Quyền Chủ tịch UBND xã Cao Dương"
    text = _flat("\n".join(_text(render_document_pdf(submission.document))))
    assert "Kính gửi: Quyền Chủ tịch UBND xã Cao Dương" in text
    assert "kính đề nghị Quyền Chủ tịch UBND xã Cao Dương xem xét" in text


def test_the_schools_decision_for_pupils_is_numbered_and_writes_the_award_history(school, past_year, principal, clerk):
    pupils = _pupils(school, past_year, 3)
    decision = svc.draft_award_decision(actor=clerk.user, school_year=past_year, document_date=date(2026, 6, 5))
    document = decision.document
    assert document.status == "draft" and document.doc_type == DocumentType.DECISION
    assert document.signer == principal and document.signer_authority == "Hiệu trưởng"
    svc.issue_award_decision(actor=clerk.user, decision=decision, issued_on=date(2026, 6, 5))
    document.refresh_from_db()
    assert document.symbol == "01/QĐ-THCD" and document.status == "issued"
    for nomination in pupils:
        nomination.refresh_from_db()
        assert nomination.status == S.DECIDED
        assert nomination.award.decision == document and nomination.award.pupil == nomination.pupil
    pages = _text(render_document_pdf(document))
    first = pages[0]
    assert "QUYẾT ĐỊNH" in first and "Về việc khen thưởng học sinh có thành tích xuất sắc năm học 2025-2026" in first
    assert "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC CAO DƯƠNG" in first
    assert "Căn cứ Luật Thi đua, khen thưởng" in first
    for article in ("Điều 1.", "Điều 2.", "Điều 3."):
        assert article in "".join(pages)
    listing = "\n".join(pages[1:])
    assert "DANH SÁCH KHEN THƯỞNG NĂM HỌC 2025-2026" in listing
    assert "(Kèm theo Quyết định số 01/QĐ-THCD ngày 05 tháng 6 năm 2026" in listing
    assert "Học Sinh 00 Học sinh Lớp 5A Giấy khen" in listing


def test_an_ad_hoc_giay_khen_has_its_own_decision_never_the_years_pupils_one(
    client, school, past_year, principal, clerk
):
    yearly = _pupils(school, past_year, 2)
    brave = PupilFactory(school=school, class_group=yearly[0].pupil.class_group, full_name="Vũ Minh Khang")
    ad_hoc = nominations.propose_ad_hoc_commendation(
        actor=principal.user, school_year=past_year, title=title("GK", "pupil"), pupil=brave,
        achievements="Có hành động đẹp: nhặt được ví trả lại người đánh rơi (ngày 12/03/2026)",
    )  # fmt: skip
    own, _ = svc.split_approved(past_year)
    assert paper_groups(own) == [yearly, [ad_hoc]]
    with pytest.raises(ValidationError, match="Mỗi khen thưởng đột xuất có quyết định riêng"):
        svc.draft_award_decision(actor=clerk.user, school_year=past_year, chosen=own)
    assert not AwardDecision.objects.exists()

    # the papers page offers the year's QĐ and the ad-hoc one apart
    client.force_login(clerk.user)
    overview = f"{reverse('awards:papers')}?year={past_year.pk}"
    page = client.get(overview).content.decode()
    assert "2 đề nghị đã duyệt thuộc thẩm quyền của hiệu trưởng chưa có quyết định." in page
    assert "Khen thưởng đột xuất chưa có quyết định (quyết định riêng): Vũ Minh Khang – Giấy khen." in page
    assert f'name="nomination" value="{ad_hoc.pk}"' in page
    client.post(f"{reverse('awards:decision_create')}?year={past_year.pk}")
    yearly_decision = AwardDecision.objects.get()
    assert set(yearly_decision.nominations.all()) == set(yearly)
    assert "Vũ Minh Khang" not in str(yearly_decision.document.content)
    client.post(f"{reverse('awards:decision_create')}?year={past_year.pk}", {"nomination": ad_hoc.pk})
    own_decision = AwardDecision.objects.exclude(pk=yearly_decision.pk).get()
    assert list(own_decision.nominations.all()) == [ad_hoc]
    document = own_decision.document
    assert document.summary == "Về việc khen thưởng đột xuất học sinh Vũ Minh Khang"
    assert "Hội đồng Thi đua" not in document.grounds
    assert document.grounds.endswith("Xét thành tích đột xuất của Vũ Minh Khang")
    assert document.content["articles"][0] == [
        "Điều 1.",
        "Khen thưởng đột xuất học sinh Vũ Minh Khang (Giấy khen). Thành tích: Có hành động đẹp: nhặt được ví trả lại "
        "người đánh rơi (ngày 12/03/2026).",
    ]
    assert document.content["list_title"] == "DANH SÁCH KHEN THƯỞNG ĐỘT XUẤT NĂM HỌC 2025-2026"
    assert "chưa có quyết định" not in client.get(overview).content.decode()
    # each is numbered apart and decides its own
    svc.issue_award_decision(actor=clerk.user, decision=yearly_decision, issued_on=date(2026, 6, 10))
    svc.issue_award_decision(actor=clerk.user, decision=own_decision, issued_on=date(2026, 6, 10))
    ad_hoc.refresh_from_db()
    assert ad_hoc.status == S.DECIDED and ad_hoc.award.decision == document
    assert {n.award.decision.symbol for n in yearly if not n.refresh_from_db()} == {"01/QĐ-THCD"}
    document.refresh_from_db()
    assert document.symbol == "02/QĐ-THCD"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_an_ad_hoc_commendation_conferred_above_has_its_own_submission_sent_when_it_happens(
    client, school, past_year, principal, clerk, make_staff
):
    """A staff member's ad-hoc Giấy khen (the commune's since 01/07/2025) goes up in a TTr of its own that proposes
    its act, numbered in the school's one TTr sequence, never in the year's TTr with the year's titles."""
    from awards.tasks import paper_tasks

    yearly = [_approved(past_year, staff=make_staff(Role.MEMBER)) for _ in range(2)]
    rescuer = make_staff(Role.MEMBER, full_name="Nguyễn Văn Dũng", position="Giáo viên")
    ad_hoc = nominations.propose_ad_hoc_commendation(
        actor=principal.user, school_year=past_year, title=title("GK"), staff=rescuer,
        achievements="Có hành động đẹp: Cứu em nhỏ đuối nước (ngày 02/04/2026)",
    )  # fmt: skip
    _, upward = svc.split_approved(past_year)
    assert paper_groups(upward[AuthorityLevel.COMMUNE]) == [yearly, [ad_hoc]]
    with pytest.raises(ValidationError, match="Mỗi khen thưởng đột xuất có tờ trình riêng"):
        svc.draft_submission(actor=clerk.user, school_year=past_year, level=AuthorityLevel.COMMUNE,
                             chosen=upward[AuthorityLevel.COMMUNE])  # fmt: skip
    with pytest.raises(ValidationError, match="“Giấy khen” không do Chủ tịch UBND cấp tỉnh quyết định"):
        svc.draft_submission(actor=clerk.user, school_year=past_year, level=AuthorityLevel.PROVINCE, chosen=[ad_hoc])
    assert [(t.title, t.count) for t in registry.tasks_for(clerk, [paper_tasks])] == [
        ("Đề nghị đã duyệt chờ lập quyết định, tờ trình", 3)
    ]

    # the papers page offers the year's TTr and the ad-hoc one apart
    client.force_login(clerk.user)
    overview = f"{reverse('awards:papers')}?year={past_year.pk}"
    page = client.get(overview).content.decode()
    assert "2 đề nghị đã duyệt chờ trình Chủ tịch UBND xã Cao Dương." in page
    assert (
        "Khen thưởng đột xuất chờ trình Chủ tịch UBND xã Cao Dương (tờ trình riêng): Nguyễn Văn Dũng – Giấy khen."
        in page
    )
    assert f'name="nomination" value="{ad_hoc.pk}"' in page
    create = f"{reverse('awards:submission_create')}?year={past_year.pk}"
    assert client.post(create, {"level": "commune", "nomination": yearly[0].pk}).status_code == 404
    client.post(create, {"level": "commune", "nomination": ad_hoc.pk})  # the act happened: it goes up first
    submission = Submission.objects.get()
    assert list(submission.nominations.all()) == [ad_hoc]
    assert [(t.title, t.count) for t in registry.tasks_for(clerk, [paper_tasks])] == [
        ("Quyết định, tờ trình khen thưởng chờ cấp số", 1),  # urgent first
        ("Đề nghị đã duyệt chờ lập quyết định, tờ trình", 2),
    ]
    svc.issue_submission(actor=clerk.user, submission=submission, issued_on=date(2026, 4, 6))
    client.post(create, {"level": "commune"})
    year_submission = Submission.objects.exclude(pk=submission.pk).get()
    assert set(year_submission.nominations.all()) == set(yearly)
    assert "chờ trình" not in client.get(overview).content.decode()
    assert [(t.title, t.count) for t in registry.tasks_for(clerk, [paper_tasks])] == [
        ("Quyết định, tờ trình khen thưởng chờ cấp số", 1)
    ]
    svc.issue_submission(actor=clerk.user, submission=year_submission, issued_on=date(2026, 6, 10))
    ad_hoc.refresh_from_db()
    assert ad_hoc.status == S.SUBMITTED
    submission.document.refresh_from_db()
    year_submission.document.refresh_from_db()
    assert (submission.document.symbol, year_submission.document.symbol) == ("01/TTr-THCD", "02/TTr-THCD")

    council = Issuer.for_council(school, name="Hội đồng Thi đua - Khen thưởng", abbreviation="HĐTĐKT")
    minutes = OfficialDocumentFactory(
        issuer=council,
        doc_type=DocumentType.MINUTES,
        summary="Họp Hội đồng",
        body="Biên bản riêng của hội đồng",
        content={"school_year_id": past_year.pk},
    )
    documents.issue_document(actor=None, document=minutes, issued_on=date(2026, 5, 25))  # fmt: skip
    alone = render_document_pdf(submission.document)
    pages = _text(submission_dossier_pdf(submission))
    assert len(pages) == len(_text(alone))  # the TTr and its list: no council reviewed it, no yearly report
    first, whole = _flat(pages[0]), _flat("\n".join(pages))
    assert "TỜ TRÌNH" in first and "Số: 01/TTr-THCD" in first and "Kính gửi: Chủ tịch UBND xã Cao Dương" in first
    assert "Về việc đề nghị khen thưởng đột xuất cá nhân Nguyễn Văn Dũng" in first
    assert (
        "Trường Tiểu học Cao Dương báo cáo thành tích đột xuất của cá nhân Nguyễn Văn Dũng (Giáo viên, "
        f"{rescuer.team.name}): Có hành động đẹp: Cứu em nhỏ đuối nước (ngày 02/04/2026)." in first
    )
    assert (
        "Trường Tiểu học Cao Dương kính đề nghị Chủ tịch UBND xã Cao Dương xem xét, tặng Giấy khen (khen thưởng đột "
        "xuất) cho cá nhân Nguyễn Văn Dũng." in first
    )
    assert "Hội đồng" not in whole and "bình xét" not in whole and "Biên bản riêng" not in whole
    assert "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG ĐỘT XUẤT NĂM HỌC 2025-2026" in whole
    assert "(Kèm theo Tờ trình số 01/TTr-THCD ngày 06 tháng 4 năm 2026" in whole
    year_text = _flat("\n".join(_text(render_document_pdf(year_submission.document))))
    assert "Số: 02/TTr-THCD" in year_text and "Lao động tiên tiến (cá nhân): 2." in year_text
    assert "Nguyễn Văn Dũng" not in year_text and "Giấy khen" not in year_text


@pytest.mark.parametrize(
    "act",
    [
        "Có hành động đẹp: Cứu em nhỏ đuối nước (ngày 02/04/2026)",
        "Dập tắt đám cháy <b>nhà kho</b> & báo kịp thời cho bảo vệ (ngày 10/03/2026)",
    ],
    ids=["rescue", "markup"],
)
def test_an_ad_hoc_ttr_says_why_in_the_words_of_its_case(school, past_year, principal, clerk, make_staff, act):
    """The TTr's reason names the act recorded on the commendation (its nomination's achievements), never a fixed
    "Thành tích trên", and prints it as written: markup in it is text."""
    rescuer = make_staff(Role.MEMBER, full_name="Nguyễn Văn Dũng", position="Giáo viên")
    ad_hoc = nominations.propose_ad_hoc_commendation(
        actor=principal.user, school_year=past_year, title=title("GK"), staff=rescuer, achievements=act
    )
    submission = svc.draft_submission(
        actor=clerk.user, school_year=past_year, level=AuthorityLevel.COMMUNE, chosen=[ad_hoc]
    )
    text = _flat("\n".join(_text(render_document_pdf(submission.document))))
    assert (
        f"Thành tích “{act}” của cá nhân Nguyễn Văn Dũng là tấm gương sáng, cần được biểu dương, khen thưởng kịp "
        "thời để động viên và nhân rộng trong nhà trường." in text
    )
    assert "Thành tích trên" not in text


@pytest.mark.parametrize(
    ("issued_on", "amount", "total", "words"),
    [
        (date(2026, 6, 30), "710.000", "2.130.000", "Hai triệu một trăm ba mươi nghìn đồng"),
        (date(2026, 7, 1), "760.000", "2.280.000", "Hai triệu hai trăm tám mươi nghìn đồng"),
    ],
)
def test_reward_money_is_the_base_salary_in_force_on_the_decision_date_rounded_up(
    school, past_year, principal, clerk, make_staff, issued_on, amount, total, words
):
    # a school under a department confers Lao động tiên tiến itself (Luật Điều 80): the catalog says so, not code
    TitleRule.objects.filter(title=title("LDTT"), regime__code="2025").update(conferring_level=AuthorityLevel.SCHOOL)
    for name in ("Lê Thị Hoa", "Trần Thị Mai", "Phạm Văn Nam"):
        _approved(past_year, staff=make_staff(Role.MEMBER, full_name=name, position="Giáo viên"))
    decision = svc.draft_award_decision(actor=principal.user, school_year=past_year, document_date=date(2026, 6, 1))
    svc.issue_award_decision(actor=principal.user, decision=decision, issued_on=issued_on)
    content = decision.document.__class__.objects.get(pk=decision.document_id).content
    assert [row["amount_text"] for row in content["rows"]] == [amount] * 3
    assert content["total_text"] == total and content["total_words"] == words
    text = "\n".join(_text(render_document_pdf(decision.document.__class__.objects.get(pk=decision.document_id))))
    assert f"tổng số tiền: {total} đồng (Bằng chữ: {words})" in text.replace("\n", " ")
    assert f"Bằng chữ: {words}." in text
    assert AwardRecord.objects.filter(decision=decision.document_id).count() == 3


def test_a_long_list_repeats_its_header_row_on_every_page(school, past_year, principal):
    _pupils(school, past_year, 60)
    decision = svc.draft_award_decision(actor=principal.user, school_year=past_year, document_date=date(2026, 6, 5))
    with pdfplumber.open(io.BytesIO(render_document_pdf(decision.document))) as pdf:
        list_pages = [page for page in pdf.pages if "Học Sinh" in (page.extract_text() or "")]
        assert len(list_pages) >= 2
        for page in list_pages:
            tables = page.extract_tables()
            assert tables, f"page {page.page_number} has no table"
            assert tables[0][0][:5] == ["STT", "Họ và tên", "Chức vụ", "Tổ, lớp", "Danh hiệu, hình thức"]
        numbers = [row[0] for page in list_pages for row in page.extract_tables()[0][1:]]
        assert numbers == [str(n) for n in range(1, 61)]


def test_no_decision_while_an_objection_waits(school, past_year, principal, make_staff):
    pupils = _pupils(school, past_year, 1)
    disclosure = Disclosure.objects.create(school=school, school_year=past_year, starts_on=date(2026, 6, 1),
                                           working_days=5, ends_on=date(2026, 6, 5))  # fmt: skip
    disclosure.nominations.set(pupils)
    objection = Objection.objects.create(school=school, disclosure=disclosure, filed_by=make_staff(Role.MEMBER),
                                         text="Em này chưa đủ điều kiện.")  # fmt: skip
    with pytest.raises(ValidationError, match="Còn 1 ý kiến phản ánh"):
        svc.draft_award_decision(actor=principal.user, school_year=past_year, document_date=date(2026, 6, 10))
    svc.answer_objection(actor=principal.user, objection=objection, answer="Đã kiểm tra: đủ điều kiện.")
    with pytest.raises(ValidationError, match="đang công khai đến hết ngày 05/06/2026"):
        svc.draft_award_decision(actor=principal.user, school_year=past_year, document_date=date(2026, 6, 5))
    assert svc.draft_award_decision(actor=principal.user, school_year=past_year, document_date=date(2026, 6, 8))


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TEAM_HEAD, Role.VICE_PRINCIPAL])
def test_only_the_principal_and_the_clerk_draft_and_number(role, school, past_year, make_staff):
    _pupils(school, past_year, 1)
    with pytest.raises(PermissionDenied):
        svc.draft_award_decision(actor=make_staff(role).user, school_year=past_year)


def test_the_submission_goes_to_the_commune_with_one_dossier_and_the_list_and_the_answer_is_recorded(
    school, past_year, principal, clerk, make_staff, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    mai = make_staff(Role.MEMBER, full_name="Trần Thị Mai", position="Giáo viên")
    hoa = make_staff(Role.MEMBER, full_name="Lê Thị Hoa", position="Giáo viên")
    star = _approved(past_year, staff=mai, title=title("CSTDCS"))
    plain = _approved(past_year, staff=hoa)
    AchievementReport.objects.create(school=school, school_year=past_year, staff=mai, title=title("CSTDCS"),
                                     name="Trần Thị Mai", achievements="Dạy giỏi cấp huyện.")  # fmt: skip
    council = Issuer.for_council(school, name="Hội đồng Thi đua - Khen thưởng", abbreviation="HĐTĐKT")
    minutes = OfficialDocumentFactory(
        issuer=council, doc_type=DocumentType.MINUTES, summary="Họp Hội đồng Thi đua - Khen thưởng năm học 2025-2026",
        body="Biên bản riêng của hội đồng", content={"school_year_id": past_year.pk},
    )  # fmt: skip
    documents.issue_document(actor=None, document=minutes, issued_on=date(2026, 5, 25))
    submission = svc.draft_submission(actor=clerk.user, school_year=past_year, level=AuthorityLevel.COMMUNE,
                                      document_date=date(2026, 6, 10))  # fmt: skip
    assert submission.authority.name == "UBND xã Cao Dương"
    svc.issue_submission(actor=clerk.user, submission=submission, issued_on=date(2026, 6, 10))
    submission.document.refresh_from_db()
    assert submission.document.symbol == "01/TTr-THCD"
    star.refresh_from_db()
    assert star.status == S.SUBMITTED

    pages = _text(submission_dossier_pdf(submission))
    whole = "\n".join(pages)
    assert "TỜ TRÌNH" in pages[0] and "Kính gửi: Chủ tịch UBND xã Cao Dương" in pages[0]
    assert "Chiến sĩ thi đua cơ sở (cá nhân): 1." in whole and "Lao động tiên tiến (cá nhân): 1." in whole
    assert "Biên bản riêng của hội đồng" in whole  # the council's minutes, found in the register
    assert "BÁO CÁO THÀNH TÍCH" in whole.upper() and "Dạy giỏi cấp huyện." in whole

    client.force_login(clerk.user)
    response = client.get(reverse("awards:submission_xlsx", args=[submission.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("STT", "Họ và tên", "Chức vụ", "Tổ, lớp", "Danh hiệu, hình thức")
    assert {row[1] for row in rows[1:]} == {"Trần Thị Mai", "Lê Thị Hoa"}

    scan = SimpleUploadedFile("qd.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        reverse("awards:submission_answer", args=[submission.pk]),
        {"number": "215/QĐ-UBND", "decided_on": "25/06/2026", "authority_name": "UBND xã Cao Dương",
         "conferred": [plain.pk], "refused": [star.pk], "scan": scan},
    )  # fmt: skip
    assert response.status_code == 302
    plain.refresh_from_db()
    star.refresh_from_db()
    assert plain.status == S.CONFERRED and star.status == S.REFUSED
    award = plain.award
    assert (award.decision_number, award.decision_date, award.issuer_name) == (
        "215/QĐ-UBND", date(2026, 6, 25), "UBND xã Cao Dương")  # fmt: skip
    assert "Không có tên trong Quyết định số 215/QĐ-UBND" in star.status_note
    answer = submission.answers.get()
    assert client.get(reverse("awards:higher_decision_scan", args=[answer.pk])).status_code == 200


def test_a_scan_that_is_not_a_pdf_or_an_image_is_refused(school, past_year, principal, clerk, make_staff):
    nomination = _approved(past_year, staff=make_staff(Role.MEMBER))
    submission = svc.draft_submission(actor=clerk.user, school_year=past_year, level=AuthorityLevel.COMMUNE)
    svc.issue_submission(actor=clerk.user, submission=submission)
    with pytest.raises(ValidationError, match="Bản ký phải là tệp"):
        svc.record_higher_decision(
            actor=clerk.user, submission=submission, number="1/QĐ", decided_on=date.today(),
            authority_name="UBND xã Cao Dương", conferred=[nomination],
            scan=SimpleUploadedFile("x.pdf", b"MZ not a pdf at all", content_type="application/pdf"),
        )  # fmt: skip
    nomination.refresh_from_db()
    assert nomination.status == S.SUBMITTED and not AwardRecord.objects.exists()


def test_the_papers_page_costs_constant_queries(school, past_year, principal, clerk, client, make_staff,
                                                django_assert_max_num_queries):  # fmt: skip
    _pupils(school, past_year, 20)
    for _ in range(5):
        _approved(past_year, staff=make_staff(Role.MEMBER))
    svc.draft_award_decision(actor=clerk.user, school_year=past_year)
    svc.draft_submission(actor=clerk.user, school_year=past_year, level=AuthorityLevel.COMMUNE)
    client.force_login(clerk.user)
    with django_assert_max_num_queries(30):
        page = client.get(f"{reverse('awards:papers')}?year={past_year.pk}").content.decode()
    assert "Cấp số và ban hành" in page and "Cấp số và trình" in page and "Hồ sơ (một tệp PDF)" in page


def test_the_councils_minutes_are_found_in_the_register_by_their_year(school, past_year):
    from awards.papers import council_minutes

    emulation = Issuer.for_council(school, name="Hội đồng Thi đua - Khen thưởng", abbreviation="HĐTĐKT")
    initiative = Issuer.for_council(school, name="Hội đồng Sáng kiến", abbreviation="HĐSK")

    def minutes(issuer, council_name, year_name, day):
        content = {"council_name": council_name, "school_year": year_name}
        document = OfficialDocumentFactory(
            issuer=issuer, doc_type=DocumentType.MINUTES, summary="Biên bản họp", content=content
        )
        return documents.issue_document(actor=None, document=document, issued_on=day)

    tally = minutes(emulation, "Hội đồng Thi đua - Khen thưởng", "2025-2026", date(2026, 5, 27))
    meeting = minutes(emulation, "Hội đồng Thi đua - Khen thưởng", "2025-2026", date(2026, 5, 26))
    minutes(initiative, "Hội đồng Sáng kiến", "2025-2026", date(2026, 5, 20))
    minutes(emulation, "Hội đồng Thi đua - Khen thưởng", "2024-2025", date(2025, 5, 26))
    assert council_minutes(past_year) == [meeting, tally]


def test_the_clerk_is_asked_to_draft_then_to_number(school, past_year, principal, clerk):
    from awards.tasks import paper_tasks

    _pupils(school, past_year, 2)
    tasks = registry.tasks_for(clerk, [paper_tasks])
    assert [(t.title, t.count) for t in tasks] == [("Đề nghị đã duyệt chờ lập quyết định, tờ trình", 2)]
    svc.draft_award_decision(actor=clerk.user, school_year=past_year)
    tasks = registry.tasks_for(clerk, [paper_tasks])
    assert [(t.title, t.count) for t in tasks] == [("Quyết định, tờ trình khen thưởng chờ cấp số", 1)]


def test_the_schools_decision_links_to_its_certificates(school, past_year, principal, clerk, client, make_staff):
    """Once numbered, the QĐ's card offers its certificates to those who print them: to be made, then made."""
    _pupils(school, past_year, 2)
    decision = svc.draft_award_decision(actor=clerk.user, school_year=past_year)
    url = f"{reverse('awards:papers')}?year={past_year.pk}"
    client.force_login(clerk.user)
    assert "In giấy khen của quyết định" not in client.get(url).content.decode()  # a draft confers nothing yet
    svc.issue_award_decision(actor=clerk.user, decision=decision, issued_on=date(2026, 6, 5))
    page = client.get(url).content.decode()
    assert "In giấy khen của quyết định (2)" in page
    first = AwardRecord.objects.filter(decision=decision.document).order_by("pk").last()
    assert f'name="award" value="{first.pk}"' in page
    response = client.post(reverse("awards:certificate_batch_request"), {"award": first.pk})
    batch = CertificateBatch.objects.get(decision=decision.document)
    assert response.url == reverse("awards:certificate_batch", args=[batch.pk])
    page = client.get(url).content.decode()
    assert f'href="{reverse("awards:certificate_batch", args=[batch.pk])}">Giấy khen của quyết định (2)' in page
    client.force_login(make_staff(Role.ADMINISTRATOR).user)  # reads the papers, prints no certificates
    response = client.get(url)
    assert response.status_code == 200 and "Quyết định số 01/QĐ-THCD" in response.content.decode()
    assert "Giấy khen của quyết định" not in response.content.decode()
