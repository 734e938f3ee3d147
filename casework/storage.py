"""Where citizens' uploads live: a private directory with no URL, never MEDIA_ROOT, so files
are only reachable through the staff views that check the user's sites."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Reads PRIVATE_MEDIA_ROOT on each use, so tests can point it at a temporary directory."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return getattr(settings, "PRIVATE_MEDIA_ROOT", settings.BASE_DIR / "private")

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("私有文件没有公开地址。")


def private_storage():
    return PrivateStorage()


def uploaded_name(file):
    """The name the file was uploaded with, without the folder and random prefix upload paths add."""
    return file.name.rsplit("/", 1)[-1].split("-", 1)[-1]
