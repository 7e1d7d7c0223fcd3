"""Writes to the organization's records. Each service is atomic and leaves an audit row."""

from django.db import transaction

from thiduakhenthuong.core import audit

from .models import SchoolYear, Staff


@transaction.atomic
def save_staff(*, actor, staff: Staff) -> Staff:
    """Validate and save a staff record (new or changed) and log it. Raises ValidationError on bad data."""
    creating = staff.pk is None
    before = "" if creating else Staff.objects.select_for_update().values_list("role", flat=True).get(pk=staff.pk)
    staff.full_clean()
    staff.save()
    audit.record(
        actor=actor,
        action="Thêm cán bộ" if creating else "Sửa hồ sơ cán bộ",
        obj=staff,
        from_state=before,
        to_state=staff.role,
    )
    return staff


@transaction.atomic
def set_current_year(*, actor, year: SchoolYear) -> SchoolYear:
    """Make ``year`` the school's only current year."""
    previous = SchoolYear.objects.select_for_update().filter(school=year.school, is_current=True).first()
    if previous == year:
        return year
    if previous:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    year.is_current = True
    year.save(update_fields=["is_current"])
    audit.record(
        actor=actor,
        action="Đặt năm học hiện tại",
        obj=year,
        from_state=previous.name if previous else "",
        to_state=year.name,
    )
    return year
