"""A council meeting in three browsers: the chair (desktop), the secretary (desktop) and a member on her phone
(390 px) score both nominees and vote by secret ballot; the chair follows who has finished (never what), reads the
spread, closes the scoring and the ballot, closes the meeting and downloads the minutes, which print the scores."""

import io
import unicodedata

import pdfplumber

from council.models import MemberRole
from tests.e2e.conftest import PHONE, login


def _score_both(page, points: list[list[int]], *, draft_first=False):
    """From the scoring page: open the first sheet, score it, submit, go on to the next, score it, submit."""
    page.locator(".list-group a").first.click()
    for index, values in enumerate(points):
        inputs = page.locator("input.form-control-lg")
        assert inputs.count() == len(values)
        if draft_first and index == 0:
            inputs.nth(0).fill(str(values[0]))
            page.get_by_role("button", name="Lưu nháp").click()
            assert "Đã lưu nháp" in page.content()
            assert page.locator("input.form-control-lg").nth(0).input_value() == str(values[0])
        for field, value in zip(inputs.all(), values, strict=True):
            field.fill(str(value))
        page.get_by_role("button", name="Nộp phiếu").click()
        assert "Phiếu đã khoá" in page.content()
        if index + 1 < len(points):
            page.get_by_role("link", name="Nội dung tiếp theo").click()


def test_three_members_score_and_vote_and_the_chair_downloads_the_minutes(
    browser, live_server, page, mobile_page, console_errors, meeting_in_session
):
    meeting, seats = meeting_in_session
    chair, secretary, member = seats[MemberRole.CHAIR], seats[MemberRole.SECRETARY], seats[MemberRole.MEMBER]
    secretary_context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    secretary_context.set_default_timeout(10_000)
    second = secretary_context.new_page()
    errors = [console_errors(p) for p in (page, second, mobile_page)]
    scoring_url = f"/council/scoring/meetings/{meeting.pk}/"

    # the chair opens the scoring from the meeting's page
    login(page, chair.staff.user.username)
    page.goto(f"/council/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Chấm điểm").click()
    page.get_by_role("button", name="Mở chấm điểm").click()
    assert "Đã mở chấm điểm" in page.content()

    # the member on her phone: the dashboard's task, a draft kept, both sheets submitted
    login(mobile_page, member.staff.user.username)
    mobile_page.goto("/")
    mobile_page.get_by_role("link", name="Chấm điểm phiên họp hội đồng").first.click()
    mobile_page.wait_for_url(f"**{scoring_url}")
    _score_both(mobile_page, [[18, 38, 18, 18], [18, 30, 25, 14]], draft_first=True)
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "Chưa có thành viên nào khác nộp phiếu" in mobile_page.content()  # she was first: nothing to see yet
    mobile_page.screenshot(path="/tmp/council-score-sheet-phone.png", full_page=True)

    # the chair sees who has finished, never what
    page.goto(scoring_url)
    progress = page.locator("#progress").inner_text()
    assert f"{member.staff.full_name}\n2/2 · xong" in progress and "0/2" in progress
    scores_shown = progress
    for seat in seats.values():  # the names end in factory numbers, which may hold a "38"
        scores_shown = scores_shown.replace(seat.staff.full_name, "")
    assert "Độ phân tán" not in page.content() and "38" not in scores_shown

    login(second, secretary.staff.user.username)
    second.goto(scoring_url)
    _score_both(second, [[20, 40, 20, 20], [20, 35, 30, 15]])
    assert member.staff.full_name in second.content()  # after her own sheet, the others' scores
    page.goto(scoring_url)
    _score_both(page, [[16, 36, 16, 16], [16, 31, 26, 13]])

    page.goto(scoring_url)
    assert "Độ phân tán" in page.content()
    first, second_item = page.locator(".card").nth(0).inner_text(), page.locator(".card").nth(1).inner_text()
    assert "Lê Văn Dũng" in first and "Tổng điểm (3 phiếu)\t100\t84\t100\t92" in first  # Lao động tiên tiến first
    assert "Phạm Thị Cúc" in second_item and "86\t100\t91" in second_item  # 86, 100, 87
    page.get_by_role("button", name="Kết thúc chấm điểm").click()
    assert "Đã kết thúc chấm điểm." in page.content()

    # the secret ballot: each from her own browser
    page.goto(f"/council/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Mở bỏ phiếu kín").click()
    for voter in (mobile_page, second, page):
        voter.goto(f"/council/meetings/{meeting.pk}/vote/")
        toggles = voter.locator("label.btn")
        toggles.nth(0).click()  # agree on the first nominee
        toggles.nth(2).click()  # agree on the second
        voter.get_by_role("button", name="Bỏ phiếu").click()
        assert "Phiếu của bạn đã được bỏ vào hòm phiếu." in voter.content()

    page.goto(f"/council/meetings/{meeting.pk}/")
    assert "Đã bỏ phiếu: 3/3" in page.content()
    page.get_by_role("button", name="Kết thúc bỏ phiếu, kiểm phiếu").click()
    page.get_by_role("button", name="Bế mạc").click()
    page.get_by_role("button", name="Lập biên bản").click()
    link = page.get_by_role("link", name="Biên bản họp")
    response = page.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.body())) as pdf:
        text = unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in pdf.pages))
    assert "Kết quả chấm điểm" in text and "3/3 = 100% ≥ 80%" in text
    assert f"3 {member.staff.full_name} 18 38 18 18 92" in text.splitlines()
    secretary_context.close()
    assert errors == [[], [], []]
