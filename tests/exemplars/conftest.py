"""Fixtures of the exemplars tests: a school year under way, a class with a pupil, people per role, photos."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from tests.factories import ClassGroupFactory, PupilFactory, SchoolYearFactory, StaffFactory
from thiduakhenthuong.organization.models import Role

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def year(school):
    return SchoolYearFactory(school=school, start_date=date(2026, 9, 5), end_date=date(2027, 5, 31), is_current=True)


@pytest.fixture
def past_year(school):
    return SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))


@pytest.fixture
def people(school, team):
    roles = [Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.TEAM_HEAD, Role.CLERK, Role.MEMBER, Role.ADMINISTRATOR]
    return {role: StaffFactory(school=school, role=role, team=team, with_user=True) for role in roles}


@pytest.fixture
def class_group(school, year, people):
    return ClassGroupFactory(school=school, school_year=year, name="3A", grade=3, homeroom_teacher=people[Role.MEMBER])


@pytest.fixture
def pupil(school, class_group):
    return PupilFactory(school=school, class_group=class_group, full_name="Nguyễn Văn An")


def jpeg_with_gps(name="anh.jpg", size=(64, 48)) -> SimpleUploadedFile:
    """A JPEG carrying GPS coordinates, a camera model and a comment in its EXIF, as a phone writes it."""
    picture = Image.new("RGB", size, (200, 30, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "PhoneModel X"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (20.0, 52.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 45.0, 10.0)
    out = BytesIO()
    picture.save(out, "JPEG", exif=exif, comment=b"chup tai nha em An")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png(name="anh.png", size=(40, 40), mode="RGBA") -> SimpleUploadedFile:
    out = BytesIO()
    Image.new(mode, size, (10, 120, 200, 128) if mode == "RGBA" else (10, 120, 200)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def report(people, pupil, year):
    """Report a deed of the pupil as the teacher (the member); returns a function taking overrides."""
    from exemplars import services

    def make(**overrides):
        teacher = people[Role.MEMBER]
        fields = {
            "actor": teacher.user, "reporter": teacher, "title": "Nhặt được ví, trả lại người đánh rơi",
            "description": "Em nhặt được ví ở cổng trường và nộp cho cô giáo.", "occurred_on": date(2026, 11, 20),
            "place": "Cổng trường", "pupil": pupil, "today": TODAY,
        }  # fmt: skip
        fields.update(overrides)
        if "staff" in overrides or "other_person" in overrides:
            fields.pop("pupil")
        return services.report_deed(**fields)

    return make
