"""Fees for providing government information (国办函〔2020〕109号《政府信息公开信息处理费管理办法》).

Normally nothing is charged. An agency may charge an applicant whose requests in one calendar
month, or whose pages provided for one request, exceed the free amount; it uses one of the two
methods for a request, the bands below:
- by count: up to 10 requests a month free; the 11th to 30th cost 100 yuan each; from the 31st,
  every further 10 requests cost 100 yuan more each (31–40: 200, 41–50: 300 …);
- by volume: up to 30 pages free; pages 31–100 cost 10 yuan each, 101–200 20 yuan each,
  from 201 on 40 yuan each.
"""

from django.db.models import Q

FREE_REQUESTS_PER_MONTH = 10
FREE_PAGES = 30
PAGE_BANDS = [(100, 10), (200, 20), (None, 40)]  # (last page of the band, yuan a page)


def fee_by_count(nth_in_month):
    """Yuan charged for the applicant's nth request of the calendar month."""
    if nth_in_month <= FREE_REQUESTS_PER_MONTH:
        return 0
    if nth_in_month <= 30:
        return 100
    return 100 + 100 * ((nth_in_month - 31) // 10 + 1)


def fee_by_pages(pages):
    """Yuan charged for providing the given number of pages for one request."""
    fee, previous = 0, FREE_PAGES
    for last, price in PAGE_BANDS:
        if pages <= previous:
            break
        upper = pages if last is None else min(pages, last)
        fee += (upper - previous) * price
        previous = upper if last is None else last
    return fee


def nth_request_in_month(request):
    """Which request of its calendar month this is for the same applicant at the same agency."""
    from disclosure.models import DisclosureRequest

    same_applicant = Q(id_type=request.id_type, id_number=request.id_number)
    month = DisclosureRequest.objects.filter(
        same_applicant,
        site_id=request.site_id,
        received_on__year=request.received_on.year,
        received_on__month=request.received_on.month,
    )
    return month.filter(
        Q(received_on__lt=request.received_on) | Q(received_on=request.received_on, pk__lte=request.pk)
    ).count()


def proposed_fee(request, pages=0):
    """The fee the bands propose for this request: (yuan, basis). The larger of the two methods
    is proposed; staff decide and may charge less or nothing."""
    nth = nth_request_in_month(request)
    by_count, by_pages = fee_by_count(nth), fee_by_pages(pages)
    if not by_count and not by_pages:
        return 0, f"本月第{nth}件申请、提供{pages}页，不收费。"
    if by_count >= by_pages:
        return by_count, f"按件计收：该申请人本月第{nth}件申请，标准{by_count}元。"
    return by_pages, f"按量计收：提供{pages}页，超出{FREE_PAGES}页部分按档计费。"
