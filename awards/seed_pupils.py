"""Demo data of the pupils' commendations: last year's classes proposed their pupils and the vice-principal checked
every list (the proposals wait in the council's queue); the year under way has no proposal yet.

Idempotent: a class that already has its list is left as it is.
"""

import random
from datetime import date

from thiduakhenthuong.organization.demo import _generated_name
from thiduakhenthuong.organization.models import ClassGroup, Gender, Pupil, School, SchoolYear

from . import pupils
from .models import ClassProposal, Nomination

#: Pupils in each of last year's demo classes (this year's demo classes are the organization app's).
PAST_PUPILS_PER_CLASS = 12
ACHIEVEMENTS = [
    "Giải Nhì Hội khỏe Phù Đổng cấp huyện môn cờ vua",
    "Tiến bộ vượt bậc môn Toán",
    "Giải Ba viết chữ đẹp cấp trường",
    "Tích cực trong hoạt động Đội và phong trào Kế hoạch nhỏ",
]


def _past_classes(school: School, past: SchoolYear, current: SchoolYear) -> list[ClassGroup]:
    """Last year's classes: each class of this year one grade lower, with the same homeroom teacher."""
    rng = random.Random(f"{school.abbreviation}-past-pupils")  # fixed seed: the same pupils on every run
    groups = []
    for group in ClassGroup.objects.filter(school=school, school_year=current).order_by("grade", "name"):
        if group.grade < 2:
            continue
        name = f"{group.grade - 1}{group.name[1:]}"
        past_group, created = ClassGroup.objects.get_or_create(
            school=school,
            school_year=past,
            name=name,
            defaults={"grade": group.grade - 1, "homeroom_teacher": group.homeroom_teacher},
        )
        if created:
            for _ in range(PAST_PUPILS_PER_CLASS):
                gender = rng.choice([Gender.FEMALE, Gender.MALE])
                Pupil.objects.create(
                    school=school, class_group=past_group, full_name=_generated_name(rng, gender), gender=gender
                )
        groups.append(past_group)
    return groups


def seed_demo(*, school: School, stdout=None, today: date | None = None) -> None:
    years = list(SchoolYear.objects.filter(school=school).order_by("-start_date")[:2])
    current = SchoolYear.objects.current(school)
    if len(years) < 2 or current is None or years[0] != current:
        return
    past = years[1]
    proposed = 0
    for group in _past_classes(school, past, current):
        if ClassProposal.objects.filter(class_group=group).exists():
            continue
        # pupils someone else's demo data already proposed are left to it
        taken = Nomination.objects.live().filter(pupil__class_group=group, drive="yearly").values("pupil")
        class_pupils = list(Pupil.objects.filter(class_group=group).exclude(pk__in=taken).order_by("pk"))
        entries = []
        for index, pupil in enumerate(class_pupils):
            if index % 3 == 0:
                entries.append(pupils.Entry(pupil, pupils.reason_text(pupils.PupilReason.EXCELLENT)))
            elif index % 5 == 1:
                detail = ACHIEVEMENTS[index % len(ACHIEVEMENTS)]
                entries.append(pupils.Entry(pupil, pupils.reason_text(pupils.PupilReason.OUTSTANDING, detail)))
        if not entries:
            continue
        pupils.propose_pupils(actor=None, class_group=group, entries=entries, today=past.end_date)
        proposal = ClassProposal.objects.get(class_group=group)
        pupils.check_class_proposal(actor=None, proposal=proposal)
        proposed += len(entries)
    if stdout is not None and proposed:
        stdout.write(f"Khen thưởng học sinh năm học {past}: {proposed} học sinh được đề nghị, danh sách đã kiểm tra.")
