"""Text helpers shared by every app."""

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics, so that "thi dua" matches "Thi đua".

    Stored beside searchable columns, it gives the same accent-insensitive search on SQLite and PostgreSQL.
    """
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
