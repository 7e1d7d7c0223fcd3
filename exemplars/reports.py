"""What the printed papers of the exemplars app say: the yearly report's figures and lists (frozen as JSON in the
BC's ``content``), and the list of contest entries sent to the higher office."""

from collections import Counter

from awards.models import DriveKind, Nomination, NominationStatus
from thiduakhenthuong.organization.models import SchoolYear

from .models import ContestEntry, ContestRound, DeedStatus, GoodDeed

KINDS = {"pupil": "Học sinh", "staff": "Cán bộ, giáo viên, nhân viên", "other_person": "Phụ huynh, người khác"}
#: What a commendation's state reads as in the report.
COMMENDATION_STATES = {
    NominationStatus.APPROVED: "Đang ra quyết định",
    NominationStatus.DECIDED: "Đã quyết định",
    NominationStatus.SUBMITTED: "Đã trình cấp trên",
    NominationStatus.CONFERRED: "Cấp trên đã khen thưởng",
}


def year_figures(school_year: SchoolYear) -> dict:
    """The report's data for ``school_year``: counts of deeds by state and kind of person, the verified deeds, the
    ad-hoc commendations and the contest; plain JSON (dates as dd/mm/yyyy). Five queries whatever the rows."""
    deeds = list(GoodDeed.objects.filter(school_year=school_year).for_list().order_by("occurred_on", "pk"))
    by_state = Counter(deed.status for deed in deeds)
    verified = [deed for deed in deeds if deed.status == DeedStatus.VERIFIED]
    by_kind = Counter(deed.exemplar.kind for deed in verified)
    commendations = list(
        Nomination.objects.filter(school_year=school_year, drive=DriveKind.AD_HOC, status__in=list(COMMENDATION_STATES))
        .for_list()
        .order_by("proposed_at", "pk")
    )
    contest = ContestRound.objects.filter(school_year=school_year).first()
    entries = Counter()
    if contest is not None:
        entries = Counter(ContestEntry.objects.filter(contest=contest).values_list("selected", flat=True))
    return {
        "year": school_year.name,
        "totals": {
            "reported": len(deeds),
            "verified": len(verified),
            "pending": by_state[DeedStatus.REPORTED],
            "rejected": by_state[DeedStatus.REJECTED],
            "commendations": len(commendations),
            "entries": sum(entries.values()),
            "selected": entries[True],
        },
        "by_kind": [{"label": label, "count": by_kind[key]} for key, label in KINDS.items()],
        "deeds": [
            {
                "name": deed.exemplar.full_name,
                "detail": deed.exemplar.detail,
                "title": deed.title,
                "date": f"{deed.occurred_on:%d/%m/%Y}",
                "place": deed.place,
            }
            for deed in verified
        ],
        "commendations": [
            {
                "name": str(nomination.recipient),
                "detail": nomination.recipient_detail,
                "title": nomination.title.name,
                "achievements": nomination.achievements,
                "state": COMMENDATION_STATES[nomination.status],
            }
            for nomination in commendations
        ],
        "contest": contest.name if contest else "",
    }


def selected_entries(contest: ContestRound) -> list[ContestEntry]:
    return list(contest.entries.filter(selected=True).select_related("author__team").order_by("pk"))
