"""The Django admin keeps to its place: the deployment's superuser sees everything, a school's administrator only
their own school.

Two kinds of account open the admin:

- the deployment's superuser (the district or commune level; ``sieuquantri`` in the demo), a Django superuser with
  no school, who keeps the data every school shares (legal regimes, the catalog, law figures) and every school's rows;
- a school's "Quản trị hệ thống" (``Role.ADMINISTRATOR``), never a superuser, who keeps their school's setup data.

Every ModelAdmin of a school-owned model mixes in ``SchoolScopedAdmin``: its queryset, its foreign-key choices and
its object pages are limited to the administrator's school (another school's object is a 404), and what the
administrator may do is decided by ``school_admin_can``. Models the schools share use ``SharedDataAdmin``: a school's
administrator reads them, only the superuser changes them. Admins without either mixin (accounts, groups, the audit
log, the login lockouts) stay the superuser's, through Django's own permission checks (no school account holds
model permissions).
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import Http404

from thiduakhenthuong.core.input import HardenedFormMixin
from thiduakhenthuong.organization.models import School
from thiduakhenthuong.organization.permissions import administers_school, load_staff


def is_superuser(request) -> bool:
    return request.user.is_active and request.user.is_superuser


def administered_school(request) -> School | None:
    """The school whose administrator is signed in, or None (a superuser, or someone without the role)."""
    staff = getattr(request, "staff", None)
    return staff.school if request.user.is_active and administers_school(staff) else None


def enters_admin(request) -> bool:
    """The deployment's superuser and a school's administrator use the admin; nobody else."""
    return is_superuser(request) or administered_school(request) is not None


class SchoolAdminAuthenticationForm(HardenedFormMixin, AdminAuthenticationForm):
    """The admin's sign-in accepts the superuser and school administrators (not Django's ``is_staff`` flag)."""

    def confirm_login_allowed(self, user):
        super(AdminAuthenticationForm, self).confirm_login_allowed(user)  # active accounts only
        if not (user.is_superuser or administers_school(load_staff(user))):
            raise ValidationError(
                "Tài khoản này không có quyền vào trang quản trị.",
                code="invalid_login",
            )


#: The form classes a ModelAdmin (or an inline) builds its pages from; each is hardened when registered.
_ADMIN_FORM_ATTRIBUTES = ("form", "add_form", "change_password_form")


def hardened_form(form_class):
    """``form_class`` with the project's hardened cleaning (``core.input.HardenedFormMixin``) mixed in, once."""
    if form_class is None or issubclass(form_class, HardenedFormMixin):
        return form_class
    return type(form_class.__name__, (HardenedFormMixin, form_class), {"__module__": form_class.__module__})


class SchoolAdminSite(admin.AdminSite):
    """The admin site: entered by role (``enters_admin``); every form it shows is hardened like the app's own.

    ``register`` gives every ModelAdmin and inline (the project's, Django's accounts and groups, the lockouts')
    forms built on ``HardenedFormMixin``: NUL bytes, lone surrogates and control characters, ids that are not ids and
    integers beyond 64 bits are refused with Vietnamese messages instead of reaching the database (a 500).
    """

    site_header = "Thi đua – Khen thưởng: quản trị"
    site_title = "Thi đua – Khen thưởng"
    login_form = SchoolAdminAuthenticationForm

    def has_permission(self, request):
        return enters_admin(request)

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, admin_class, **options)
        for model_admin in self._registry.values():
            for attribute in _ADMIN_FORM_ATTRIBUTES:
                if hasattr(model_admin, attribute):
                    setattr(model_admin, attribute, hardened_form(getattr(model_admin, attribute)))
            for inline in getattr(model_admin, "inlines", ()):
                inline.form = hardened_form(inline.form)


def _school_of(obj, path: str):
    """The id of the school ``obj`` belongs to, following ``path`` (``"pk"`` for a School itself)."""
    if path == "pk":
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
    return getattr(obj, f"{last}_id")


def school_path(model) -> str | None:
    """How a model reaches its school: ``"pk"`` for School, ``"school"`` for a school-owned model, None if shared."""
    if model is School:
        return "pk"
    if any(field.name == "school" and field.related_model is School for field in model._meta.fields):
        return "school"
    return None


class SchoolScopedAdmin:
    """ModelAdmin and inline mixin for a school-owned model (the one place where the admin is scoped).

    ``school_admin_can``: the actions (``view``, ``add``, ``change``, ``delete``) a school's administrator may take
    on rows of their own school; deleting is left out by default (history must outlive people and years).
    """

    school_admin_can = frozenset({"view", "add", "change"})

    def _may(self, request, action: str, obj=None) -> bool:
        school = administered_school(request)
        if school is None or action not in self.school_admin_can:
            return False
        # an inline is asked about its parent row, hence the path of the object's own model
        return obj is None or _school_of(obj, school_path(type(obj))) == school.pk

    def has_module_permission(self, request):
        return is_superuser(request) or self._may(request, "view")

    def has_view_permission(self, request, obj=None):
        if is_superuser(request):
            return super().has_view_permission(request, obj)
        return self._may(request, "view", obj) or self._may(request, "change", obj)

    def has_add_permission(self, request, *args):
        if is_superuser(request):
            return super().has_add_permission(request, *args)
        return self._may(request, "add")

    def has_change_permission(self, request, obj=None):
        if is_superuser(request):
            return super().has_change_permission(request, obj)
        return self._may(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        if is_superuser(request):
            return super().has_delete_permission(request, obj)
        return self._may(request, "delete", obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_superuser(request):
            return queryset
        school = administered_school(request)
        if school is None:
            return queryset.none()
        return queryset.filter(**{school_path(self.model): school.pk})

    def get_object(self, request, object_id, from_field=None):
        """Another school's object (outside the queryset) or a missing one: 404, not the admin's redirect."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("Không tìm thấy bản ghi này.")
        return obj

    def _scoped_choices(self, request, db_field, kwargs):
        school = None if is_superuser(request) else administered_school(request)
        path = school_path(db_field.related_model)
        if school is not None and path is not None:
            queryset = kwargs.get("queryset") or db_field.related_model._default_manager.all()
            kwargs["queryset"] = queryset.filter(**{path: school.pk})
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._scoped_choices(request, db_field, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._scoped_choices(request, db_field, kwargs))

    def get_list_filter(self, request):
        """A school's administrator is not offered a filter listing every school."""
        filters = super().get_list_filter(request)
        if is_superuser(request):
            return filters
        return [entry for entry in filters if entry != "school"]


class SharedDataAdmin:
    """ModelAdmin and inline mixin for data every school shares (legal regimes, the catalog, law figures).

    A school's administrator reads it; only the deployment's superuser changes it.
    """

    def has_module_permission(self, request):
        return is_superuser(request) or administered_school(request) is not None

    def has_view_permission(self, request, obj=None):
        if is_superuser(request):
            return super().has_view_permission(request, obj)
        return administered_school(request) is not None

    def has_add_permission(self, request, *args):
        return is_superuser(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_superuser(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_superuser(request) and super().has_delete_permission(request, obj)
