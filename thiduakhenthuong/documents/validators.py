"""Checks on uploaded files, by content and size (the signed scans of documents)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from thiduakhenthuong.core.uploads import detected_extension


def validate_scan_upload(uploaded_file) -> str:
    """Return the extension ("pdf", "jpg", "png") of an acceptable signed scan, or raise a Vietnamese ValidationError.

    The type is read from the file's content (``core.uploads.detected_extension``), never from its name or the
    browser's content type; the size cap and the allowed types are the settings DOCUMENT_SCAN_MAX_BYTES and
    DOCUMENT_SCAN_ALLOWED_TYPES.
    """
    max_bytes = settings.DOCUMENT_SCAN_MAX_BYTES
    size = uploaded_file.size
    if not size:
        raise ValidationError("Tệp tải lên rỗng.")
    if size > max_bytes:
        raise ValidationError(
            f"Tệp quá lớn ({filesizeformat(size)}); dung lượng tối đa là {filesizeformat(max_bytes)}."
        )
    extension = detected_extension(uploaded_file)
    allowed = set(settings.DOCUMENT_SCAN_ALLOWED_TYPES.values())
    if extension not in allowed:
        names = ", ".join(sorted(extension.upper() for extension in allowed))
        raise ValidationError(f"Bản ký phải là tệp {names} (kiểm tra theo nội dung tệp).")
    return extension
