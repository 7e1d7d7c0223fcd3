#!/usr/bin/env python
"""Benchmark of the eligibility pass: a whole district judged at once, and the same on a tenth of it.

Run from the repository root: ``python bench/eligibility.py [--schools 80] [--staff-per-school 50]``. It sets up
its own temporary SQLite database (or uses the PostgreSQL database named by DATABASE_URL), builds the district with
``seed_demo --schools N --staff-per-school M`` and adds ten school years of history with bulk inserts (annual
ratings, yearly and thematic awards, initiatives and their use, team ratings and awards, a few disciplines,
proceedings and absences), registers every staff member for Lao động tiên tiến and Chiến sĩ thi đua cơ sở and
every team for Tập thể lao động tiên tiến in the current year, then judges every registration of every school in
one pass (``awards.eligibility.evaluate_many``). It prints one ``name: value`` per line:

- ``seconds``: the district pass (load and judge), median of three, after one warm-up pass on the tenth (the data
  is built by a child process: the pass runs in a process that only reads, as a server's would);
- ``queries``: the number of queries of that pass; ``queries_small``: the same on a tenth of the schools;
- ``staff``, ``verdicts``: staff judged and verdicts reached; ``history_rows``: rows of history read from;
- ``target_seconds``, ``target_queries``: the targets (at most 2 s; queries independent of the number of staff);
- ``ok``: whether both targets are met.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import setup_django  # noqa: E402  (bench/common.py)

TARGET_SECONDS = 2.0
RUNS = 3  # the district pass is timed three times; the median is reported
HISTORY_START = 2014  # ten school years: 2014-2015 … 2023-2024 (the current one)
CURRENT = 2023


def build_district(schools: int, staff_per_school: int) -> None:
    """The district schools of ``seed_demo``, then ten years of history for those that have none yet."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import transaction

    from thiduakhenthuong.organization.demo import district_abbreviation
    from thiduakhenthuong.organization.models import School

    call_command("migrate", verbosity=0)
    call_command("seed_demo", schools=schools, staff_per_school=staff_per_school, stdout=StringIO())
    wanted = [district_abbreviation(k) for k in range(1, schools + 1)]
    fresh = list(
        School.objects.filter(abbreviation__in=wanted).exclude(years__name=f"{HISTORY_START}-{HISTORY_START + 1}")
    )
    with transaction.atomic():
        for school in fresh:
            add_history(school)


