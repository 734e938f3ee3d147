"""The demo site group: 云州市 portal, its sports bureau and a county, filled with articles
whose text comes from real public notices (site/demo/seeds) or is written in their style.

Everything is created only when missing, so running `seed_demo` again changes nothing."""

import io
import os
import re
import tomllib
import zlib
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from demo import answers as answers_demo
from demo import disclosure as disclosure_demo
from demo import interaction as interaction_demo
from home.models import ArticlePage, Department, TopicPage
from home.subsites import (
    DISCLOSURE_HEAD,
    DISCLOSURE_STAFF,
    EDITORS,
    REVIEW_STEPS,
    SITE_ADMINS,
    create_subsite,
    group_name,
)

DEMO_DIR = settings.SITE_DIR / "demo"
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "Yunzhou-demo-2026")
NOISE_LINES = {"总局各厅、司、局的制度性文件"}
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))")

SITES = [
    {
        "key": "portal",
        "hostname": "localhost",
        "name": "云州市人民政府",
        "blueprint": "portal",
        "default": True,
        "user_prefix": "portal",
        "identity": {
            "organiser": "云州市人民政府办公室",
            "undertaker": "云州市大数据中心",
            "site_code": "5301000001",
            "icp_number": "云ICP备2026000101号",
            "police_number": "云公网安备53010202000101号",
            "address": "云州市人民路88号",
            "postcode": "650001",
            "phone": "0871-65100001",
            "email": "zfwz@example.com",
        },
        "banner": ("深入推进政务公开 建设人民满意的服务型政府", "zfxxgk", (155, 28, 28), (201, 120, 40)),
        "latest": ["xwdt/zwyw", "tzgg", "xwdt/bmdt", "xwdt/jcdt", "zcwj/zfwj", "zcwj/zcjd"],
        "quick_links": ["hdjl/ldxx", "bsfw/bszn", "zfxxgk/gkzn", "hdjl/yjzj", "bsfw/gjzwfw"],
        "topic": {
            "column": "ztzl",
            "slug": "zwgk",
            "title": "政务公开专题",
            "intro": "集中展示本市政务公开工作部署、政府信息公开指南与制度、政策文件及解读，方便公众一站查阅。",
            "latest": ["zfxxgk", "zcwj/zcjd"],
            "colors": ((30, 64, 120), (155, 28, 28)),
        },
    },
    {
        "key": "sport",
        "hostname": "sport.localhost",
        "name": "云州市体育局",
        "blueprint": "sport",
        "user_prefix": "sport",
        "identity": {
            "organiser": "云州市体育局",
            "site_code": "5301000012",
            "icp_number": "云ICP备2026000101号-2",
            "police_number": "云公网安备53010202000112号",
            "address": "云州市体育路6号",
            "postcode": "650021",
            "phone": "0871-65100612",
            "email": "tyj@example.com",
        },
        "banner": ("全民健身 健康云州", "qmjs", (20, 90, 60), (30, 64, 120)),
        "latest": ["gzdt", "gsgg", "qmjs/dtxx", "jjty/jjxw", "qsty/ssdt", "wjtz"],
        "quick_links": ["jggk/zyzz", "qmjs/jszd", "jjty/tzgg", "tycy/cytj"],
    },
    {
        "key": "county",
        "hostname": "county.localhost",
        "name": "青山县人民政府",
        "blueprint": "portal",
        "user_prefix": "county",
        "identity": {
            "organiser": "青山县人民政府办公室",
            "site_code": "5301240001",
            "icp_number": "云ICP备2026000101号-3",
            "police_number": "云公网安备53012402000001号",
            "address": "青山县城南路1号",
            "postcode": "650500",
            "phone": "0871-67800001",
            "email": "qszfwz@example.com",
        },
        "banner": ("绿水青山 宜居青山", "xwdt", (20, 90, 60), (155, 120, 28)),
        "latest": ["xwdt/zwyw", "tzgg", "xwdt/jcdt", "zcwj/zfwj"],
        "quick_links": ["hdjl/ldxx", "bsfw/bszn", "zfxxgk/gkzn", "bsfw/gjzwfw"],
        "topic": {
            "column": "ztzl",
            "slug": "yshj",
            "title": "优化营商环境专题",
            "intro": "聚焦市场主体关切，集中发布我县优化营商环境的政策措施、办事指南和工作进展。",
            "latest": ["zcwj/zfwj", "bsfw/bszn"],
            "colors": ((155, 120, 28), (20, 90, 60)),
        },
    },
]


