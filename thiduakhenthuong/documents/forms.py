from django import forms

from thiduakhenthuong.core.input import DateInput, Form, ModelForm
from thiduakhenthuong.organization.models import Staff

from .models import DocumentStatus, DocumentType, OfficialDocument
from .permissions import SIMPLE_TYPES
from .validators import validate_scan_upload


class DocumentFilterForm(Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=100, help_text="Số, trích yếu, người ký…")
    doc_type = forms.ChoiceField(label="Loại", required=False, choices=[("", "Tất cả các loại"), *DocumentType.choices])
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả trạng thái"), *DocumentStatus.choices]
    )

    def __init__(self, *args, years, show_status: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Tất cả các năm"), *((year, str(year)) for year in years)]
        if not show_status:
            del self.fields["status"]


class DocumentForm(ModelForm):
    """A simple document (thông báo, công văn, báo cáo) typed in full by the user."""

    class Meta:
        model = OfficialDocument
        fields = [
            "doc_type",
            "drafting_unit",
            "summary",
            "document_date",
            "addressees",
            "grounds",
            "body",
            "signer",
            "signer_capacity",
            "signer_authority",
            "signer_position",
            "recipients",
            "archive_note",
        ]
        widgets = {
            "document_date": DateInput(),
            "addressees": forms.Textarea(attrs={"rows": 2}),
            "grounds": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"document_date": "Để trống: ngày cấp số."}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].choices = [(t.value, t.label) for t in SIMPLE_TYPES]
        self.fields["signer"].queryset = Staff.objects.filter(school=school).active()
        self.fields["signer"].help_text = "Họ tên và chức danh in ở khối chữ ký được lấy từ hồ sơ khi để trống."


class IssueForm(Form):
    issued_on = forms.DateField(
        label="Ngày văn bản",
        required=False,
        widget=DateInput(),
        help_text="Để trống: ngày ghi trên dự thảo, hoặc hôm nay.",
    )


class ScanForm(Form):
    scan = forms.FileField(label="Bản ký đã đóng dấu (PDF, JPEG hoặc PNG)")

    def clean_scan(self):
        scan = self.cleaned_data["scan"]
        validate_scan_upload(scan)
        return scan


class CancelForm(Form):
    reason = forms.CharField(label="Lý do huỷ", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
