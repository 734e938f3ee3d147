"""信息报送与内容共享: offers between the sites of the group, live references, edited copies,
pushes, and what readers, crawlers and the receiving editors see. Driven through the admin's
HTTP views and the public sites, as staff and readers use them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localtime
from wagtail.models import Page

from home.models import ArticlePage, Department
from home.subsites import group_name
from sharing.models import Offer, OfferState, PushMode, ReceivingColumn
from tests.conftest import add_article, column_at, publish

PORTAL = {"HTTP_HOST": "portal.test"}
SPORT = {"HTTP_HOST": "sport.test"}


def member(site, role, username=None):
    user = get_user_model().objects.create_user(username or f"{site.hostname}-{role}", password="pw")
    user.groups.add(Group.objects.get(name=group_name(site.site_name, role)))
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def portal_news(portal):
    """The portal's 部门动态 takes offers from the sub-sites."""
    column = column_at(portal, "xwdt/bmdt")
    ReceivingColumn.objects.create(site=portal, column=column, accepts_offers=True)
    return column


@pytest.fixture
def sport_article(sport):
    department = Department.objects.filter(site=sport).first()
    return add_article(
        column_at(sport, "qmjs/dtxx"),
        "市体育局举办全民健身运动会",
        department=department,
        body=[("paragraph", "<p>全民健身运动会在市体育中心开幕，共设十二个比赛项目。</p>")],
    )


@pytest.fixture
def sport_editor(sport):
    return member(sport, "编辑")


@pytest.fixture
def portal_editor(portal):
    return member(portal, "编辑")


def offer_it(client, page, receiving, note="请部门动态栏目采用。"):
    return client.post(reverse("sharing_offer", args=[page.pk]), {"receiving": receiving.pk, "note": note})


def decide(client, offer, action, **data):
    return client.post(reverse("sharing_decide", args=[offer.pk, action]), data)


def public(path, host=PORTAL):
    return Client().get(path, **host)


def edit_and_publish(page, title=None, text=None):
    page = ArticlePage.objects.get(pk=page.pk)
    if title:
        page.title = title
    if text:
        page.body = [("paragraph", f"<p>{text}</p>")]
    return publish(page)


