import time

from django.core.management.base import BaseCommand
from django.db import transaction

from webinars.evaluations.mail import queue_evaluation_requests
from webinars.registrations.mail import queue_due_reminders, requeue_stuck


class Command(BaseCommand):
    help = (
        "Mengantrekan email pengingat (H-1 dan 1 jam) dan permintaan evaluasi, serta mengirim ulang "
        "email yang tertunda. "
        "Jalankan lewat cron tiap 5 menit, atau dengan --every untuk berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Ulangi setiap N detik (0: sekali saja).")

    def handle(self, *args, every, **options):
        while True:
            with transaction.atomic():
                reminders = queue_due_reminders()
            with transaction.atomic():
                requests = queue_evaluation_requests()
            retried = requeue_stuck()
            self.stdout.write(
                f"{reminders} pengingat dan {requests} permintaan evaluasi diantrekan, "
                f"{retried} email tertunda dikirim ulang."
            )
            if not every:
                return
            time.sleep(every)
