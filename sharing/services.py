"""What an offer can do: be made, accepted as a live reference or as an edited copy, declined,
withdrawn; what a push does; and what happens to references when their source goes away.

Every function checks the acting user's right itself, so a view (or a forged POST) cannot act on
another site's offer: a user acts for a site only when `sites_for_user` holds it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.models import Page

from home.models import ArticlePage, ColumnPage
from home.page_cache import page_changed
from home.scoping import user_manages_site
from sharing.models import ACCEPTED, Offer, OfferState, PushMode, ReceivingColumn

OPEN_STATES = (OfferState.OFFERED, *ACCEPTED)


def site_of(page):
    return page.get_site()


def can_offer(user, page):
    """A published or in-review article of one of the user's sites, which the user may edit.
    An alias (a reference shown here) is not ours to offer: its source is."""
    page = page.specific
    if not isinstance(page, ArticlePage) or page.alias_of_id:
        return False
    site = site_of(page)
    if site is None or not user_manages_site(user, site.pk):
        return False
    if not (page.live or page.workflow_in_progress):
        return False
    return page.permissions_for_user(user).can_edit()


def offer_columns(page):
    """Columns of the other sites that take offers."""
    site = site_of(page)
    return (
        ReceivingColumn.objects.filter(accepts_offers=True, column__live=True)
        .exclude(site=site)
        .select_related("site", "column")
        .order_by("site__site_name", "column__path")
    )


def _department_name(page):
    department = getattr(page, "department", None)
    return department.name if department else ""


def make_offer(user, page, receiving, note="", is_push=False):
    page = page.specific
    if not can_offer(user, page):
        raise PermissionDenied
    if not is_push and not receiving.accepts_offers:
        raise ValidationError("该栏目不接收报送。")
    source_site = site_of(page)
    if receiving.site_id == source_site.pk:
        raise ValidationError("只能报送到站群内的其他网站。")
    if Offer.objects.filter(source_page=page, target_column=receiving.column, state__in=OPEN_STATES).exists():
        raise ValidationError(f"本文已报送到“{receiving}”。")
    return Offer.objects.create(
        source_page=page,
        source_site=source_site,
        source_title=page.title[:255],
        source_department=_department_name(page)[:120],
        target_site=receiving.site,
        target_column=receiving.column,
        is_push=is_push,
        note=note,
        offered_by=user,
    )


def can_decide(user, offer):
    """Editors of the receiving site who may add pages to the receiving column."""
    if offer.target_column is None or not user_manages_site(user, offer.target_site_id):
        return False
    return offer.target_column.permissions_for_user(user).can_add_subpage()


def _check_open(user, offer):
    if not can_decide(user, offer):
        raise PermissionDenied
    # Two editors deciding at once: the second waits for the first and finds it decided.
    offer.state = Offer.objects.select_for_update().values_list("state", flat=True).get(pk=offer.pk)
    if offer.state != OfferState.OFFERED:
        raise ValidationError("该信息已处理。")
    if offer.source_page is None:
        raise ValidationError("原文已被删除，无法采用。")


def _free_slug(parent, slug):
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _decided(offer, user, state, **fields):
    offer.state = state
    offer.decided_by = user
    offer.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(offer, name, value)
    offer.save()
    return offer


@transaction.atomic
def accept_reference(user, offer, show_from=None, show_until=None):
    """A live reference: a Wagtail alias of the source under the receiving column. It is live when
    the source is, and Wagtail republishes it with every publication of the source. With a future
    `show_from` the alias is made only then (sharing.tasks), so nothing shows it before."""
    _check_open(user, offer)
    if show_from and show_from > timezone.now():
        return _decided(offer, user, OfferState.ACCEPTED_REFERENCE, show_from=show_from, show_until=show_until)
    return _show_reference(offer, user, show_until=show_until)


def _show_reference(offer, user, **fields):
    return _decided(offer, user, OfferState.ACCEPTED_REFERENCE, result_page=_create_alias(offer, user), **fields)


def _create_alias(offer, user):
    source = offer.source_page.specific
    column = offer.target_column
    alias = CreatePageAliasAction(
        source,
        parent=column,
        update_slug=_free_slug(column, source.slug),
        update_locale=column.locale,
        user=user,
        reset_translation_key=True,
    ).execute(skip_permission_checks=True)
    page_changed(alias)  # the column and home page of the receiving site list it now
    return alias


def _take_down(offer):
    """Delete the alias (its post_delete drops the receiving site's cached pages); the source is
    not touched."""
    if offer.result_page_id:
        Page.objects.get(pk=offer.result_page_id).delete()
    offer.result_page = None


@transaction.atomic
def accept_copy(user, offer):
    """An edited copy: an ordinary draft page of the receiving site, credited to its source, that
    its editors change and send through their own 三审."""
    _check_open(user, offer)
    source = offer.source_page.specific
    column = offer.target_column
    credit = f"{offer.source_site.site_name}{offer.source_department}"
    copy = source.copy(
        to=column,
        update_attrs={
            "slug": _free_slug(column, source.slug),
            "source": credit[:120],
            "department": None,  # the source site's department is not one of ours
            "live": False,
            "owner": user,
        },
        copy_revisions=False,
        keep_live=False,
        user=user,
        reset_translation_key=True,
    )
    copy.save_revision(user=user, log_action=False)
    return _decided(offer, user, OfferState.ACCEPTED_COPY, result_page=copy)


@transaction.atomic
def decline(user, offer, reason):
    _check_open(user, offer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写不予采用的理由。")
    return _decided(offer, user, OfferState.DECLINED, reason=reason)


@transaction.atomic
def withdraw(user, offer):
    """The offering site takes back an offer nobody has decided on yet."""
    if not user_manages_site(user, offer.source_site_id):
        raise PermissionDenied
    offer.state = Offer.objects.select_for_update().values_list("state", flat=True).get(pk=offer.pk)
    if offer.state != OfferState.OFFERED:
        raise ValidationError("该信息已处理，不能撤回。")
    offer.state = OfferState.WITHDRAWN
    offer.decided_at = timezone.now()
    offer.save()
    return offer


def _check_reference(user, offer):
    if not can_decide(user, offer):
        raise PermissionDenied
    offer.refresh_from_db()
    if offer.state != OfferState.ACCEPTED_REFERENCE:
        raise ValidationError("该信息不是本站的引用。")


@transaction.atomic
def remove_reference(user, offer):
    """The receiving site takes a reference down (or cancels its scheduled showing)."""
    _check_reference(user, offer)
    if not (offer.result_page_id or offer.show_from):
        raise ValidationError("该引用已撤下。")
    _take_down(offer)
    offer.show_from = offer.show_until = None
    offer.save(update_fields=["result_page", "show_from", "show_until"])
    return offer


@transaction.atomic
def reschedule(user, offer, show_from=None, show_until=None):
    """Change when a reference shows: a future `show_from` hides it until then; none (or a past
    one) shows it now, re-creating the alias of a reference that was taken down."""
    _check_reference(user, offer)
    if offer.source_page is None:
        raise ValidationError("原文已被删除，无法显示。")
    if show_from and show_from > timezone.now():
        _take_down(offer)
    else:
        show_from = None
        if not offer.result_page_id:
            offer.result_page = _create_alias(offer, user)
    offer.show_from, offer.show_until = show_from, show_until
    offer.save(update_fields=["result_page", "show_from", "show_until"])
    return offer


def apply_schedules(now):
    """Show the references whose time has come and take down those past their 撤下时间."""
    references = Offer.objects.filter(state=OfferState.ACCEPTED_REFERENCE).select_related(
        "source_page", "target_column"
    )
    due = references.filter(result_page__isnull=True, show_from__lte=now)
    # Over before the task ran (the queue was down), or its source deleted meanwhile: not shown.
    due.filter(Q(show_until__lte=now) | Q(source_page__isnull=True)).update(show_from=None, show_until=None)
    shown = 0
    for offer in due.filter(source_page__isnull=False, target_column__isnull=False):
        with transaction.atomic():
            offer.result_page = _create_alias(offer, None)
            offer.show_from = None
            offer.save(update_fields=["result_page", "show_from"])
            shown += 1
    ended = 0
    for offer in references.filter(result_page__isnull=False, show_until__lte=now):
        with transaction.atomic():
            _take_down(offer)
            offer.show_until = None
            offer.save(update_fields=["result_page", "show_until"])
            ended += 1
    return shown, ended


# Pushing down (重要信息转载)


def push_targets(source_site):
    """Each other site's column for pushed items."""
    return (
        ReceivingColumn.objects.filter(receives_pushes=True, column__live=True)
        .exclude(site=source_site)
        .select_related("site", "column")
        .order_by("site__site_name")
    )


def can_push(user, page):
    """Editors of the group's main portal (the default site) push its items down."""
    site = site_of(page)
    return site is not None and site.is_default_site and can_offer(user, page)


@transaction.atomic
def push(user, page, receiving_columns, note=""):
    """Offer the page to every chosen site's push column; a site that shows pushes at once gets
    its reference now, the others find the item in their inbox."""
    if not can_push(user, page):
        raise PermissionDenied
    offers = []
    for receiving in receiving_columns:
        if not receiving.receives_pushes:
            raise ValidationError(f"“{receiving}”不接收推送。")
        offer = make_offer(user, page, receiving, note, is_push=True)
        if receiving.push_mode == PushMode.REFERENCE:
            _show_reference(offer, None)
        offers.append(offer)
    return offers


# When the source changes


def source_withdrawn(page, note, deleted=False):
    """The source was unpublished (Wagtail unpublishes its aliases with it) or is being deleted:
    tell the receiving editors in their inbox. Wagtail also reports a deleted live page as
    unpublished, after the deletion note: that one is kept."""
    offers = Offer.objects.filter(source_page=page, state=OfferState.ACCEPTED_REFERENCE, result_page__isnull=False)
    if not deleted:
        offers = offers.filter(source_gone_at__isnull=True)
    offers.update(source_gone_at=timezone.now(), source_gone_note=note)


def source_republished(page):
    Offer.objects.filter(source_page=page, source_gone_at__isnull=False, result_page__isnull=False).update(
        source_gone_at=None, source_gone_note=""
    )


def references_of(page):
    """The alias pages our offers made of `page`, on every site."""
    ids = Offer.objects.filter(source_page=page, result_page__isnull=False, state=OfferState.ACCEPTED_REFERENCE)
    return Page.objects.filter(pk__in=ids.values("result_page"), alias_of=page)


def columns_of(site):
    return ColumnPage.objects.descendant_of(site.root_page).filter(locale=site.root_page.locale).order_by("path")
