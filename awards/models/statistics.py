"""The year's statistics report (BC): an official document of the school, numbered by the clerk through the
register like every other BC; its figures are frozen in the document's ``content`` when it is drafted or
refreshed (``awards.statistics.draft_statistics_report``)."""

from thiduakhenthuong.documents.models import YearlyReport


class StatisticsReport(YearlyReport):
    class Meta:
        verbose_name = "báo cáo thống kê thi đua, khen thưởng"
        verbose_name_plural = "báo cáo thống kê thi đua, khen thưởng"

    def __str__(self):
        return f"Báo cáo kết quả thi đua, khen thưởng năm học {self.school_year}"
