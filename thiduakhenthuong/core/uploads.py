"""Checking uploaded files by their content (never by name or the browser's word) and by size."""

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

#: Human names of the types, for the error message.
TYPE_NAMES = {"pdf": "PDF", "docx": "Word", "doc": "Word", "jpg": "JPEG", "png": "PNG", "xlsx": "Excel (.xlsx)"}


def check_upload(upload, *, allowed: set[str], max_bytes: int) -> str:
    """Return the detected extension of ``upload`` when its content is one of ``allowed`` and it fits.

    Raises ``ValidationError`` in Vietnamese otherwise. The file position is left at the start.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            f"Tệp “{upload.name}” dung lượng {filesizeformat(upload.size)}, "
            f"vượt mức cho phép {filesizeformat(max_bytes)}."
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in allowed:
        names = ", ".join(sorted({TYPE_NAMES.get(ext, ext) for ext in allowed}))
        raise ValidationError(f"Tệp “{upload.name}” không đúng định dạng cho phép ({names}).")
    return kind.extension
