"""Database triggers for the date rules that reach another row, which a CheckConstraint cannot see.

- a campaign lies inside its school year, and that year belongs to the campaign's school;
- a drive (đợt) lies inside its campaign;
- changing a campaign's or a school year's dates cannot leave a drive or a campaign outside them.

Each violation aborts the statement with an integrity error. SQLite and PostgreSQL get the same rules.
On SQLite, a later migration that rebuilds one of these tables (Django remakes a table for many field changes)
drops its triggers: such a migration must create them again (tests/campaigns/test_models.py would fail).
"""

from django.db import migrations

CAMPAIGN_OUTSIDE_YEAR = """NOT EXISTS (
    SELECT 1 FROM organization_schoolyear y
    WHERE y.id = NEW.school_year_id AND y.school_id = NEW.school_id
      AND NEW.start_date >= y.start_date AND NEW.end_date <= y.end_date)"""
PERIOD_OUTSIDE_CAMPAIGN = """NOT EXISTS (
    SELECT 1 FROM campaigns_campaign c
    WHERE c.id = NEW.campaign_id AND NEW.start_date >= c.start_date AND NEW.end_date <= c.end_date)"""
CAMPAIGN_LEAVES_PERIOD = """EXISTS (
    SELECT 1 FROM campaigns_campaignperiod p
    WHERE p.campaign_id = NEW.id AND (p.start_date < NEW.start_date OR p.end_date > NEW.end_date))"""
YEAR_LEAVES_CAMPAIGN = """EXISTS (
    SELECT 1 FROM campaigns_campaign c
    WHERE c.school_year_id = NEW.id AND (c.start_date < NEW.start_date OR c.end_date > NEW.end_date))"""

# (name, table, events, condition, message)
RULES = [
    (
        "campaigns_campaign_within_year",
        "campaigns_campaign",
        "INSERT OR UPDATE OF school_id, school_year_id, start_date, end_date",
        CAMPAIGN_OUTSIDE_YEAR,
        "campaign_within_school_year",
    ),
    (
        "campaigns_campaign_keeps_periods",
        "campaigns_campaign",
        "UPDATE OF start_date, end_date",
        CAMPAIGN_LEAVES_PERIOD,
        "period_within_campaign",
    ),
    (
        "campaigns_period_within_campaign",
        "campaigns_campaignperiod",
        "INSERT OR UPDATE OF campaign_id, start_date, end_date",
        PERIOD_OUTSIDE_CAMPAIGN,
        "period_within_campaign",
    ),
    (
        "campaigns_year_keeps_campaigns",
        "organization_schoolyear",
        "UPDATE OF start_date, end_date",
        YEAR_LEAVES_CAMPAIGN,
        "campaign_within_school_year",
    ),
]


def _sqlite_events(events: str) -> list[str]:
    """SQLite triggers take one event each: "INSERT OR UPDATE OF a, b" becomes ["INSERT", "UPDATE OF a, b"]."""
    return [part.strip() for part in events.split(" OR ")]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name, table, events, condition, message in RULES:
        if vendor == "sqlite":
            for index, event in enumerate(_sqlite_events(events)):
                schema_editor.execute(
                    f"CREATE TRIGGER {name}_{index} BEFORE {event} ON {table} FOR EACH ROW "
                    f"WHEN {condition} BEGIN SELECT RAISE(ABORT, '{message}'); END;"
                )
        elif vendor == "postgresql":
            schema_editor.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF {condition} THEN RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation'; END IF; "
                "RETURN NEW; END $$;"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {name} BEFORE {events} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();"
            )
        else:
            raise NotImplementedError(f"Chưa hỗ trợ cơ sở dữ liệu {vendor}.")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name, table, events, _condition, _message in RULES:
        if vendor == "sqlite":
            for index, _event in enumerate(_sqlite_events(events)):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_{index};")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}();")


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("organization", "0002_seed_regimes"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
