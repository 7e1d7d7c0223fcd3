"""Checking uploaded files by their content (never by name or the browser's word) and by size; the extension a file
is stored under comes from what its content is (``detected_extension``), never from the name the person gave it."""

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
    extension = detected_extension(upload)
    if extension not in allowed:
        names = ", ".join(sorted({TYPE_NAMES.get(ext, ext) for ext in allowed}))
        raise ValidationError(f"Tệp “{upload.name}” không đúng định dạng cho phép ({names}).")
    return extension


def detected_extension(upload) -> str | None:
    """The extension of the type ``upload``'s content is (by its signature: "pdf", "png", "jpg", "xlsx"…), or None
    when unknown. The file position is left at the start."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.extension if kind is not None else None


def stored_extension(name: str, allowed) -> str:
    """The extension of a storage name that code built from a detected type (``f"scan.{extension}"``).

    For ``upload_to`` functions: they receive a name, and must never carry a person's own file name into storage;
    a name whose extension is not one of ``allowed`` (so did not come from detection) raises ValueError.
    """
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in set(allowed):
        raise ValueError(f"Tên lưu “{name}” không do phần mềm đặt theo nội dung tệp.")
    return extension