def add_history(school) -> None:
    from awards.models import (
        Absence,
        AnnualEvaluation,
        AwardRecord,
        Discipline,
        DriveKind,
        Initiative,
        InitiativeStatus,
        InitiativeUse,
        Proceeding,
        Registration,
        TeamEvaluation,
        Title,
    )
    from thiduakhenthuong.core.text import fold
    from thiduakhenthuong.organization.models import SchoolYear

    rng = random.Random(f"history-{school.abbreviation}")
    titles = {(t.code, t.scope): t for t in Title.objects.all()}
    SchoolYear.objects.bulk_create(
        SchoolYear(school=school, name=f"{s}-{s + 1}", start_date=date(s, 9, 5), end_date=date(s + 1, 5, 31))
        for s in range(HISTORY_START, CURRENT + 1)
        if not SchoolYear.objects.filter(school=school, name=f"{s}-{s + 1}").exists()
    )
    years = {y.start_date.year: y for y in SchoolYear.objects.filter(school=school)}
    staff = list(school.staff.all())
    teams = list(school.teams.all())
    evaluations, team_evaluations, awards, initiatives, uses = [], [], [], [], []

    def award(year, code, scope="individual", **kwargs):
        start = year.start_date.year
        record = AwardRecord(school=school, school_year=year, title=titles[code, scope], issuer_name="UBND huyện",
                             decision_number=f"{start}/QĐ-UBND", decision_date=date(start + 1, 6, 20),
                             **kwargs)  # fmt: skip
        awards.append(record)
        return record

    for person in staff:
        for start, year in years.items():
            if person.recruited_on and person.recruited_on > year.start_date:
                continue
            rating = rng.choices(["excellent", "good", "completed", "not_completed"], [25, 60, 12, 3])[0]
            evaluations.append(AnnualEvaluation(school=school, staff=person, school_year=year, rating=rating))
            initiative = None
            if rating == "excellent" and rng.random() < 0.5:
                name = f"Sáng kiến {person.pk}-{start}"
                initiative = Initiative(
                    school=school, school_year=year, author=person, title=name, search_title=fold(name),
                    field="Chuyên môn", description="…", results="…", status=InitiativeStatus.RECOGNISED,
                    scope=rng.choices(["school", "district", "province"], [80, 15, 5])[0],
                    decision_number=f"{start}/QĐ-HĐSK", decision_date=date(start + 1, 5, 10),
                )  # fmt: skip
                initiatives.append(initiative)
            if start == CURRENT:
                continue
            if rating in ("excellent", "good"):
                award(year, "LDTT", staff=person)
            if initiative is not None:
                uses.append((initiative, award(year, "CSTDCS", staff=person)))
            if rng.random() < 0.05:
                award(year, "GK", staff=person, drive=DriveKind.THEMATIC)
    for team in teams:
        for start, year in years.items():
            rating = rng.choices(["excellent", "good"], [30, 70])[0]
            team_evaluations.append(TeamEvaluation(school=school, team=team, school_year=year, rating=rating))
            if start != CURRENT:
                award(year, "TTLDTT", "collective", team=team)
    AnnualEvaluation.objects.bulk_create(evaluations, batch_size=2000)
    TeamEvaluation.objects.bulk_create(team_evaluations, batch_size=2000)
    Initiative.objects.bulk_create(initiatives, batch_size=2000)
    AwardRecord.objects.bulk_create(awards, batch_size=2000)
    InitiativeUse.objects.bulk_create(InitiativeUse(initiative=i, award=a) for i, a in uses)
    current_evaluations = AnnualEvaluation.objects.filter(school_year=years[CURRENT])
    Absence.objects.bulk_create(
        Absence(evaluation=e, kind=rng.choice(["maternity", "sick", "assigned_training"]), days=rng.randint(2, 120))
        for e in current_evaluations
        if rng.random() < 0.05
    )
    for person in rng.sample(staff, max(1, len(staff) // 50)):
        start = date(rng.randint(HISTORY_START, CURRENT), 11, 1)
        Discipline.objects.create(school=school, staff=person, form="reprimand", decided_on=start, start=start,
                                  end=date(start.year + 1, 10, 31))  # fmt: skip
    Proceeding.objects.create(school=school, staff=rng.choice(staff), kind="inspection", opened_on=date(CURRENT, 12, 1))
    Registration.objects.bulk_create(
        [
            Registration(school=school, school_year=years[CURRENT], staff=person, title=titles[code, "individual"])
            for person in staff
            for code in ("LDTT", "CSTDCS")
        ]
        + [
            Registration(school=school, school_year=years[CURRENT], team=team, title=titles["TTLDTT", "collective"])
            for team in teams
        ],
        batch_size=2000,
    )


def judge(schools: list) -> tuple[float, int, list]:
    """One pass over the current year of ``schools``: (seconds, queries, rows)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from awards.eligibility import evaluate_many
    from thiduakhenthuong.organization.models import SchoolYear

    years = list(SchoolYear.objects.filter(school__in=schools, name=f"{CURRENT}-{CURRENT + 1}"))
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        rows = evaluate_many(years)
        seconds = time.perf_counter() - began
    return seconds, len(queries.captured_queries), rows


def history_rows(schools: list) -> int:
    from awards.models import AnnualEvaluation, AwardRecord, Initiative

    return sum(
        model.objects.filter(school__in=schools).count() for model in (AnnualEvaluation, AwardRecord, Initiative)
    )


def district(schools: int) -> list:
    from thiduakhenthuong.organization.demo import district_abbreviation
    from thiduakhenthuong.organization.models import School

    return list(School.objects.filter(abbreviation__in=[district_abbreviation(k) for k in range(1, schools + 1)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=80)
    parser.add_argument("--staff-per-school", type=int, default=50)
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)  # the child process below
    args = parser.parse_args()
    if args.build_only:
        setup_django()
        build_district(args.schools, args.staff_per_school)
        return
    with tempfile.TemporaryDirectory(prefix="bench-eligibility-") as workdir:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(workdir) / 'bench.sqlite3'}")
        began = time.monotonic()
        # Built in a child process, so that the pass is measured in a process that only reads, like a server's.
        sizes = ["--schools", str(args.schools), "--staff-per-school", str(args.staff_per_school)]
        subprocess.run([sys.executable, __file__, "--build-only", *sizes], check=True)
        setup_django()
        database = os.environ["DATABASE_URL"].split(":", 1)[0]
        schools = district(args.schools)
        small = schools[: max(1, len(schools) // 10)]
        print(f"dataset: {len(schools)} schools x {args.staff_per_school} staff, {CURRENT - HISTORY_START + 1} school "
              f"years ({database}), built in {time.monotonic() - began:.1f} s")  # fmt: skip
        judge(small)  # warm-up: imports, query compilation
        small_seconds, queries_small, small_rows = judge(small)
        runs = [judge(schools) for _ in range(RUNS)]
        seconds = statistics.median(run[0] for run in runs)
        _, queries, rows = runs[-1]
        staff = len({row.subject.pk for row in rows if not row.is_team})
        print(f"seconds: {seconds:.2f}")
        print(f"queries: {queries}")
        print(f"staff: {staff}")
        print(f"verdicts: {len(rows)}")
        print(f"history_rows: {history_rows(schools)}")
        print(f"seconds_runs: {', '.join(f'{run[0]:.2f}' for run in runs)}")
        print(f"seconds_small: {small_seconds:.2f}")
        print(f"queries_small: {queries_small}")
        print(f"staff_small: {len({row.subject.pk for row in small_rows if not row.is_team})}")
        print(f"target_seconds: {TARGET_SECONDS}")
        print("target_queries: independent of the number of staff (queries == queries_small)")
        print(f"ok: {seconds <= TARGET_SECONDS and queries == queries_small}")


if __name__ == "__main__":
    main()
