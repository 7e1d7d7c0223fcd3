"""Forms of the exemplars pages: input and layout only (the services keep the rules)."""

from django import forms

from awards.forms import MultipleFileField
from awards.models import Title
from thiduakhenthuong.core.input import DateInput, Form, IdChoiceField, ModelForm
from thiduakhenthuong.organization.models import OtherRelation, Pupil, SchoolYear, Staff

from .images import MAX_IMAGE_BYTES, MAX_IMAGES_PER_DEED
from .models import ContestEntry, ContestRound

IMAGE_HELP = (
    f"Ảnh JPEG, PNG hoặc WebP, tối đa {MAX_IMAGES_PER_DEED} ảnh, mỗi ảnh đến {MAX_IMAGE_BYTES // (1024 * 1024)} MB. "
    "Ảnh được thu nhỏ và xoá thông tin vị trí, thiết bị."
)


class PupilChoiceField(IdChoiceField):
    def label_from_instance(self, pupil):
        return f"{pupil.class_group} – {pupil.full_name}"


class PersonKind(forms.ChoiceField):
    CHOICES = [("pupil", "Học sinh"), ("staff", "Cán bộ, giáo viên, nhân viên"), ("other", "Phụ huynh, người khác")]

    def __init__(self, **kwargs):
        super().__init__(choices=self.CHOICES, widget=forms.RadioSelect, **kwargs)


class DeedFields(Form):
    title = forms.CharField(
        label="Việc tốt", max_length=200, help_text="Ví dụ: Nhặt được ví tiền, trả lại người đánh rơi."
    )
    description = forms.CharField(label="Diễn biến", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    occurred_on = forms.DateField(label="Ngày", widget=DateInput())
    place = forms.CharField(label="Nơi", max_length=200, required=False)
    full_name_consent = forms.BooleanField(
        label="Đồng ý công khai họ tên đầy đủ",
        required=False,
        help_text="Với học sinh: cha mẹ đã đồng ý. Không chọn thì trang công khai chỉ ghi tên và lớp.",
    )
    images = MultipleFileField(
        label="Ảnh minh chứng",
        required=False,
        help_text=IMAGE_HELP,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["images"].widget.attrs.update({"accept": "image/jpeg,image/png,image/webp"})

    def clean_images(self):
        files = self.cleaned_data["images"]
        if len(files) > MAX_IMAGES_PER_DEED:
            raise forms.ValidationError(f"Tối đa {MAX_IMAGES_PER_DEED} ảnh.")
        return files


class DeedReportForm(DeedFields):
    """Who did the good deed (a pupil of this year's classes, a staff member, or another person), then the deed."""

    kind = PersonKind(label="Người làm việc tốt", initial="pupil")
    pupil = PupilChoiceField(label="Học sinh", queryset=Pupil.objects.none(), required=False)
    staff = IdChoiceField(label="Cán bộ, giáo viên, nhân viên", queryset=Staff.objects.none(), required=False)
    other_name = forms.CharField(label="Họ và tên", max_length=100, required=False)
    other_relation = forms.ChoiceField(label="Là", choices=OtherRelation.choices, required=False)
    other_description = forms.CharField(
        label="Ghi rõ", max_length=200, required=False, help_text="Ví dụ: phụ huynh em Nguyễn Văn An, lớp 3A."
    )

    field_order = ["kind", "pupil", "staff", "other_name", "other_relation", "other_description"]

    def __init__(self, *args, school, year: SchoolYear | None, **kwargs):
        super().__init__(*args, **kwargs)
        pupils = Pupil.objects.filter(school=school).select_related("class_group")
        self.fields["pupil"].queryset = pupils.filter(class_group__school_year=year) if year else pupils.none()
        self.fields["staff"].queryset = Staff.objects.filter(school=school).active().order_by("sort_name", "pk")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == "pupil" and not data.get("pupil"):
            self.add_error("pupil", "Hãy chọn học sinh.")
        elif kind == "staff" and not data.get("staff"):
            self.add_error("staff", "Hãy chọn cán bộ, giáo viên, nhân viên.")
        elif kind == "other":
            if not (data.get("other_name") or "").strip():
                self.add_error("other_name", "Hãy ghi họ và tên.")
            if not data.get("other_relation"):
                self.add_error("other_relation", "Hãy chọn quan hệ với nhà trường.")
        return data


class DeedEditForm(DeedFields):
    pass


class ReasonForm(Form):
    reason = forms.CharField(label="Lý do", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class CommendForm(Form):
    title = IdChoiceField(label="Hình thức khen thưởng", queryset=Title.objects.none())
    achievements = forms.CharField(
        label="Thành tích ghi trong quyết định", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, titles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = titles
        self.fields["title"].label_from_instance = lambda title: title.name
        if not self.is_bound:
            self.fields["title"].initial = titles.filter(code="GK").values_list("pk", flat=True).first()


class SearchForm(Form):
    q = forms.CharField(label="Tìm", max_length=100, required=False)


class RoundForm(ModelForm):
    class Meta:
        model = ContestRound
        fields = ["name", "organiser", "opens_on", "closes_on", "send_by"]
        widgets = {name: DateInput() for name in ["opens_on", "closes_on", "send_by"]}


class EntryForm(ModelForm):
    attachments = MultipleFileField(
        label="Tệp đính kèm", required=False, help_text="PDF, Word, JPEG hoặc PNG; mỗi tệp tối đa 10 MB."
    )

    class Meta:
        model = ContestEntry
        fields = ["title", "subject_name", "subject_detail", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 14})}
