"""Compile the gettext catalogues (locale/*/LC_MESSAGES/*.po) into .mo files with polib, so a
fresh machine needs no GNU gettext (`compilemessages` does)."""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "编译 locale/ 下的界面译文（.po → .mo），不需要安装 gettext"

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path), encoding="utf-8")
                # Written aside and moved into place: a process reading the catalogue meanwhile (the
                # other database's test run in CI) never sees half a file.
                mo_path = po_path.with_suffix(".mo")
                catalogue.save_as_mofile(f"{mo_path}.{os.getpid()}.tmp")
                os.replace(f"{mo_path}.{os.getpid()}.tmp", mo_path)
                self.stdout.write(
                    f"{po_path.relative_to(settings.BASE_DIR)}：{len(catalogue.translated_entries())} 条译文"
                )
