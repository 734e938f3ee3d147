"""Creating a site of the group from a blueprint, by command and from the admin."""

import os
import subprocess
import sys
import tomllib

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, Site, WorkflowPage

from home.models import ColumnPage, Department, UpdateCategory
from home.subsites import create_subsite


def blueprint_columns(name):
    data = tomllib.loads((settings.SITE_DIR / "blueprints" / f"{name}.toml").read_text())
    columns = blueprint_columns(data["extends"]) if "extends" in data else []

    def walk(specs, parent=""):
        for spec in specs:
            yield f"{parent}/{spec['slug']}", spec
            yield from walk(spec.get("children", []), f"{parent}/{spec['slug']}")

    return columns + list(walk(data["columns"]))


def site_columns(site):
    root_url = site.root_page.url_path
    return {
        "/" + page.url_path[len(root_url) :].strip("/"): page
        for page in ColumnPage.objects.descendant_of(site.root_page).live()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("blueprint", ["portal", "department", "sport"])
def test_create_subsite_builds_the_blueprints_columns(blueprint):
    site = create_subsite(f"{blueprint}.example.gov.cn", f"{blueprint}站", blueprint)
    expected = blueprint_columns(blueprint)
    columns = site_columns(site)
    assert sorted(columns) == sorted(path for path, _ in expected)
    for path, spec in expected:
        column = columns[path]
        assert column.title == spec["title"]
        assert column.update_category == spec.get("category", "news")
        assert sorted(d.name for d in column.departments.all()) == sorted(spec.get("departments", []))
        assert column.link_url == spec.get("link", "")


@pytest.mark.django_db
def test_sport_blueprint_has_the_five_key_columns_and_their_twenty_children():
    site = create_subsite("sport.example.gov.cn", "体育局", "sport")
    key = ["全民健身", "竞技体育", "青少体育", "体育产业", "体育宣传文化"]
    first_level = ColumnPage.objects.child_of(site.root_page).filter(title__in=key)
    assert first_level.count() == 5
    assert sum(ColumnPage.objects.child_of(c).count() for c in first_level) == 20
    fitness = first_level.get(title="全民健身")
    fitness_news = ColumnPage.objects.child_of(fitness).get(slug="dtxx")
    assert fitness_news.update_category == UpdateCategory.NEWS
    assert fitness_news.update_limit.days == 14
    assert {d.name for d in fitness_news.departments.all()} == {"群体司", "青少司"}
    discipline = ColumnPage.objects.descendant_of(site.root_page).get(slug="sfsj")
    assert {d.name for d in discipline.departments.all()} == {"竞体司", "科教司", "监察局"}
    assert discipline.update_limit.days == 365


@pytest.mark.django_db
def test_create_subsite_makes_groups_limited_to_the_site_and_its_review_workflow():
    site = create_subsite("edu.example.gov.cn", "教育局", "department")
    names = set(Group.objects.filter(name__startswith="教育局-").values_list("name", flat=True))
    assert names == {
        "教育局-编辑",
        "教育局-站点管理员",
        "教育局-信息公开",
        "教育局-信息公开负责人",
        "教育局-互动交流",
        "教育局-互动审核",
        "教育局-初审",
        "教育局-审核",
        "教育局-审发",
    }
    head = Group.objects.get(name="教育局-信息公开负责人")
    assert {p.codename for p in head.permissions.all()} >= {"change_disclosurerequest", "approve_extension"}
    staff = Group.objects.get(name="教育局-信息公开")
    assert "approve_extension" not in {p.codename for p in staff.permissions.all()}
    editor_perms = GroupPagePermission.objects.filter(group__name="教育局-编辑")
    assert {p.page_id for p in editor_perms} == {site.root_page_id}
    assert {p.permission.codename for p in editor_perms} == {"add_page", "change_page"}
    assert not GroupPagePermission.objects.filter(
        group__name__startswith="教育局-", permission__codename="publish_page"
    )
    workflow = WorkflowPage.objects.get(page=site.root_page).workflow
    assert [t.name for t in workflow.tasks] == ["初审·教育局", "审核·教育局", "审发·教育局"]
    assert Department.objects.filter(site=site, name="办公室").exists()


@pytest.mark.django_db
def test_create_subsite_command_and_its_errors():
    out = __import__("io").StringIO()
    call_command("create_subsite", hostname="Health.Example.gov.cn", name="卫健委", blueprint="department", stdout=out)
    assert "已创建网站“卫健委”" in out.getvalue()
    assert Site.objects.filter(hostname="health.example.gov.cn").exists()
    with pytest.raises(CommandError, match="已被其他网站使用"):
        call_command("create_subsite", hostname="health.example.gov.cn", name="另一个", blueprint="department")
    with pytest.raises(CommandError, match="域名格式不正确"):
        call_command("create_subsite", hostname="bad host!", name="坏域名", blueprint="department")
    with pytest.raises(CommandError, match="没有名为“nope”的栏目蓝本"):
        call_command("create_subsite", hostname="x.example.gov.cn", name="无蓝本", blueprint="nope")
    with pytest.raises(ValidationError):
        create_subsite("y.example.gov.cn", "", "department")
    assert not Site.objects.filter(hostname__in=["x.example.gov.cn", "y.example.gov.cn"]).exists()


@pytest.mark.django_db
def test_platform_admin_creates_a_subsite_from_the_admin(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.gov.cn", "pw"))
    url = reverse("create_subsite")
    form = client.get(url).content.decode()
    assert "部门子站" in form and "门户网站" in form
    response = client.post(
        url, {"name": "交通运输局", "hostname": "jt.example.gov.cn", "port": 80, "blueprint": "department"}
    )
    assert response.status_code == 302
    assert ColumnPage.objects.filter(title="工作动态", url_path__startswith="/jtexamplegovcn/").exists()

    again = client.post(url, {"name": "交通局", "hostname": "jt.example.gov.cn", "port": 80, "blueprint": "department"})
    assert again.status_code == 200
    html = again.content.decode()
    assert "已被其他网站使用" in html
    assert 'value="交通局"' in html  # what was typed is kept


@pytest.mark.django_db
def test_only_platform_admins_may_create_subsites(client, sport):
    editor = get_user_model().objects.create_user("e", password="pw")
    editor.groups.add(Group.objects.get(name="测试市体育局-站点管理员"))
    client.force_login(editor)
    response = client.post(
        reverse("create_subsite"), {"name": "x", "hostname": "x.test", "port": 80, "blueprint": "portal"}
    )
    assert response.status_code in (302, 403)
    assert not Site.objects.filter(hostname="x.test").exists()


# A sub-site created while the site group runs (issue 21) ------------------------------------


@pytest.mark.django_db
def test_a_new_department_site_has_disclosure_and_interaction_columns_and_a_home_page_with_sections(client):
    site = create_subsite("edu.example.gov.cn", "教育局", "department")
    columns = site_columns(site)
    assert {"/zfxxgk/gkzn", "/zfxxgk/gkzd", "/zfxxgk/fdzdgk", "/zfxxgk/gknb"} <= set(columns)
    assert {"/hdjl/ldxx", "/hdjl/yjzj", "/hdjl/wsdc", "/hdjl/zxft"} <= set(columns)

    body = site.root_page.specific.body
    listed = [block.value["column"].title for block in body if block.block_type == "latest_items"]
    assert listed == ["工作动态", "公示公告", "文件通知"]
    links = next(block.value["links"] for block in body if block.block_type == "quick_links")
    assert {"政府信息公开", "互动交流", "机构概况"} <= {link["title"] for link in links}

    home = client.get("/", HTTP_HOST="edu.example.gov.cn")
    assert home.status_code == 200
    page = BeautifulSoup(home.content, "html.parser")
    assert [h2.get_text() for h2 in page.select("section.latest-items h2")] == listed
    assert {"政府信息公开", "互动交流"} <= {a.get_text() for a in page.select("section.quick-links a")}
    for path, column in columns.items():
        if not column.link_url:
            assert client.get(column.url, HTTP_HOST="edu.example.gov.cn").status_code == 200, path


@pytest.mark.django_db
def test_a_page_cached_for_a_host_before_its_site_existed_gives_way_to_the_new_site(client, portal):
    Site.objects.filter(pk=portal.pk).update(is_default_site=True)  # answers hosts without a site of their own
    assert client.get("/", HTTP_HOST="edu.example.gov.cn")["X-Page-Cache"] == "miss"
    assert client.get("/", HTTP_HOST="edu.example.gov.cn")["X-Page-Cache"] == "hit"

    create_subsite("edu.example.gov.cn", "教育局", "department")
    response = client.get("/", HTTP_HOST="edu.example.gov.cn")
    assert response["X-Page-Cache"] == "miss"
    title = BeautifulSoup(response.content, "html.parser").title.string
    assert "教育局" in title and portal.site_name not in title


def test_every_process_shares_the_cache_without_redis(tmp_path):
    """Wagtail keeps the sites' root paths in the default cache and clears them when a site is saved:
    in the process that saved it. A site created by `manage.py create_subsite` (or by one web
    process) was unknown to the running server until it restarted, so every URL of the new site was
    None. Each cache must be one store that all processes read."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "REDIS_URL": "",
        "CACHE_DIR": str(tmp_path / "default"),
        "PAGE_CACHE_DIR": str(tmp_path / "pages"),
    }

    def in_another_process(code):
        script = f"import django; django.setup(); from django.core.cache import caches; {code}"
        run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    for alias in ("default", "pages"):
        in_another_process(f"caches[{alias!r}].set('written-by', 'another process', None)")
        assert in_another_process(f"print(caches[{alias!r}].get('written-by'))") == "another process", alias
