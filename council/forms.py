"""Input of the council's pages (layout in the templates; rules in the models and services)."""

from datetime import date, datetime, time

from django import forms
from django.utils import timezone

from thiduakhenthuong.core.input import DateInput, Form, TimeInput
from thiduakhenthuong.organization.models import SchoolYear, Staff

from .models import CouncilKind, CouncilMember, MemberRole


class CouncilCreateForm(Form):
    school_year = forms.ModelChoiceField(label="Năm học", queryset=SchoolYear.objects.none())
    kind = forms.ChoiceField(label="Loại hội đồng", choices=CouncilKind.choices)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        years = SchoolYear.objects.filter(school=school)
        self.fields["school_year"].queryset = years
        if not self.is_bound:  # a council is set up for the year under way, the one the school marked current
            self.fields["school_year"].initial = years.filter(is_current=True).values_list("pk", flat=True).first()


class CouncilSettingsForm(Form):
    name = forms.CharField(label="Tên hội đồng", max_length=200)
    quorum_numerator = forms.IntegerField(label="Có mặt tối thiểu: tử số", min_value=1, max_value=100)
    quorum_denominator = forms.IntegerField(label="mẫu số", min_value=1, max_value=100)
    recuse_own_team = forms.BooleanField(label="Thành viên không chấm điểm đề nghị của tổ mình", required=False)


class MemberAddForm(Form):
    staff = forms.ModelChoiceField(label="Cán bộ", queryset=Staff.objects.none())
    role = forms.ChoiceField(label="Nhiệm vụ trong hội đồng", choices=MemberRole.choices, initial=MemberRole.MEMBER)
    position = forms.CharField(label="Chức vụ trong trường", max_length=150, required=False,
                               help_text="Để trống: chức vụ trong hồ sơ cán bộ.")  # fmt: skip

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        seated = council.members.values_list("staff_id", flat=True)
        self.fields["staff"].queryset = (
            Staff.objects.filter(school=council.school_id).active().exclude(pk__in=seated).order_by("sort_name")
        )


class MemberRemoveForm(Form):
    member = forms.ModelChoiceField(label="Thành viên", queryset=CouncilMember.objects.none())

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = council.members.all()


class ReasonForm(Form):
    reason = forms.CharField(label="Lý do", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(Form):
    held_on = forms.DateField(label="Ngày họp", widget=DateInput())
    planned_time = forms.TimeField(label="Giờ họp", required=False, widget=TimeInput())
    place = forms.CharField(label="Địa điểm", max_length=200)

    @classmethod
    def proposal(cls, school_year: SchoolYear, *, today: date) -> "MeetingForm":
        """The meeting a school plans: today while the year runs (its first or last day outside it), at two in the
        afternoon (when a school's meetings are called, after the morning's lessons), in the council's room."""
        return cls(initial={"held_on": school_year.nearest_day(today), "planned_time": time(14, 0),
                            "place": "Phòng họp Hội đồng"})  # fmt: skip


class StepTimeForm(Form):
    """When a step of the meeting the minutes print with its time (khai mạc, the ballot's opening and closing, bế
    mạc) really happened, once the meeting's day has passed: "Giờ" on that day (``day``), as an aware datetime in
    ``cleaned_data["at"]``. Left empty on the meeting's own day: the step records now."""

    at = forms.TimeField(label="Giờ", required=False, widget=TimeInput())

    def __init__(self, *args, day: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.day = day

    def clean_at(self) -> datetime | None:
        at = self.cleaned_data["at"]
        return None if at is None else timezone.make_aware(datetime.combine(self.day, at))


class ProceedingsForm(Form):
    proceedings = forms.CharField(label="Diễn biến, ý kiến thảo luận", required=False, max_length=20000,
                                  widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip


class AttendanceForm(Form):
    """One checkbox per member (present), with the absent members' reasons and written opinions."""

    def __init__(self, *args, members, attendance, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        known = {row.member_id: row for row in attendance}
        for member in members:
            row = known.get(member.pk)
            self.fields[f"present_{member.pk}"] = forms.BooleanField(
                label=member.staff.full_name, required=False, initial=row.present if row else True
            )
            self.fields[f"reason_{member.pk}"] = forms.CharField(
                label="Lý do vắng", required=False, max_length=200, initial=row.absence_reason if row else ""
            )
            self.fields[f"opinion_{member.pk}"] = forms.CharField(
                label="Ý kiến bằng văn bản", required=False, max_length=5000,
                initial=row.written_opinion if row else "", widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    def rows(self):
        return [(m, self[f"present_{m.pk}"], self[f"reason_{m.pk}"], self[f"opinion_{m.pk}"]) for m in self.members]


class PaperForm(Form):
    """The ballot paper: agree or disagree for every agenda item (required: a paper answers every nominee)."""

    CHOICES = [("agree", "Đồng ý"), ("disagree", "Không đồng ý")]

    def __init__(self, *args, items, **kwargs):
        """``items``: the agenda items in order. A paper is checked against their ids alone; the nominees' names
        (``subject_label``, each item's legend in the templates) are read only where ``rows`` shows them."""
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                choices=self.CHOICES, widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                error_messages={"required": "Hãy chọn đồng ý hoặc không đồng ý."},
            )  # fmt: skip

    def choices(self) -> dict[int, bool]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] == "agree" for item in self.items}

    def rows(self):
        return [(item, self[f"item_{item.pk}"]) for item in self.items]


class WrittenOpinionForm(PaperForm):
    member = forms.ModelChoiceField(label="Thành viên vắng mặt", queryset=CouncilMember.objects.none())
    opinion = forms.CharField(label="Ý kiến bằng văn bản", required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, absent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = absent
