from django.conf import settings
from django.core.management.base import BaseCommand

from webinars.registrations.personal_data import anonymise, past_retention


class Command(BaseCommand):
    help = (
        "Menganonimkan data pribadi pendaftaran untuk episode yang selesai lebih dari "
        "REGISTRATION_RETENTION_DAYS hari yang lalu. Aman dijalankan berulang; jalankan lewat cron tiap hari."
    )

    def handle(self, *args, **options):
        count = anonymise(past_retention())
        self.stdout.write(
            f"{count} pendaftaran dianonimkan (masa simpan {settings.REGISTRATION_RETENTION_DAYS} hari)."
        )
