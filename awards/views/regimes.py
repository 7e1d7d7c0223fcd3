"""The law by data: the deployment's superuser adds a legal regime by copying the figures of the one in force,
edits them and sets its dates. School years are judged under the regime in force on their last day."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from thiduakhenthuong.organization.models import LegalRegime

from .. import services
from ..forms import ELIGIBILITY_FIELDSETS, EligibilityRulesForm, RegimeCopyForm, RegimeForm, TitleRuleFormSet
from ..models import TitleRule
from ..permissions import can_edit_law


def law_editor_required(view):
    """The pages of the law's figures: the deployment's superuser only (403 for everyone of a school)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_edit_law(request.user):
            raise PermissionDenied("Chỉ quản trị hệ thống của toàn bộ triển khai mới sửa chế độ pháp lý.")
        return view(request, *args, **kwargs)

    return wrapper


def _in_force_today() -> LegalRegime | None:
    try:
        return LegalRegime.in_force_on(timezone.localdate())
    except LookupError:
        return None


@law_editor_required
def regime_list(request):
    regimes = LegalRegime.objects.select_related("eligibility_rules").order_by("-effective_from")
    return render(request, "awards/regime_list.html", {"regimes": regimes, "in_force": _in_force_today()})


@law_editor_required
def regime_copy(request):
    form = RegimeCopyForm(request.POST or None, in_force=_in_force_today())
    if request.method == "POST" and form.is_valid():
        try:
            regime = services.copy_regime(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, ValidationError(error.messages))
        else:
            messages.success(request, f"Đã thêm “{regime}” với số liệu sao chép từ “{form.cleaned_data['source']}”.")
            return redirect("awards:regime_edit", pk=regime.pk)
    return render(
        request,
        "awards/simple_form.html",
        {"form": form, "title": "Thêm chế độ pháp lý (sao chép chế độ đang áp dụng)", "back": "awards:regime_list"},
    )


@law_editor_required
def regime_edit(request, pk):
    regime = get_object_or_404(LegalRegime.objects.select_related("eligibility_rules"), pk=pk)
    rules = TitleRule.objects.filter(regime=regime).select_related("title").order_by("title__sort_order")
    data = request.POST or None
    regime_form = RegimeForm(data, instance=regime, prefix="regime")
    figures_form = EligibilityRulesForm(data, instance=regime.eligibility_rules, prefix="figures")
    title_forms = TitleRuleFormSet(data, queryset=rules, prefix="titles")
    if request.method == "POST" and all([regime_form.is_valid(), figures_form.is_valid(), title_forms.is_valid()]):
        try:
            services.update_regime(
                actor=request.user,
                regime=regime_form.save(commit=False),
                figures=figures_form.save(commit=False),
                title_rules=[form.instance for form in title_forms.forms],
            )
        except ValidationError as error:
            regime_form.add_error(None, ValidationError(error.messages))
        else:
            messages.success(request, f"Đã lưu “{regime}”.")
            return redirect("awards:regime_edit", pk=regime.pk)
    groups = [(label, [figures_form[name] for name in group["fields"]]) for label, group in ELIGIBILITY_FIELDSETS]
    return render(
        request,
        "awards/regime_edit.html",
        {
            "regime": regime,
            "regime_form": regime_form,
            "figures_form": figures_form,
            "groups": groups,
            "title_forms": title_forms,
        },
    )
