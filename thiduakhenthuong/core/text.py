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


# Vietnamese order (TCVN 5712, CLDR "vi"): a ă â b c d đ e ê … o ô ơ … u ư … y, letters outside the Vietnamese
# alphabet (f j w z) where the Latin alphabet puts them; digits before letters.
_ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
#: Each letter as two ASCII digits: a key made only of digits sorts the same under every database collation
#: (SQLite's binary comparison, PostgreSQL's C, en_US or ICU collations), so no per-database collation is needed.
_CODE = {letter: f"{index + 10:02d}" for index, letter in enumerate(_ALPHABET)}
# Combining marks that make a letter of its own (ă â ê ô ơ ư) and the tones, in dictionary order after the toneless
# syllable: huyền, hỏi, ngã, sắc, nặng.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_WORD_BREAK = "01"  # below every letter: "An" before "Anh", "Thi" before "Thi Hồng"
_LEVEL_BREAK = "00"  # ends the letters of a part, before its tones; below the word break
_PART_BREAK = "0"  # between the given name and the rest: "0" then a digit pair stays below every letter pair


def _part_key(words: list[str]) -> str:
    letters, tones = [], []
    for word in words:
        codes, tone = [], "0"
        for char in unicodedata.normalize("NFD", word.lower()):
            if char in _TONES:
                tone = _TONES[char]
            elif char in _LETTER_MARKS and codes:
                base = unicodedata.normalize("NFC", codes.pop() + char)
                codes.append(base if base in _CODE else base[0])
            elif char == "đ" or char.isascii() and char.isalnum():
                codes.append(char)
            elif unicodedata.category(char) != "Mn":
                folded = fold(char)
                codes.extend(c for c in folded if c in _CODE)
        if codes:
            letters.append("".join(_CODE[c] for c in codes))
            tones.append(tone)
    return _WORD_BREAK.join(letters) + _LEVEL_BREAK + "".join(tones)


def sort_key(full_name: str) -> str:
    """The key that lists people as Vietnamese schools do: by given name (the last word), then the rest.

    Within each part, letters in the Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ … u ư … y), case ignored;
    for the same letters, tones in dictionary order (không dấu, huyền, hỏi, ngã, sắc, nặng): "Ánh" after "Anh",
    "Đức" after "Dung" and before "Em". The key is ASCII digits only, so ordering by a column that stores it gives
    the same order on SQLite and PostgreSQL whatever the database's collation.
    """
    words = (full_name or "").split()
    if not words:
        return ""
    return _part_key(words[-1:]) + _PART_BREAK + _part_key(words[:-1])
