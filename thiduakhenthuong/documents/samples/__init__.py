"""The reference school's real plan (Số 23/KH-THCD, 30/01/2023), as a source of realistic document text.

``ke-hoach-thi-dua-khen-thuong-2023.txt`` is a copy of the shared seed, shipped so that the benchmark and the PDF
tests run in a clean checkout. ``reference_plan()`` splits it into the fields of an OfficialDocument.
"""

import re
from pathlib import Path

SEED = Path(__file__).with_name("ke-hoach-thi-dua-khen-thuong-2023.txt")
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


def reference_plan() -> dict:
    """Fields for ``services.create_draft`` (and ``register_historical(number=23, issued_on=30/01/2023)``)."""
    text = _BOOKMARK.sub("", SEED.read_text(encoding="utf-8"))
    body = text[text.index("Căn cứ Kế hoạch số 51") : text.index("Nơi nhận:")]
    return {
        "doc_type": "KH",
        "summary": "Công tác Thi đua - Khen thưởng năm 2023",
        "body": body.strip(),
        "signer_authority": "Hiệu trưởng",
        "recipients": "Phòng GDĐT (để b/c);\nCác tổ CM (để t/h);",
        "archive_note": "VT (Ánh 02)",
    }
