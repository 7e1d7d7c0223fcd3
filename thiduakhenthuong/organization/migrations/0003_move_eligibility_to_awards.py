"""The regime's eligibility figures moved to ``awards.EligibilityRules`` (with all the other rule parameters).

This runs after the awards migration that copies them (``awards.0004_seed_eligibility_rules``): the one place
where an organization migration waits for an awards one, so that no administrator's figure is lost.

The defaults given before the columns go only make the way back possible (the columns come back filled with
them, then ``awards.0004`` puts the figures back).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0002_seed_regimes"),
        ("awards", "0004_seed_eligibility_rules"),
    ]

    operations = [
        migrations.AlterField(
            model_name="legalregime",
            name="min_service_months",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="thời gian công tác tối thiểu (tháng)"),
        ),
        migrations.AlterField(
            model_name="legalregime",
            name="cstdcs_excellent_rating_suffices",
            field=models.BooleanField(default=False, verbose_name="CSTĐCS: hoàn thành xuất sắc nhiệm vụ là đủ"),
        ),
        migrations.AlterField(
            model_name="legalregime",
            name="collective_ltt_min_ratio",
            field=models.DecimalField(decimal_places=3, default=0, max_digits=4, verbose_name="tỷ lệ LĐTT"),
        ),
        migrations.AlterField(
            model_name="legalregime",
            name="female_preference_ratio",
            field=models.DecimalField(decimal_places=3, default=0, max_digits=4, verbose_name="tỷ lệ nữ"),
        ),
        migrations.RemoveField(model_name="legalregime", name="collective_ltt_min_ratio"),
        migrations.RemoveField(model_name="legalregime", name="cstdcs_cap_ratio"),
        migrations.RemoveField(model_name="legalregime", name="cstdcs_excellent_rating_suffices"),
        migrations.RemoveField(model_name="legalregime", name="female_preference_ratio"),
        migrations.RemoveField(model_name="legalregime", name="min_service_months"),
    ]
