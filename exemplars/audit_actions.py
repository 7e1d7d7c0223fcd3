"""Audit action codes of the exemplars app (see ``thiduakhenthuong.core.audit``)."""

from thiduakhenthuong.core.audit import register

register("exemplars.deed.report", "Báo việc tốt")
register("exemplars.deed.edit", "Sửa việc tốt")
register("exemplars.deed.verify", "Xác minh việc tốt")
register("exemplars.deed.reject", "Không xác minh việc tốt")
register("exemplars.deed.hide", "Ẩn việc tốt khỏi trang công khai")
register("exemplars.deed.show", "Công khai lại việc tốt")
register("exemplars.deed.commend", "Đề nghị khen thưởng đột xuất từ việc tốt")
register("exemplars.image.add", "Thêm ảnh minh chứng việc tốt")
register("exemplars.image.remove", "Xoá ảnh minh chứng việc tốt")
register("exemplars.contest.save", "Lập cuộc thi viết về gương người tốt, việc tốt")
register("exemplars.entry.submit", "Nộp bài dự thi viết")
register("exemplars.entry.edit", "Sửa bài dự thi viết")
register("exemplars.entry.select", "Chọn bài gửi dự thi")
register("exemplars.entry.unselect", "Bỏ chọn bài gửi dự thi")
register("exemplars.report.draft", "Lập báo cáo người tốt, việc tốt")
