"""Anonymous page cache: readers get kept pages, and never a page older than what was published."""

import pytest
from django.test import Client
from wagtail.actions.move_page import MovePageAction
from wagtail.models import PageViewRestriction

from casework.posts import Moderation
from home.models import Department
from interaction.models import ArticleComments, Comment
from tests.conftest import add_article, column_at, publish
from tests.test_disclosure_factories import add_request_page

PORTAL = {"HTTP_HOST": "portal.test"}
SPORT = {"HTTP_HOST": "sport.test"}


def get(client, path, host=PORTAL):
    response = client.get(path, **host)
    assert response.status_code == 200, path
    return response.get("X-Page-Cache"), response.content.decode()


@pytest.fixture
def news(portal):
    return column_at(portal, "tzgg")


def test_second_anonymous_visit_is_served_from_the_cache(client, news):
    article = add_article(news, "关于开展全民健身月活动的通知")
    for path in ("/", "/tzgg/", "/tzgg/?page=2", article.url):
        assert get(client, path)[0] == "miss"
        assert get(client, path)[0] == "hit"


def test_publishing_an_article_refreshes_its_column_and_home_but_not_another_site(client, news, sport):
    add_article(news, "第一篇通知")
    get(client, "/tzgg/")
    get(client, "/")
    get(client, "/", SPORT)

    add_article(news, "新发布的第二篇通知")

    state, html = get(client, "/tzgg/")
    assert state == "miss" and "新发布的第二篇通知" in html
    assert get(client, "/")[0] == "miss"
    assert get(client, "/", SPORT)[0] == "hit"


def test_an_unpublished_article_leaves_its_column_at_once(client, news):
    article = add_article(news, "将被撤下的通知")
    url = article.url
    assert "将被撤下的通知" in get(client, "/tzgg/")[1]
    get(client, url)

    article.unpublish()

    assert "将被撤下的通知" not in get(client, "/tzgg/")[1]
    assert client.get(url, **PORTAL).status_code == 404


def test_a_moved_article_leaves_its_old_column_and_joins_the_new_one(client, portal, news):
    other = column_at(portal, "xwdt/zwyw")
    article = add_article(news, "调整栏目的一篇文章")
    get(client, "/tzgg/")
    get(client, "/xwdt/zwyw/")

    MovePageAction(article, other, pos="last-child").execute()

    assert "调整栏目的一篇文章" not in get(client, "/tzgg/")[1]
    assert "调整栏目的一篇文章" in get(client, "/xwdt/zwyw/")[1]


def test_renaming_a_column_refreshes_the_menus_of_its_site(client, portal, news):
    article = add_article(news, "一篇普通文章")
    get(client, article.url)
    news.title = "通知与公告"
    publish(news)
    state, html = get(client, article.url)
    assert state == "miss" and "通知与公告" in html


def test_breadcrumbs_and_side_navigation_follow_a_renamed_column_with_the_cache_off(client, settings, portal):
    settings.PAGE_CACHE_SECONDS = 0  # menus, trails and side navigation are kept all the same
    news = column_at(portal, "xwdt/zwyw")
    article = add_article(news, "市长调研重点项目")
    assert "政务要闻</a></li>" in get(client, article.url)[1]  # the trail
    assert ">政务要闻</a></li>" in get(client, "/xwdt/bmdt/")[1]  # the sibling's side navigation

    news.title = "要闻速递"
    publish(news)

    trail = get(client, article.url)[1].split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "要闻速递" in trail and "政务要闻" not in trail
    side = get(client, "/xwdt/bmdt/")[1].split('class="subnav"')[1].split("</ul>")[0]
    assert "要闻速递" in side and "政务要闻" not in side


def test_renaming_a_department_refreshes_the_articles_that_show_it(client, portal, news):
    department = Department.objects.create(site=portal, name="市体育局办公室", locale=portal.root_page.locale)
    article = add_article(news, "由办公室负责的通知", department=department)
    other = add_article(news, "没有责任单位的通知")
    get(client, article.url)
    get(client, other.url)

    department.name = "市体育局综合处"
    department.save()

    state, html = get(client, article.url)
    assert state == "miss" and "市体育局综合处" in html
    assert get(client, other.url)[0] == "hit"


def test_an_approved_comment_shows_on_the_cached_article(client, portal, news):
    article = add_article(news, "征求意见的文章")
    ArticleComments.objects.create(page=article)
    comment = Comment.objects.create(page=article, site=portal, nickname="网民", content="建议延长开放时间")
    assert "建议延长开放时间" not in get(client, article.url)[1]

    comment.status = Moderation.APPROVED
    comment.save()

    assert "建议延长开放时间" in get(client, article.url)[1]


def test_a_form_with_a_captcha_is_served_fresh_to_each_visitor(portal, news):
    article = add_article(news, "开放留言的文章")
    ArticleComments.objects.create(page=article)
    first = Client().get(article.url, **PORTAL)  # another visitor

    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(article.url, **PORTAL)
    # The comment form's captcha is single-use: a page carrying one is never kept for the next visitor.
    assert response.get("X-Page-Cache") != "hit"
    challenge = 'name="captcha_token" value="'
    assert first.content.decode().split(challenge)[1][:20] != response.content.decode().split(challenge)[1][:20]
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    posted = visitor.post(article.url, {"csrfmiddlewaretoken": token, "content": "测试"}, **PORTAL)
    assert posted.status_code != 403


def test_editors_forms_and_restricted_pages_are_never_cached(client, django_user_model, portal, news):
    article = add_article(news, "仅限内部查看的文章")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(article.url, **PORTAL).get("X-Page-Cache") is None

    form = add_request_page(portal)
    for _ in range(2):
        assert client.get(form.url, **PORTAL).get("X-Page-Cache") is None

    editor = django_user_model.objects.create_superuser("editor", password="x")
    client.force_login(editor)
    for _ in range(2):
        assert client.get("/tzgg/", **PORTAL).get("X-Page-Cache") is None


def test_restricting_a_cached_column_hides_it_and_its_articles_at_once(client, portal, news):
    article = add_article(news, "稍后限制查看的通知")
    for path in ("/", "/tzgg/", article.url):
        get(client, path)
        assert get(client, path)[0] == "hit"
    assert 'href="/tzgg/"' in get(client, "/")[1]

    restriction = PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)

    for path in ("/tzgg/", article.url):
        assert client.get(path, **PORTAL).status_code == 302  # to the login page
    home = get(client, "/")[1]
    assert 'href="/tzgg/"' not in home and "稍后限制查看的通知" not in home

    restriction.delete()
    assert "稍后限制查看的通知" in get(client, "/tzgg/")[1]
    assert 'href="/tzgg/"' in get(client, "/")[1]


def test_the_cache_can_be_switched_off(client, settings, news):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert client.get("/tzgg/", **PORTAL).get("X-Page-Cache") is None
