"""Every page type renders for an anonymous visitor with what a reader expects to see."""

import re

from django.core.files.base import ContentFile

from home.models import PortalDocument, TopicPage
from tests.conftest import add_article, column_at, publish

HOST = {"HTTP_HOST": "portal.test"}


def titles_in_order(html, titles):
    positions = [html.index(t) for t in titles]
    return positions == sorted(positions)


def test_home_page_shows_identity_navigation_and_latest_items(client, portal):
    home = portal.root_page.specific
    news = column_at(portal, "xwdt/zwyw")
    add_article(news, "市政府召开第十二次常务会议", days_ago=1)
    home.body = [("latest_items", {"column": news, "title": "", "count": 5})]
    publish(home)

    response = client.get("/", **HOST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "测试市人民政府" in html
    assert "5399000001" in html  # 网站标识码 in the footer
    assert "市政府召开第十二次常务会议" in html
    assert 'href="/xwdt/"' in html and "新闻动态" in html  # main navigation from the page tree
    assert '<a class="skip-link" href="#main">' in html
    assert '<html lang="zh-CN">' in html


def test_column_lists_published_items_newest_first_with_pagination(client, portal):
    column = column_at(portal, "tzgg")
    for n in range(25):
        add_article(column, f"通知第{n:02d}号", days_ago=n)
    add_article(column, "尚未发布的草稿", live=False)

    first = client.get("/tzgg/", **HOST).content.decode()
    assert titles_in_order(first, ["通知第00号", "通知第01号", "通知第19号"])
    assert "通知第20号" not in first
    assert "尚未发布的草稿" not in first
    assert "第 1 页，共 2 页" in first

    second = client.get("/tzgg/?page=2", **HOST).content.decode()
    assert "通知第20号" in second and "通知第24号" in second
    assert client.get("/tzgg/?page=abc", **HOST).status_code == 200


def test_first_level_column_lists_its_subcolumns_and_their_items(client, portal):
    add_article(column_at(portal, "xwdt/bmdt"), "市统计局发布三季度经济运行情况")
    html = client.get("/xwdt/", **HOST).content.decode()
    assert "政务要闻" in html and "部门动态" in html
    assert "市统计局发布三季度经济运行情况" in html


def test_column_rss_feed(client, portal):
    column = column_at(portal, "tzgg")
    add_article(column, "关于春节期间停水的通知", source="市水务局")
    response = client.get("/tzgg/feed/", **HOST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<title>关于春节期间停水的通知</title>" in body
    assert "http://portal.test/tzgg/" in body


def test_link_column_forwards_to_its_target(client, portal):
    response = client.get("/bsfw/gjzwfw/", **HOST)
    assert response.status_code == 302
    assert response["Location"] == "https://www.gjzwfw.gov.cn/"


def test_article_page_shows_metadata_body_and_attachment_digest(client, portal):
    document = PortalDocument(title="实施方案全文")
    document.file.save("plan.txt", ContentFile("实施方案正文".encode()), save=False)
    document.save()
    department = portal.home_department_set.get(name="政府办公室")
    article = add_article(
        column_at(portal, "zcwj/zfwj"),
        "关于加强政府网站信息内容建设的实施意见",
        source="测试市人民政府办公室",
        author="李明",
        department=department,
        body=[
            ("heading", {"text": "一、着力深化思想认识", "level": "h2"}),
            ("paragraph", "<p>政府网站是政府密切联系群众的重要桥梁。</p>"),
            ("attachment", {"document": document, "title": ""}),
        ],
    )
    response = client.get(article.url, **HOST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>关于加强政府网站信息内容建设的实施意见</h1>" in html
    assert "来源：测试市人民政府办公室" in html
    assert "责任单位：政府办公室" in html
    assert '<h2 class="block-heading">一、着力深化思想认识</h2>' in html
    assert "实施方案全文" in html
    assert document.sha256 and document.sha256 in html
    assert "打印本页" in html
    assert re.search(r"首页</a></li>\s*<li><a href=\"/zcwj/\">政策文件", html)  # breadcrumbs


def test_topic_page_shows_banner_intro_and_sections(client, portal):
    column = column_at(portal, "ztzl")
    add_article(column_at(portal, "zcwj/zcjd"), "一图读懂政务公开工作要点")
    topic = TopicPage(
        title="政务公开专题",
        slug="zwgk",
        intro="集中展示政务公开工作。",
        body=[("latest_items", {"column": column_at(portal, "zcwj"), "title": "政策文件", "count": 5})],
    )
    column.add_child(instance=topic)
    publish(topic)
    html = client.get("/ztzl/zwgk/", **HOST).content.decode()
    assert "<h1>政务公开专题</h1>" in html
    assert "集中展示政务公开工作。" in html
    assert "一图读懂政务公开工作要点" in html

    listing = client.get("/ztzl/", **HOST).content.decode()  # the 专题专栏 column lists its topics
    assert 'href="/ztzl/zwgk/"' in listing and "集中展示政务公开工作。" in listing
    assert "本栏目暂无信息" not in listing


def test_unknown_page_gets_the_sites_404(client, portal):
    response = client.get("/no-such-page/", **HOST)
    assert response.status_code == 404
    assert "抱歉，您访问的页面不存在" in response.content.decode()
