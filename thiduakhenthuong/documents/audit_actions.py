"""Audit action codes of the documents app (see ``thiduakhenthuong.core.audit``)."""

from thiduakhenthuong.core.audit import register

register("documents.create", "Tạo dự thảo văn bản")
register("documents.update", "Sửa dự thảo văn bản")
register("documents.issue", "Cấp số văn bản")
register("documents.register_historical", "Đăng ký văn bản giấy đã ban hành")
register("documents.attach_signed_scan", "Đính kèm bản ký")
register("documents.replace_signed_scan", "Thay bản ký")
register("documents.cancel", "Huỷ văn bản")
