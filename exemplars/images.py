"""Evidence photos: checked by content, size-capped, re-encoded as JPEG, stripped of every metadata block.

A phone's photo carries EXIF with the place it was taken (GPS), the device and the time: none of it may reach the
public page. The upload is recognised by its bytes (``core.uploads.check_upload``: JPEG, PNG or WebP, never by its
name), refused above ``MAX_IMAGE_BYTES`` or ``MAX_PIXELS`` (a decompression bomb is refused before it is decoded),
turned upright by its EXIF orientation, scaled to at most ``MAX_SIDE`` pixels and written anew as a JPEG with no
EXIF, XMP or ICC block: only the pixels survive.
"""

from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps

from thiduakhenthuong.core.uploads import check_upload

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600
MAX_IMAGES_PER_DEED = 4
IMAGE_TYPES = {"jpg", "png", "webp"}
JPEG_QUALITY = 80


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    width: int
    height: int


def clean_image(upload) -> CleanImage:
    """The photo in ``upload`` re-encoded as a metadata-free JPEG; a Vietnamese ``ValidationError`` otherwise."""
    check_upload(upload, allowed=IMAGE_TYPES, max_bytes=MAX_IMAGE_BYTES)
    refused = ValidationError(f"Tệp “{upload.name}” không phải ảnh đọc được (JPEG, PNG hoặc WebP).")
    try:
        upload.seek(0)
        with Image.open(upload) as opened:
            if opened.format not in {"JPEG", "PNG", "WEBP"}:
                raise refused
            if opened.width * opened.height > MAX_PIXELS:
                raise ValidationError(
                    f"Ảnh “{upload.name}” quá lớn ({opened.width}×{opened.height} điểm ảnh): hãy chụp lại hoặc thu nhỏ."
                )
            opened.load()
            picture = ImageOps.exif_transpose(opened)  # upright as seen, before the orientation tag is dropped
            if picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info):
                rgba = picture.convert("RGBA")
                picture = Image.new("RGB", rgba.size, "white")
                picture.paste(rgba, mask=rgba.getchannel("A"))
            picture = picture.convert("RGB")
            picture.thumbnail((MAX_SIDE, MAX_SIDE))
            # a new image holds pixels only; nothing of ``info`` (exif, xmp, icc_profile, comments) is passed on
            bare = Image.new("RGB", picture.size)
            bare.paste(picture)
            out = BytesIO()
            bare.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError, EOFError):
        raise refused from None
    finally:
        upload.seek(0)
    return CleanImage(out.getvalue(), bare.width, bare.height)
