"""Audit action codes of the campaigns app (see ``thiduakhenthuong.core.audit``)."""

from thiduakhenthuong.core.audit import register

register("campaigns.create", "Soạn phong trào thi đua")
register("campaigns.update", "Sửa phong trào thi đua")
register("campaigns.launch", "Phát động phong trào thi đua")
register("campaigns.close", "Kết thúc phong trào thi đua")
register("campaigns.period.create", "Thêm đợt thi đua")
register("campaigns.period.update", "Sửa đợt thi đua")
register("campaigns.period.delete", "Xoá đợt thi đua")
register("campaigns.commitment.create", "Đăng ký giao ước thi đua")
register("campaigns.commitment.update", "Sửa giao ước thi đua")
register("campaigns.plan.create", "Soạn kế hoạch thi đua, khen thưởng")
register("campaigns.plan.update", "Sửa kế hoạch thi đua, khen thưởng")
register("campaigns.plan.issue", "Ban hành kế hoạch thi đua, khen thưởng")
