from django.db import migrations

# The standard items: each speaker and the moderator, then the organisation (scale 1–4,
# PermenPANRB No. 14 Tahun 2017).
QUESTIONS = [
    ("Penguasaan materi", "narasumber"),
    ("Cara penyampaian materi", "narasumber"),
    ("Interaksi dengan peserta", "narasumber"),
    ("Ketepatan jadwal", "penyelenggara"),
    ("Kualitas teknis (suara, gambar, koneksi)", "penyelenggara"),
    ("Kejelasan informasi tentang acara", "penyelenggara"),
    ("Kemudahan pendaftaran dan memperoleh sertifikat", "penyelenggara"),
]


def create_default(apps, schema_editor):
    Questionnaire = apps.get_model("webinars", "Questionnaire")
    Question = apps.get_model("webinars", "Question")
    if Questionnaire.objects.filter(is_default=True).exists():
        return
    questionnaire = Questionnaire.objects.create(title="Kuesioner standar", is_default=True)
    Question.objects.bulk_create(
        Question(questionnaire=questionnaire, text=text, about=about, sort_order=position)
        for position, (text, about) in enumerate(QUESTIONS)
    )


class Migration(migrations.Migration):
    dependencies = [("webinars", "0021_evaluations")]

    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
