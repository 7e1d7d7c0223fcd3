"""Audit action codes of the council app (see ``thiduakhenthuong.core.audit``). Ballot casts are secret: their rows
say THAT a member voted (actor, ballot, time), never how."""

from thiduakhenthuong.core.audit import register

register("council.create", "Lập hội đồng")
register("council.update", "Sửa thông tin hội đồng")
register("council.member.add", "Thêm thành viên hội đồng")
register("council.member.remove", "Bớt thành viên hội đồng")
register("council.establish", "Quyết định thành lập hội đồng")
register("council.change_members", "Thay đổi thành viên hội đồng đã thành lập")
register("council.meeting.plan", "Lên lịch phiên họp hội đồng")
register("council.meeting.update", "Sửa thông tin phiên họp hội đồng")
register("council.meeting.set_agenda", "Lập chương trình phiên họp hội đồng")
register("council.meeting.attendance", "Điểm danh phiên họp hội đồng")
register("council.meeting.open", "Khai mạc phiên họp hội đồng")
register("council.meeting.proceedings", "Ghi diễn biến phiên họp hội đồng")
register("council.meeting.pupil_lists", "Hội đồng thông qua danh sách khen thưởng học sinh")
register("council.meeting.close", "Bế mạc phiên họp hội đồng")
register("council.meeting.minutes", "Lập biên bản họp hội đồng")
register("council.ballot.open", "Mở bỏ phiếu kín")
register("council.ballot.cast", "Bỏ phiếu kín", secret=True)
register("council.ballot.cast_written", "Ghi ý kiến bằng văn bản của thành viên vắng mặt vào phiếu kín", secret=True)
register("council.ballot.close", "Kết thúc bỏ phiếu kín và kiểm phiếu")
register("council.ballot.tally_minutes", "Lập biên bản kiểm phiếu")

# --- scoring (council/scoring.py): a sheet's audit rows say THAT it was saved or submitted, never the points ---
register("council.rubric.create", "Lập bộ tiêu chí chấm điểm")
register("council.rubric.update", "Sửa bộ tiêu chí chấm điểm")
register("council.rubric.copy", "Sao chép bộ tiêu chí chấm điểm để sửa")
register("council.meeting.open_scoring", "Mở chấm điểm")
register("council.meeting.close_scoring", "Kết thúc chấm điểm")
register("council.score_sheet.save", "Lưu nháp phiếu chấm điểm")
register("council.score_sheet.submit", "Nộp phiếu chấm điểm")