def test_offer_accept_follow_and_disappear(portal_news, sport_article, sport_editor, portal_editor):
    receiving = portal_news.sharing_setting
    offerer = logged_in(sport_editor)
    form = offerer.get(reverse("sharing_offer", args=[sport_article.pk]))
    assert "测试市人民政府 · 部门动态" in form.content.decode()
    assert offer_it(offerer, sport_article, receiving).status_code == 302
    offer = Offer.objects.get(source_page=sport_article)
    assert (offer.state, offer.target_site.hostname, offer.source_department) == (
        OfferState.OFFERED,
        "portal.test",
        sport_article.department.name,
    )

    receiver = logged_in(portal_editor)
    inbox = receiver.get(reverse("sharing_inbox")).content.decode()
    assert "市体育局举办全民健身运动会" in inbox and "请部门动态栏目采用。" in inbox
    assert decide(receiver, offer, "accept_reference").status_code == 302
    offer.refresh_from_db()
    reference = offer.result_page
    assert offer.state == OfferState.ACCEPTED_REFERENCE and reference.alias_of_id == sport_article.pk
    assert reference.get_parent().pk == portal_news.pk

    # Readers of the portal see it under the portal's address and layout, credited to its source.
    page = public(reference.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "全民健身运动会在市体育中心开幕" in html
    assert f'<link rel="canonical" href="{sport_article.full_url}">' in html
    assert "测试市体育局" in html and sport_article.department.name in html
    assert localtime(sport_article.date).strftime("%Y-%m-%d") in html
    assert "测试市人民政府" in html  # the portal's header and footer
    assert "市体育局举办全民健身运动会" in public("/xwdt/bmdt/").content.decode()

    # The source is edited and republished: the reference shows the edit.
    edit_and_publish(sport_article, text="运动会共吸引三千余名市民参赛。")
    html = public(reference.url).content.decode()
    assert "运动会共吸引三千余名市民参赛。" in html and "共设十二个比赛项目" not in html

    # The source is unpublished: the reference is gone, and the portal's editors are told.
    ArticlePage.objects.get(pk=sport_article.pk).unpublish()
    assert public(reference.url).status_code == 404
    assert "市体育局举办全民健身运动会" not in public("/xwdt/bmdt/").content.decode()
    inbox = receiver.get(reverse("sharing_inbox")).content.decode()
    assert "原文已被撤销发布" in inbox
    assert "原文已撤下" in receiver.get(reverse("wagtailadmin_home")).content.decode()

    # Published again, it comes back.
    edit_and_publish(sport_article)
    assert public(reference.url).status_code == 200
    offer.refresh_from_db()
    assert offer.source_gone_at is None


def test_cached_pages_of_the_receiving_site_follow_the_source(portal_news, sport_article, sport_editor, portal_editor):
    offer_it(logged_in(sport_editor), sport_article, portal_news.sharing_setting)
    column_page = public("/xwdt/bmdt/")
    assert column_page["X-Page-Cache"] == "miss" and public("/xwdt/bmdt/")["X-Page-Cache"] == "hit"
    home = public("/")
    assert public("/")["X-Page-Cache"] == "hit"

    decide(logged_in(portal_editor), Offer.objects.get(), "accept_reference")
    reference = Offer.objects.get().result_page
    listing = public("/xwdt/bmdt/")
    assert listing["X-Page-Cache"] == "miss" and "市体育局举办全民健身运动会" in listing.content.decode()
    assert public(reference.url)["X-Page-Cache"] == "miss"
    assert public(reference.url)["X-Page-Cache"] == "hit"
    assert home.status_code == 200

    edit_and_publish(sport_article, title="全民健身运动会圆满闭幕")
    for path in (reference.url, "/xwdt/bmdt/"):
        response = public(path)
        assert response["X-Page-Cache"] == "miss", path
        assert "全民健身运动会圆满闭幕" in response.content.decode(), path


def test_deleting_the_source_removes_the_reference_and_tells_the_receivers(
    portal_news, sport_article, sport_editor, portal_editor
):
    offer_it(logged_in(sport_editor), sport_article, portal_news.sharing_setting)
    decide(logged_in(portal_editor), Offer.objects.get(), "accept_reference")
    reference = Offer.objects.get().result_page
    public(reference.url)

    Page.objects.get(pk=sport_article.pk).delete()

    assert not Page.objects.filter(pk=reference.pk).exists()
    assert public(reference.url).status_code == 404
    offer = Offer.objects.get()
    assert offer.state == OfferState.ACCEPTED_REFERENCE and offer.source_page is None
    assert "原文已被删除" in logged_in(portal_editor).get(reverse("sharing_inbox")).content.decode()


def test_the_receiving_site_removes_a_reference_without_touching_the_source(
    portal_news, sport_article, sport_editor, portal_editor
):
    offer_it(logged_in(sport_editor), sport_article, portal_news.sharing_setting)
    receiver = logged_in(portal_editor)
    offer = Offer.objects.get()
    decide(receiver, offer, "accept_reference")
    reference = Offer.objects.get().result_page

    assert decide(receiver, offer, "remove").status_code == 302
    assert public(reference.url).status_code == 404
    assert public(sport_article.url, SPORT).status_code == 200
    usage = logged_in(sport_editor).get(reverse("sharing_usage", args=[sport_article.pk])).content.decode()
    assert "已被对方撤下" in usage


def test_an_edited_copy_goes_through_the_receiving_sites_review(
    portal, portal_news, sport_article, sport_editor, portal_editor
):
    from tests.test_review_and_permissions import approve

    offer_it(logged_in(sport_editor), sport_article, portal_news.sharing_setting)
    receiver = logged_in(portal_editor)
    response = decide(receiver, Offer.objects.get(), "accept_copy")
    copy = ArticlePage.objects.get(pk=Offer.objects.get().result_page_id)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert not copy.live and copy.alias_of_id is None and copy.department is None
    assert copy.source == f"测试市体育局{sport_article.department.name}"
    assert public(copy.url).status_code == 404

    copy.title = "体育局全民健身运动会开幕（转载）"
    copy.save_revision(user=portal_editor).submit_for_moderation = None
    copy.get_workflow().start(copy, portal_editor)
    for role in ("初审", "审核", "审发"):
        approve(receiver, member(portal, role), copy)
    copy.refresh_from_db()
    assert copy.live
    assert "体育局全民健身运动会开幕（转载）" in public(copy.url).content.decode()
    assert ArticlePage.objects.get(pk=sport_article.pk).title == "市体育局举办全民健身运动会"


def test_declined_and_withdrawn_offers_leave_nothing_behind(
    portal_news, sport, sport_article, sport_editor, portal_editor
):
    offerer, receiver = logged_in(sport_editor), logged_in(portal_editor)
    children = portal_news.get_children().count()
    offer_it(offerer, sport_article, portal_news.sharing_setting)
    response = decide(receiver, Offer.objects.get(), "decline", reason="与部门动态栏目定位不符，建议报送基层动态。")
    assert response.status_code == 302
    mine = offerer.get(reverse("sharing_mine")).content.decode()
    assert "不予采用" in mine and "与部门动态栏目定位不符，建议报送基层动态。" in mine

    other = add_article(column_at(sport, "qmjs/dtxx"), "体育场馆免费开放时间调整")
    offer_it(offerer, other, portal_news.sharing_setting)
    second = Offer.objects.get(source_page=other)
    assert decide(offerer, second, "withdraw").status_code == 302
    second.refresh_from_db()
    assert second.state == OfferState.WITHDRAWN
    assert decide(receiver, second, "accept_reference").status_code == 302  # refused with a message
    assert portal_news.get_children().count() == children
    assert "已撤回" in offerer.get(reverse("sharing_mine")).content.decode()


# Permissions


def test_nobody_acts_on_another_sites_offers(portal, sport, portal_news, sport_article, sport_editor):
    offer_it(logged_in(sport_editor), sport_article, portal_news.sharing_setting)
    offer = Offer.objects.get()
    outsider = get_user_model().objects.create_user("no-site", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    expected = {
        sport_editor: 403,
        member(sport, "站点管理员"): 403,
        member(sport, "审发"): 403,
        member(portal, "初审"): 403,  # reviewers add no pages
        outsider: 404,
    }
    for user, status in expected.items():
        client = logged_in(user)
        for action in ("accept_reference", "accept_copy", "decline", "remove"):
            assert decide(client, offer, action, reason="不采用").status_code == status, (user, action)
    offer.refresh_from_db()
    assert offer.state == OfferState.OFFERED
    assert logged_in(outsider).post(reverse("sharing_decide", args=[offer.pk, "withdraw"])).status_code == 404
    assert decide(logged_in(member(portal, "编辑", "portal-editor-2")), offer, "withdraw").status_code == 403
    # The receiving side does not see it as its own offer, nor the offering side in its inbox.
    assert "市体育局举办全民健身运动会" not in logged_in(sport_editor).get(reverse("sharing_inbox")).content.decode()


def test_offers_go_only_to_columns_that_accept_them(portal, sport, portal_news, sport_article, sport_editor):
    offerer = logged_in(sport_editor)
    closed = ReceivingColumn.objects.create(
        site=portal, column=column_at(portal, "xwdt/jcdt"), accepts_offers=False, receives_pushes=True
    )
    response = offer_it(offerer, sport_article, closed)
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    # A column of the offerer's own site is never offered to.
    own = ReceivingColumn.objects.create(site=sport, column=column_at(sport, "jjty/jjxw"))
    assert offer_it(offerer, sport_article, own).status_code == 200
    assert not Offer.objects.exists()
    # Nor may a sub-site offer a page of another site.
    portal_article = add_article(column_at(portal, "tzgg"), "市政府通知")
    assert offer_it(offerer, portal_article, portal_news.sharing_setting).status_code == 403
    assert logged_in(sport_editor).get(reverse("sharing_settings", args=[portal.pk])).status_code == 403


def test_site_admins_choose_the_columns_that_receive(portal, portal_news):
    admin = logged_in(member(portal, "站点管理员"))
    jcdt = column_at(portal, "xwdt/jcdt")
    response = admin.post(
        reverse("sharing_settings", args=[portal.pk]),
        {"offer_columns": [jcdt.pk], "push_column": jcdt.pk, "push_mode": PushMode.INBOX},
    )
    assert response.status_code == 302
    setting = ReceivingColumn.objects.get(site=portal)
    assert (setting.column_id, setting.accepts_offers, setting.receives_pushes) == (jcdt.pk, True, True)
    assert "基层动态" in admin.get(reverse("sharing_settings_index")).content.decode()


def test_long_notes_and_reasons_get_a_message_not_an_error(portal_news, sport_article, sport_editor, portal_editor):
    offerer = logged_in(sport_editor)
    response = offer_it(offerer, sport_article, portal_news.sharing_setting, note="报" * 10_000)
    assert response.status_code == 200 and "500" in response.content.decode() and not Offer.objects.exists()
    offer_it(offerer, sport_article, portal_news.sharing_setting)
    receiver = logged_in(portal_editor)
    response = receiver.post(
        reverse("sharing_decide", args=[Offer.objects.get().pk, "decline"]), {"reason": "理" * 10_000}, follow=True
    )
    assert response.status_code == 200 and "500" in response.content.decode()
    assert Offer.objects.get().state == OfferState.OFFERED
    response = receiver.post(
        reverse("sharing_decide", args=[Offer.objects.get().pk, "decline"]), {"reason": " "}, follow=True
    )
    assert "请填写不予采用的理由" in response.content.decode()
    assert receiver.post(reverse("sharing_decide", args=[Offer.objects.get().pk, "nonsense"])).status_code == 404


# Where it is shown, sitemaps and feeds


def test_usage_sitemap_and_feed_of_a_reference(portal_news, sport_article, sport_editor, portal_editor):
    offer_it(logged_in(sport_editor), sport_article, portal_news.sharing_setting)
    decide(logged_in(portal_editor), Offer.objects.get(), "accept_reference")
    reference = Offer.objects.get().result_page

    usage = logged_in(sport_editor).get(reverse("sharing_usage", args=[sport_article.pk])).content.decode()
    assert reference.full_url in usage and "测试市人民政府" in usage
    edit = logged_in(portal_editor).get(reverse("wagtailadmin_pages:edit", args=[reference.pk])).content.decode()
    assert sport_article.full_url in edit  # 查看原文

    sitemap = public("/sitemap.xml").content.decode()
    assert f"<loc>{sport_article.full_url}</loc>" in sitemap and reference.full_url not in sitemap
    feed = public("/xwdt/bmdt/feed/").content.decode()
    assert f"<link>{sport_article.full_url}</link>" in feed


def test_the_receiving_sites_search_finds_the_reference(portal_news, sport_article, sport_editor, portal_editor):
    offer_it(logged_in(sport_editor), sport_article, portal_news.sharing_setting)
    decide(logged_in(portal_editor), Offer.objects.get(), "accept_reference")
    reference = Offer.objects.get().result_page
    html = Client().get("/search/", {"q": "全民健身运动会"}, **PORTAL).content.decode()
    assert "市体育局举办全民健身运动会" in html and f'href="{reference.get_url_parts()[2]}"' in html


def test_an_article_in_review_is_shown_once_its_own_review_publishes_it(
    sport, portal_news, sport_editor, portal_editor
):
    draft = add_article(column_at(sport, "qmjs/dtxx"), "青少年冬季游泳培训开始报名", live=False)
    draft.get_workflow().start(draft, sport_editor)
    assert offer_it(logged_in(sport_editor), draft, portal_news.sharing_setting).status_code == 302
    decide(logged_in(portal_editor), Offer.objects.get(), "accept_reference")
    reference = Offer.objects.get().result_page
    assert not reference.live and public(reference.url).status_code == 404

    publish(ArticlePage.objects.get(pk=draft.pk))
    page = public(reference.url)
    assert page.status_code == 200 and "青少年冬季游泳培训开始报名" in page.content.decode()
