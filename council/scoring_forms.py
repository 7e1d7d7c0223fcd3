"""Forms of the scoring pages: a member's sheet, a rubric and its criteria, the initiative council's decision."""

from django import forms

from thiduakhenthuong.core.input import DateInput, Form


class SheetForm(Form):
    """One whole-number field per criterion of the sheet's rubric (0..max), blank allowed for a draft."""

    def __init__(self, *args, criteria, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=criterion.label,
                min_value=0,
                max_value=criterion.max_points,
                required=False,
                disabled=disabled,
                error_messages={
                    "max_value": "Điểm tối đa của tiêu chí này là %(limit_value)s.",
                    "min_value": "Điểm không được âm.",
                    "invalid": "Ghi điểm bằng số nguyên.",
                },
                widget=forms.NumberInput(
                    attrs={"inputmode": "numeric", "min": 0, "max": criterion.max_points, "class": "score-input"}
                ),
            )

    def points(self) -> dict[int, int | None]:
        return {criterion.pk: self.cleaned_data.get(f"c{criterion.pk}") for criterion in self.criteria}


class RubricForm(Form):
    name = forms.CharField(label="Tên bộ tiêu chí", max_length=200)
    pass_points = forms.IntegerField(
        label="Điểm đạt (sáng kiến)",
        min_value=0,
        max_value=1000,
        required=False,
        help_text="Sáng kiến được công nhận khi điểm bình quân đạt từ mức này. Để trống với danh hiệu.",
    )


class CriterionForm(Form):
    label = forms.CharField(label="Tiêu chí", max_length=300, required=False)
    max_points = forms.IntegerField(label="Điểm tối đa", min_value=1, max_value=1000, required=False)

    def clean(self):
        data = super().clean()
        if data.get("label", "").strip() and not data.get("max_points"):
            self.add_error("max_points", "Ghi điểm tối đa của tiêu chí.")
        return data


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, max_num=30, absolute_max=30)


class CloseScoringForm(Form):
    """The recognising decision of an initiative council's result (number and date of the QĐ công nhận)."""

    decision_number = forms.CharField(label="Số quyết định công nhận sáng kiến", max_length=50, required=False)
    decision_date = forms.DateField(label="Ngày quyết định", required=False, widget=DateInput())
