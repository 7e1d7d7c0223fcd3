"""What the school's decision (QĐ) and its submission upward (TTr) print: their attached list (no., name, position,
team or class, title or form, amount), the reward money on the decision's date, the grounds, the articles, and
the minutes of the council found in the documents register. Plain values, frozen into the document's ``content``
when it is numbered, so a printed paper never changes afterwards.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from thiduakhenthuong.core.text import fold
from thiduakhenthuong.documents.models import DocumentStatus, DocumentType, OfficialDocument
from thiduakhenthuong.organization.models import Authority, AuthorityLevel, SchoolYear

from .models import DriveKind, Nomination, TitleRule
from .money import format_vnd

#: Recipients in a list: staff by team, then teams, then pupils by class, then classes, then others.
RECIPIENT_ORDER = {"staff": 0, "team": 1, "pupil": 2, "class_group": 3, "other_person": 4}


@dataclass(frozen=True)
class ListRow:
    name: str
    position: str
    unit: str
    title: str
    amount: int | None

    def as_dict(self, number: int) -> dict:
        return {
            "no": number,
            "name": self.name,
            "position": self.position,
            "unit": self.unit,
            "title": self.title,
            "amount": self.amount,
            "amount_text": format_vnd(self.amount) if self.amount else "",
        }


def position_and_unit(nomination: Nomination) -> tuple[str, str]:
    """The recipient's position and team or class, as the attached list prints them (either may be empty)."""
    field = nomination.recipient_field
    if field == "staff":
        staff = nomination.staff
        return staff.position, staff.team.name if staff.team_id else ""
    if field == "team":
        return "Tập thể", nomination.team.name
    if field == "pupil":
        return "Học sinh", f"Lớp {nomination.pupil.class_group.name}"
    if field == "class_group":
        return "Tập thể học sinh", f"Lớp {nomination.class_group.name}"
    return nomination.other_person.relation_text, ""


def _sort_key(nomination: Nomination):
    field = nomination.recipient_field
    unit = position_and_unit(nomination)[1]
    return (nomination.title.sort_order, RECIPIENT_ORDER[field], unit, str(nomination.recipient), nomination.pk)


def paper_groups(chosen: Sequence[Nomination]) -> list[list[Nomination]]:
    """How approved nominations of one conferring level go into papers, the school's QĐ and each TTr upward alike:
    the year's together in one paper, and each ad-hoc commendation (khen thưởng đột xuất, proposed through
    ``propose_ad_hoc_commendation``) in a paper of its own for its act, sent when it happens and never mixed into
    the year's. The yearly group first."""
    yearly = [n for n in chosen if n.drive != DriveKind.AD_HOC]
    return ([yearly] if yearly else []) + [[n] for n in chosen if n.drive == DriveKind.AD_HOC]


def ad_hoc_of(chosen: Sequence[Nomination]) -> Nomination | None:
    """The ad-hoc commendation a paper decides or proposes, when it is one (a group of ``paper_groups``)."""
    return chosen[0] if len(chosen) == 1 and chosen[0].drive == DriveKind.AD_HOC else None


def rules_of(school_year: SchoolYear) -> dict[int, TitleRule]:
    """The year's title rules by title id (one query): conferring level and reward multiple."""
    regime = school_year.regime
    return {rule.title_id: rule for rule in TitleRule.objects.filter(regime=regime).select_related("regime")}


def list_rows(
    nominations: Sequence[Nomination], *, rules: dict[int, TitleRule], on: date, with_money: bool
) -> list[dict]:
    """The attached list in print order, with each row's reward money in force on ``on`` (rounded up by the
    regime's step) when ``with_money``."""
    rows = []
    for number, nomination in enumerate(sorted(nominations, key=_sort_key), start=1):
        rule = rules.get(nomination.title_id)
        amount = rule.reward_on(on) if (with_money and rule is not None) else None
        position, unit = position_and_unit(nomination)
        rows.append(ListRow(str(nomination.recipient), position, unit, nomination.title.name, amount).as_dict(number))
    return rows


def money_total(rows: Sequence[dict]) -> int:
    return sum(row["amount"] or 0 for row in rows)


