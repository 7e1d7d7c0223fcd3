"""Audit action codes of the organization app (see ``thiduakhenthuong.core.audit``)."""

from thiduakhenthuong.core.audit import register

register("organization.staff.create", "Thêm cán bộ")
register("organization.staff.update", "Sửa hồ sơ cán bộ")
register("organization.staff.deactivate", "Cán bộ thôi việc")
register("organization.year.create", "Thêm năm học")
register("organization.year.update", "Sửa năm học")
register("organization.year.set_current", "Đặt năm học hiện tại")
register("organization.account.create", "Tạo tài khoản")
