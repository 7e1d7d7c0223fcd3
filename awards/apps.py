from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from thiduakhenthuong.core.registry import DemoStage, NavItem, registry

        from . import seed, seed_certificates, seed_decisions, seed_pupils, seed_review, tasks
        from .permissions import (
            can_approve_nominations,
            can_evaluate,
            can_keep_holidays,
            can_open_pupil_proposals,
            can_open_team_reviews,
            can_print_certificates,
            can_read_award_papers,
            can_read_awards,
            can_read_disclosures,
            can_read_eligibility,
            can_read_nominations,
            can_read_registrations,
            can_read_reports,
            can_read_statistics,
        )

        registry.add_nav(
            NavItem("Hồ sơ thi đua", "awards:my_profile", None, 20, "awards", "Thi đua"),
            NavItem("Sáng kiến", "awards:initiative_list", None, 40, group="Thi đua"),
            NavItem("Đăng ký thi đua", "awards:registration_list", can_read_registrations, 30, group="Thi đua"),
            NavItem("Xét danh hiệu", "awards:school_eligibility", can_read_eligibility, 35, group="Thi đua"),
            NavItem("Đánh giá cuối năm", "awards:evaluation_list", can_evaluate, 50, group="Thi đua"),
            NavItem("Lịch sử khen thưởng", "awards:award_list", can_read_awards, 60, group="Thi đua"),
            NavItem("In giấy khen", "awards:certificate_list", can_print_certificates, 61, group="Thi đua"),
            NavItem("Thống kê khen thưởng", "awards:statistics", can_read_statistics, 62, group="Thi đua"),
            NavItem("Báo cáo thành tích của tôi", "awards:my_reports", None, 65, group="Thi đua"),
            NavItem("Báo cáo thành tích", "awards:report_list", can_read_reports, 66, group="Thi đua"),
            NavItem("Khen thưởng học sinh", "awards:pupil_classes", can_open_pupil_proposals, 67, group="Thi đua"),
            NavItem("Bình xét của tổ", "awards:review_list", can_open_team_reviews, 55, group="Thi đua"),
            NavItem("Đề nghị khen thưởng", "awards:nomination_board", can_read_nominations, 56, group="Thi đua"),
            NavItem(
                "Công khai danh sách khen thưởng", "awards:disclosure_list", can_read_disclosures, 57, group="Thi đua"
            ),
            NavItem("Duyệt đề nghị khen thưởng", "awards:approval", can_approve_nominations, 58, group="Thi đua"),
            NavItem("Quyết định, tờ trình khen thưởng", "awards:papers", can_read_award_papers, 59, group="Thi đua"),
            NavItem("Lịch nghỉ lễ", "awards:holiday_list", can_keep_holidays, 90, group="Thi đua"),
        )
        registry.add_deployment_nav(NavItem("Chế độ pháp lý", "awards:regime_list", None, 10, "awards"))
        registry.add_tasks(tasks.registration_tasks)
        registry.add_tasks(tasks.review_tasks)
        registry.add_tasks(tasks.eligibility_tasks)
        registry.add_tasks(tasks.report_tasks)
        registry.add_tasks(tasks.pupil_tasks)
        registry.add_tasks(tasks.nomination_tasks)
        registry.add_tasks(tasks.disclosure_tasks)
        registry.add_tasks(tasks.paper_tasks)
        registry.add_demo_seeder(seed.seed_demo)
        registry.add_demo_seeder(seed_review.seed_demo, stage=DemoStage.REVIEW)
        registry.add_demo_seeder(seed_pupils.seed_demo, stage=DemoStage.REVIEW)
        registry.add_demo_seeder(seed_decisions.seed_demo, stage=DemoStage.DECISIONS)
        # Keep last: the certificates of the past year's decisions continue every other DECISIONS seeder (the QĐ
        # issued, the higher authority's decisions recorded); seeders of one stage run in registration order.
        registry.add_demo_seeder(seed_certificates.seed_demo, stage=DemoStage.DECISIONS)
