from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_people_registered_on_their_behalf"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="memberprofile",
            index=models.Index(fields=["submitted_at"], name="members_applications_by_sent"),
        ),
    ]