def title_counts(nominations: Sequence[Nomination]) -> list[tuple[str, int]]:
    """How many of each title (in the catalog's order), as the body of a decision or submission names them."""
    counts = Counter()
    order = {}
    for nomination in nominations:
        key = f"{nomination.title.name} ({kind_word(nomination)})"
        counts[key] += 1
        order[key] = (nomination.title.sort_order, RECIPIENT_ORDER[nomination.recipient_field])
    return [(key, counts[key]) for key in sorted(counts, key=order.get)]


def kind_word(nomination: Nomination) -> str:
    return {"staff": "cá nhân", "team": "tập thể", "pupil": "học sinh", "class_group": "tập thể học sinh",
            "other_person": "cá nhân"}[nomination.recipient_field]  # fmt: skip


def council_minutes(school_year: SchoolYear) -> list[OfficialDocument]:
    """The emulation council's minutes and tally minutes of the year, read from the documents register (never from
    the council app): the school's numbered BB documents whose ``content`` names the year (``school_year_id``, or
    ``school_year`` as "2025-2026"), the initiative council's left out (its ``council_name`` speaks of "sáng
    kiến"); for papers without such content, those whose text speaks of the council and of the year. Oldest first.
    """
    issued = list(
        OfficialDocument.objects.for_list().filter(
            school=school_year.school,
            doc_type=DocumentType.MINUTES,
            status__in=[DocumentStatus.ISSUED, DocumentStatus.SIGNED],
        )
    )

    def names_year(document) -> bool:
        content = document.content or {}
        return content.get("school_year_id") == school_year.pk or content.get("school_year") == school_year.name

    def emulation(document) -> bool:
        return "sang kien" not in fold(str((document.content or {}).get("council_name", "")))

    found = [d for d in issued if names_year(d) and emulation(d)]
    if not found:
        words = fold(f"nam hoc {school_year.name}")
        found = [d for d in issued if "hoi dong" in d.search_text and words in d.search_text and emulation(d)]
    return sorted(found, key=lambda d: (d.document_date or date.min, d.number or 0))


def authority_for(school_year: SchoolYear, level: str) -> Authority | None:
    return Authority.objects.filter(school=school_year.school, regime=school_year.regime, level=level).first()


def addressee(authority: Authority) -> str:
    """ "Chủ tịch UBND xã Cao Dương": the head of the authority that confers, whom a TTr is sent to (its
    ``Kính gửi``) and whom the papers page names."""
    return f"{authority.head_title} {authority.name}".strip()


@dataclass(frozen=True)
class Upward:
    """Approved nominations waiting for a TTr to the authority of one level, in the groups of ``paper_groups``."""

    level: str
    authority: Authority | None
    groups: list[list[Nomination]]

    @property
    def to(self) -> str:
        """Whom the TTr goes to (``addressee``, as the TTr names it), or the level and that the school's list of
        authorities lacks it (no TTr can be drafted then)."""
        if self.authority is None:
            return f"{AuthorityLevel(self.level).label} (chưa có cơ quan trong danh sách)"
        return addressee(self.authority)


def upward(school_year: SchoolYear, by_level: dict[str, list[Nomination]]) -> list[Upward]:
    """What waits to go upward (``split_approved``'s second part), level by level."""
    return [
        Upward(level, authority_for(school_year, level), paper_groups(rows)) for level, rows in sorted(by_level.items())
    ]


def grounds(
    school_year: SchoolYear, *, pupils: bool, minutes: Sequence[OfficialDocument], considering: str = ""
) -> str:
    """The QĐ's legal grounds: the law and decree of the year's regime, the pupils' circular, the council's minutes,
    and what is considered (by default the council's proposal; an ad-hoc commendation names its own act)."""
    regime = school_year.regime
    lines = [f"Căn cứ {regime.law_name}", f"Căn cứ {regime.decree_name}"]
    if pupils:
        lines.append(
            "Căn cứ Thông tư số 27/2020/TT-BGDĐT ngày 04 tháng 9 năm 2020 của Bộ Giáo dục và Đào tạo ban hành Quy "
            "định đánh giá học sinh tiểu học"
        )
    for document in minutes:
        lines.append(
            f"Căn cứ Biên bản số {document.symbol} ngày {document.document_date:%d/%m/%Y} ({document.summary})"
        )
    lines.append(considering or f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng trường năm học {school_year.name}")
    return "\n".join(lines)
