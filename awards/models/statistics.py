"""The year's statistics report (BC): an official document of the school, numbered by the clerk through the
register like every other BC; its figures are frozen in the document's ``content`` when it is drafted or
refreshed (``awards.statistics.draft_statistics_report``)."""

from django.conf import settings
from django.db import models

from thiduakhenthuong.documents.models import OfficialDocument
from thiduakhenthuong.organization.models import School, SchoolYear


class StatisticsReport(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.OneToOneField(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    document = models.OneToOneField(OfficialDocument, on_delete=models.PROTECT, related_name="+")
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = "báo cáo thống kê thi đua, khen thưởng"
        verbose_name_plural = "báo cáo thống kê thi đua, khen thưởng"

    def __str__(self):
        return f"Báo cáo kết quả thi đua, khen thưởng năm học {self.school_year}"
