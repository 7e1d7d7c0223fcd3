"""Saving a row whose uniqueness the database guards, so that a race answers like the check that lost it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

#: When the conflicting row cannot be found again (it was removed meanwhile): the person simply tries again.
RACE_LOST = "Dữ liệu vừa được người khác thay đổi cùng lúc: hãy tải lại trang và thử lại."


def save_validated(obj: models.Model, **save_kwargs) -> models.Model:
    """``full_clean()`` then ``save()`` in a savepoint; a unique-constraint race becomes a ValidationError.

    Two requests (a double click, two people) can both pass ``full_clean`` before either saves; the database's
    constraint lets one through and refuses the other. The refused one is checked again (``full_clean``, now that the
    other row exists), so it raises the very message the first-come check gives (e.g. "Năm học … đã có"), and the
    enclosing transaction stays usable. The constraint remains the guard; this only words its answer.
    """
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save(**save_kwargs)
    except IntegrityError as error:
        try:
            obj.full_clean()
        except ValidationError as explained:
            raise explained from error
        raise ValidationError(RACE_LOST) from error
    return obj
