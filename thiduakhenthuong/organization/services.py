"""Writes to the organization's records. Each service is atomic and leaves an audit row."""

import secrets
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from thiduakhenthuong.core import audit
from thiduakhenthuong.core.saving import save_validated

from .models import School, SchoolYear, Staff
from .staff_sheets import ImportRow, check_rows, staff_from_row


@transaction.atomic
def save_staff(*, actor, staff: Staff) -> Staff:
    """Validate and save a staff record (new or changed) and log it. Raises ValidationError on bad data."""
    creating = staff.pk is None
    before = "" if creating else Staff.objects.select_for_update().values_list("role", flat=True).get(pk=staff.pk)
    staff.full_clean()
    staff.save()
    audit.record(
        actor=actor,
        action="organization.staff.create" if creating else "organization.staff.update",
        obj=staff,
        data=audit.change({"role": before} if before else None, {"role": staff.role}),
    )
    return staff


@transaction.atomic
def deactivate_staff(*, actor, staff: Staff, left_on: date) -> Staff:
    """A staff member leaves on ``left_on``: the record stays (the award history, evaluations and registrations
    that name them are kept and keep pointing to it) and their account can no longer sign in.

    Staff are never deleted: the database refuses to delete anyone with history (PROTECT).
    """
    staff = Staff.objects.select_for_update(of=("self",)).select_related("user").get(pk=staff.pk)
    if staff.left_on is not None:
        raise ValidationError(f"{staff} đã thôi việc từ ngày {staff.left_on:%d/%m/%Y}.")
    staff.left_on = left_on
    staff.full_clean()
    staff.save(update_fields=["left_on"])
    if staff.user_id and staff.user.is_active:
        staff.user.is_active = False
        staff.user.save(update_fields=["is_active"])
    audit.record(
        actor=actor, action="organization.staff.deactivate", obj=staff, data=audit.change(after={"left_on": left_on})
    )
    return staff


@transaction.atomic
def save_year(*, actor, year: SchoolYear) -> SchoolYear:
    """Validate and save a school year (new or changed) and log it. Raises ValidationError on bad data.

    Which year is current is not changed here: only ``set_current_year`` moves it, so that it is audited as such.
    """
    creating = year.pk is None
    fields = ("name", "start_date", "end_date")
    before = None
    if creating:
        year.is_current = False
    else:
        stored = SchoolYear.objects.select_for_update().get(pk=year.pk)
        year.is_current = stored.is_current
        before = {name: getattr(stored, name) for name in fields}
    save_validated(year)
    after = {name: getattr(year, name) for name in fields}
    if before:  # only what changed
        before, after = ({k: v for k, v in side.items() if before[k] != after[k]} for side in (before, after))
    audit.record(
        actor=actor,
        action="organization.year.create" if creating else "organization.year.update",
        obj=year,
        data=audit.change(before, after),
    )
    return year


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
        action="organization.year.set_current",
        obj=year,
        data=audit.change({"current_year": previous.name} if previous else None, {"current_year": year.name}),
    )
    return year


@transaction.atomic
def import_staff(*, actor, school: School, rows: list[dict], source: str) -> list[Staff]:
    """Create one staff member per row of an import, all of them or none.

    ``rows`` are the JSON-safe values kept since the preview; they are checked again here under a lock on the
    school (the school's records may have changed since, and two imports must not both pass the duplicate check).
    Raises ValidationError listing every bad row. Writes one audit row per created person, so that each person's
    history in the audit log starts with their creation; ``source`` (the file name) is the reason.
    """
    School.objects.select_for_update().get(pk=school.pk)
    checked = [ImportRow(number=number, shown={}, data=data) for number, data in enumerate(rows, start=1)]
    check_rows(school, checked)
    errors = [f"Người thứ {row.number}: {message}" for row in checked for message in row.errors]
    if errors:
        raise ValidationError(errors)
    created = []
    for row in checked:
        staff = staff_from_row(school, row.data)
        staff.save()
        audit.record(
            actor=actor,
            action="organization.staff.create",
            obj=staff,
            data=audit.change(after={"role": staff.role}),
            reason=f"Nhập từ tệp {source}",
        )
        created.append(staff)
    return created


_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: it is read aloud or copied by hand


def generate_password() -> str:
    """A random initial password like ``k7dm-x3pa-qr9t`` (14 characters; passes the site's validators)."""
    return "-".join("".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))


@transaction.atomic
def create_account(*, actor, staff: Staff, username: str, password: str = "") -> tuple[AbstractBaseUser, str]:
    """Give ``staff`` a sign-in account and return it with its initial password.

    The password is generated when none is given; the caller shows it once and never stores it. Raises
    ValidationError (Vietnamese) when the person already has an account or has left, the username is taken, or
    the password fails the site's validators. The audit row names the username, never the password.
    """
    staff = Staff.objects.select_for_update().get(pk=staff.pk)
    if staff.user_id is not None:
        raise ValidationError(f"{staff.full_name} đã có tài khoản.")
    if not staff.is_active:
        raise ValidationError(f"{staff.full_name} đã thôi việc: không tạo tài khoản.")
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"Tên đăng nhập “{username}” đã được dùng."})
    user = User(username=username, first_name=staff.full_name, email=staff.email)
    password = password or generate_password()
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.save()
    staff.user = user
    staff.save(update_fields=["user"])
    audit.record(
        actor=actor, action="organization.account.create", obj=staff, data=audit.change(after={"username": username})
    )
    return user, password
