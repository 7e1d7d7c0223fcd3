"""People are listed in Vietnamese order: ``sort_name`` (``core.text.sort_key``) on staff, pupils and other people,
filled for the rows that exist."""

from django.db import migrations, models

from thiduakhenthuong.core.text import sort_key

PEOPLE = ("staff", "pupil", "otherperson")


def fill_sort_names(apps, schema_editor):
    for model_name in PEOPLE:
        model = apps.get_model("organization", model_name)
        rows = list(model.objects.only("pk", "full_name"))
        for row in rows:
            row.sort_name = sort_key(row.full_name)
        model.objects.bulk_update(rows, ["sort_name"], batch_size=500)


def add_field(model_name):
    return migrations.AddField(
        model_name=model_name,
        name="sort_name",
        field=models.CharField(db_index=True, default="", editable=False, max_length=320),
        preserve_default=False,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0003_recipients_beyond_staff"),
    ]

    operations = [
        *(add_field(name) for name in PEOPLE),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="otherperson",
            options={
                "ordering": ["school", "sort_name", "pk"],
                "verbose_name": "cá nhân khác",
                "verbose_name_plural": "cá nhân khác (phụ huynh, công dân…)",
            },
        ),
        migrations.AlterModelOptions(
            name="pupil",
            options={
                "ordering": ["class_group", "sort_name", "pk"],
                "verbose_name": "học sinh",
                "verbose_name_plural": "học sinh",
            },
        ),
        migrations.AlterModelOptions(
            name="staff",
            options={
                "ordering": ["school", "team__sort_order", "sort_name", "pk"],
                "verbose_name": "cán bộ, giáo viên, nhân viên",
                "verbose_name_plural": "cán bộ, giáo viên, nhân viên",
            },
        ),
    ]