class DemoBuilder:
    def __init__(self, log, port=80):
        self.log = log
        self.port = port
        self.today = timezone.localdate()

    def build(self):
        self.remove_stock_welcome_page()
        for spec in SITES:
            site = Site.objects.filter(hostname=spec["hostname"]).first()
            if site is None:
                site = create_subsite(
                    spec["hostname"],
                    spec["name"],
                    spec["blueprint"],
                    port=self.port,
                    is_default=spec.get("default", False),
                    identity=spec["identity"],
                )
                self.log(f"已创建网站 {spec['name']}（{spec['hostname']}）")
            elif site.port != self.port:
                # Served on another port than before: links across sites, feeds and sitemaps
                # are built from the registered port.
                site.port = self.port
                site.save(update_fields=["port"])
                self.log(f"{spec['name']} 的端口已改为 {self.port}")
            home = site.root_page.specific
            created = self.add_articles(home, spec["key"])
            if "topic" in spec:
                self.add_topic(home, spec["topic"])
            if not any(block.block_type == "banner" for block in home.body):  # still the blueprint's plain sections
                self.fill_home(home, spec)
            self.add_users(site, spec["user_prefix"])
            disclosure_demo.seed(site)
            interaction_demo.seed(site)
            answers_demo.seed(site, spec["key"])
            self.log(f"{spec['name']}：新增文章 {created} 篇")
        self.add_superuser()
        # Imported here: monitoring's and the mirrors' demos build on this module's sites.
        from demo import mirrors as mirrors_demo
        from demo.feedback import seed as seed_feedback
        from demo.monitoring import plant_problems
        from demo.sharing import seed as seed_sharing

        plant_problems(self.log)
        mirrors_demo.seed(self.log)
        seed_sharing(self.log)
        seed_feedback(self.log)

    def remove_stock_welcome_page(self):
        """Wagtail's first migration makes a 'Welcome' page and site; the demo replaces them."""
        for page in Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore"):
            Site.objects.filter(root_page=page).delete()
            page.delete()

    # Articles

    def column(self, home, path):
        page = home
        for slug in path.split("/"):
            page = page.get_children().get(slug=slug)
        return page.specific

    def add_articles(self, home, key):
        specs = tomllib.loads((DEMO_DIR / f"{key}.toml").read_text(encoding="utf-8"))["articles"]
        departments = {d.name: d for d in Department.objects.filter(site__root_page=home)}
        created = 0
        for spec in specs:
            column = self.column(home, spec["column"])
            date = self.article_date(spec["days_ago"], spec["title"])
            slug = f"t{date:%Y%m%d}_{zlib.crc32(spec['title'].encode()) % 100000:05d}"
            if column.get_children().filter(slug=slug).exists():
                continue
            article = ArticlePage(
                title=spec["title"],
                slug=slug,
                date=date,
                source=spec.get("source", ""),
                author=spec.get("author", ""),
                summary=spec.get("summary", ""),
                department=departments.get(spec.get("department")),
                body=self.body_blocks(spec),
            )
            column.add_child(instance=article)
            self.publish_as_of(article, date)
            created += 1
        return created

    def article_date(self, days_ago, title):
        # A believable office-hours time, stable for a given title.
        minutes = 8 * 60 + 30 + zlib.crc32(title.encode()) % (9 * 60)
        day = self.today - timedelta(days=days_ago)
        moment = datetime.combine(day, time(minutes // 60, minutes % 60))
        return timezone.make_aware(moment)

    def publish_as_of(self, page, moment):
        revision = page.save_revision()
        revision.publish(log_action=False)
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=moment, last_published_at=moment, latest_revision_created_at=moment
        )
        type(revision).objects.filter(pk=revision.pk).update(created_at=moment)

    def body_blocks(self, spec):
        paragraphs = spec.get("paragraphs") or self.seed_excerpt(spec)
        blocks = []
        for text in paragraphs:
            if text.startswith("## "):
                blocks.append(("heading", {"text": text[3:].strip(), "level": "h2"}))
            elif HEADING_RE.match(text) and len(text) <= 40:
                blocks.append(("heading", {"text": text, "level": "h3"}))
            else:
                blocks.append(("paragraph", f"<p>{escape(text)}</p>"))
        return blocks

    def seed_excerpt(self, spec):
        lines = [line.strip() for line in (DEMO_DIR / "seeds" / spec["seed"]).read_text(encoding="utf-8").splitlines()]
        start = next(i for i, line in enumerate(lines) if line.startswith(spec["start"]))
        end = next(i for i, line in enumerate(lines) if i > start and line.startswith(spec["end"]))
        excerpt = []
        for line in lines[start:end]:
            line = re.sub(r"\[(bookmark|image): [^\]]*\]", "", line).strip()
            if not line or line in NOISE_LINES:
                continue
            for old, new in spec.get("replace", {}).items():
                line = line.replace(old, new)
            excerpt.append(line)
        return excerpt

    # Topic, home page sections, images

    def add_topic(self, home, spec):
        column = self.column(home, spec["column"])
        if column.get_children().filter(slug=spec["slug"]).exists():
            return
        topic = TopicPage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            banner=self.banner_image(spec["title"], *spec["colors"], home),
            body=[
                ("latest_items", {"column": self.column(home, path), "title": "", "count": 6})
                for path in spec["latest"]
            ],
        )
        column.add_child(instance=topic)
        topic.save_revision().publish(log_action=False)

    def fill_home(self, home, spec):
        title, target, start, end = spec["banner"]
        body = [
            (
                "banner",
                {
                    "image": self.banner_image(title, start, end, home),
                    "title": title,
                    "subtitle": "",
                    "link": {"title": title, "page": self.column(home, target), "url": ""},
                },
            ),
            *[
                ("latest_items", {"column": self.column(home, path), "title": "", "count": 8})
                for path in spec["latest"]
            ],
            (
                "quick_links",
                {
                    "title": "快速通道",
                    "links": [
                        {"title": self.column(home, path).title, "page": self.column(home, path), "url": ""}
                        for path in spec["quick_links"]
                    ],
                },
            ),
        ]
        topics = list(TopicPage.objects.live().descendant_of(home))
        if topics:
            body.append(("topic_carousel", {"title": "专题专栏", "topics": topics}))
        home.body = body
        home.save_revision().publish(log_action=False)

    def banner_image(self, title, start, end, home):
        image_model = get_image_model()
        existing = image_model.objects.filter(title=title).first()
        if existing:
            return existing
        width, height = 1200, 320
        canvas = PILImage.new("RGB", (width, height))
        draw = ImageDraw.Draw(canvas)
        for x in range(width):
            mix = x / (width - 1)
            draw.line(
                [(x, 0), (x, height)], fill=tuple(int(a + (b - a) * mix) for a, b in zip(start, end, strict=True))
            )
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")

        collection = Collection.objects.filter(name=home.title).first() or Collection.get_first_root_node()
        return image_model.objects.create(
            title=title, file=ImageFile(buffer, name=f"banner-{zlib.crc32(title.encode())}.png"), collection=collection
        )

    # People

    def add_users(self, site, prefix):
        roles = {
            EDITORS: "editor",
            SITE_ADMINS: "admin",
            DISCLOSURE_STAFF: "xxgk",
            DISCLOSURE_HEAD: "xxgkfzr",
            **dict(zip(REVIEW_STEPS, ("chushen", "shenhe", "shenfa"), strict=True)),
        }
        for role, suffix in roles.items():
            username = f"{prefix}_{suffix}"
            if get_user_model().objects.filter(username=username).exists():
                continue
            user = get_user_model().objects.create_user(
                username, f"{username}@example.gov.cn", DEMO_PASSWORD, first_name=f"{site.site_name}{role}"
            )
            user.groups.add(Group.objects.get(name=group_name(site.site_name, role)))

    def add_superuser(self):
        if not get_user_model().objects.filter(username="admin").exists():
            get_user_model().objects.create_superuser("admin", "admin@example.gov.cn", DEMO_PASSWORD)
