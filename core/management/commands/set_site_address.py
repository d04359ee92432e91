from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Site

from core import site_address


class Command(BaseCommand):
    help = (
        "Menetapkan alamat situs (skema, host, port) pada Site Wagtail bawaan, misalnya "
        "https://asnadaptif.example.go.id. Semua tautan (email, kode QR, .ics, sitemap, robots.txt, "
        "kanonis) memakai alamat ini."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "url", help="Alamat situs, mis. https://asnadaptif.example.go.id atau http://127.0.0.1:8000"
        )
        parser.add_argument(
            "--site", type=int, help="ID Site yang diubah (bawaan: Site bawaan / the default Site)."
        )

    def handle(self, *args, url, site=None, **options):
        try:
            _scheme, hostname, port = site_address.parse(url)
        except ValueError:
            raise CommandError(
                f"Alamat tidak valid: {url!r}. Tulis seperti https://asnadaptif.example.go.id atau "
                "http://127.0.0.1:8000 (https hanya di port 443, tanpa path).\n"
                f"Not a site address: {url!r}. Write it as https://host or http://host:port (https only "
                "on port 443, no path)."
            ) from None
        with transaction.atomic():
            sites = Site.objects.select_for_update()
            record = sites.filter(pk=site).first() if site else sites.filter(is_default_site=True).first()
            if record is None:
                raise CommandError(
                    "Site tidak ditemukan: jalankan migrate (dan load_demo di pengembangan) dahulu.\n"
                    "No such Site: run migrate (and load_demo in development) first."
                )
            clash = Site.objects.filter(hostname=hostname, port=port).exclude(pk=record.pk).first()
            if clash:
                raise CommandError(
                    f"Alamat {url} sudah dipakai Site lain ({clash.site_name or clash.pk}).\n"
                    f"{url} already belongs to another Site ({clash.site_name or clash.pk})."
                )
            if (record.hostname, record.port) == (hostname, port):
                self.stdout.write(f"Alamat situs tetap {record.root_url}.")
                return
            record.hostname, record.port = hostname, port
            record.save()
        self.stdout.write(self.style.SUCCESS(f"Alamat situs: {record.root_url}"))
