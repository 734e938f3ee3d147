"""The personal-data detector (home.personal_data): every format people write numbers and
addresses in is found and masked the inspected way; ordinary government text is left alone.
A table lists each format; property tests generate them with every spelling variant."""

import io
import logging
from datetime import date

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home import personal_data
from home.personal_data import (
    ADDRESS,
    BANK_CARD,
    EMAIL,
    LANDLINE,
    MOBILE,
    NAME,
    RESIDENT_ID,
    find,
    is_resident_id,
    mask,
)

pytestmark = pytest.mark.django_db  # the suite's cache clearing reaches the database cache
PROPERTY = settings(
    max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# (text, kind, mask) — one row per way of writing.
FOUND = [
    ("手机13912345678", MOBILE, "139****5678"),
    ("手机 139 1234 5678", MOBILE, "139****5678"),
    ("手机139-1234-5678", MOBILE, "139****5678"),
    ("手机139.1234.5678", MOBILE, "139****5678"),
    ("电话+8613912345678", MOBILE, "139****5678"),
    ("电话 +86 139 1234 5678", MOBILE, "139****5678"),
    ("电话0086-13912345678", MOBILE, "139****5678"),
    ("电话(+86)139-1234-5678", MOBILE, "139****5678"),
    ("电话８６－１３９１２３４５６７８", MOBILE, "139****5678"),
    ("手机１３９１２３４５６７８", MOBILE, "139****5678"),
    ("手机１３９　１２３４　５６７８", MOBILE, "139****5678"),
    ("座机0871-65100001", LANDLINE, "0871-****0001"),
    ("座机(0571)87654321", LANDLINE, "0571-****4321"),
    ("座机（0571）8765 4321转123", LANDLINE, "0571-****4321"),
    ("座机010 6512 3456", LANDLINE, "010-****3456"),
    ("座机+86 10 6512 3456", LANDLINE, "010-****3456"),
    ("座机０５７１－８７６５４３２１", LANDLINE, "0571-****4321"),
    ("身份证11010519491231002X", RESIDENT_ID, "110105********002X"),
    ("身份证11010519491231002x", RESIDENT_ID, "110105********002X"),
    ("身份证 110105 19491231 002X", RESIDENT_ID, "110105********002X"),
    ("身份证1101-0519-4912-3100-2X", RESIDENT_ID, "110105********002X"),
    ("No.11010519491231002X", RESIDENT_ID, "110105********002X"),
    ("ID11010519491231002X", RESIDENT_ID, "110105********002X"),
    ("身份证１１０１０５１９４９１２３１００２Ｘ", RESIDENT_ID, "110105********002X"),
    ("旧身份证110105491231002", RESIDENT_ID, "110105*****1002"),
    ("卡号6222021234567890128", BANK_CARD, "622202*********0128"),
    ("卡号 6222 0212 3456 7890 128", BANK_CARD, "622202*********0128"),
    ("卡号4111-1111-1111-1111", BANK_CARD, "411111******1111"),
    ("邮箱zhang.san@qq.com。", EMAIL, "z***@qq.com"),
    ("邮箱ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", EMAIL, "z***@example.com"),
    ("邮箱 li @ 163.com", EMAIL, "l***@163.com"),
    ("邮箱li(at)163.com", EMAIL, "l***@163.com"),
    ("住在人民路12号", ADDRESS, "路**号"),
    ("家住幸福街3-5号", ADDRESS, "街*-*号"),
    ("住幸福小区3栋2单元501室", ADDRESS, "小区*栋*单元***室"),
    ("阳光花园5幢1单元", ADDRESS, "花园*幢*单元"),
    ("3号楼2单元401室", ADDRESS, "*号楼*单元***室"),
    ("我叫欧阳明，反映问题", NAME, "欧**"),
    ("姓名：张伟", NAME, "张*"),
    ("联系人：李小红", NAME, "李**"),
    ("来信人：周杰", NAME, "周*"),
    ("本人赵强，现住", NAME, "赵*"),
    ("我是司马光。", NAME, "司**"),
    ("尊敬的张伟：来信收悉", NAME, "张*"),
    ("尊敬的欧阳娜娜女士：", NAME, "欧***"),
    ("王小红同志，您好！", NAME, "王**"),
    ("感谢刘德明先生的建议", NAME, "刘**"),
]

NOT_FOUND = [
    "2026-11-28 13:00 共 1234 人参加",
    "文号 云政发〔2026〕12号",
    "编号110105194912310021",  # an ID's shape with a wrong check character
    "编号110105209912310021",  # born in the future
    "流水号123456789012345678901",
    "预算 13,912,345 元",
    "https://www.yunzhou.gov.cn/art/2026/11/28/art_13812345678901.html",
    "第十三条 市人民政府应当",
    "姓名\n联系电话",  # a form's labels
    "我是附近居民",
    "我是张家港人",
    "尊敬的张先生：",  # a surname alone names nobody
    "李女士，您好",
    "尊敬的市民朋友：",
    "市长王明同志主持会议",  # officials are named in the news
    "王府井大街",
]


@pytest.mark.parametrize(("text", "kind", "masked"), FOUND)
def test_each_format_is_found_and_masked(text, kind, masked):
    hits = find(text)
    assert [(h.kind, h.masked) for h in hits] == [(kind, masked)]
    assert find(mask(text)) == []


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ordinary_text_is_left_alone(text):
    assert find(text) == []
    assert mask(text) == text


def test_summary_lists_masked_values_by_kind():
    text = "身份证 11010519491231002X，电话 13912345678 13712345678，座机 0871-65100001"
    assert personal_data.summary(text) == {
        RESIDENT_ID: ["110105********002X"],
        MOBILE: ["137****5678", "139****5678"],
        LANDLINE: ["0871-****0001"],
    }


def test_log_lines_are_masked():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(personal_data.MaskingFilter())
    logger = logging.getLogger("tests.personal_data")
    logger.addHandler(handler)
    try:
        logger.warning("来信人 %s 的邮件发送失败", "13912345678 / zhang@example.com")
    finally:
        logger.removeHandler(handler)
    assert "139****5678 / z***@example.com" in stream.getvalue()
    assert "13912345678" not in stream.getvalue()
    assert "home.personal_data.MaskingFilter" in str(django_settings.LOGGING)
    malformed = logging.LogRecord("x", logging.WARNING, __file__, 1, "bad %s %s", ("only one",), None)
    assert personal_data.MaskingFilter().filter(malformed)  # left for logging to report, not raised


# Property tests: each format generated with its spelling variants, inside Chinese text.

AROUND = st.text(
    alphabet="的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说年", max_size=8
)
DIGIT = "0123456789"


def full_width(text):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "　" if c == " " else c for c in text)


@st.composite
def spelled(draw, groups, country=("",)):
    """The digit groups joined by one separator, after an optional country code, maybe full-width."""
    separator = draw(st.sampled_from(["", " ", "-", "."] if len(groups) > 1 else [""]))
    text = draw(st.sampled_from(country)) + separator.join(groups)
    return full_width(text) if draw(st.booleans()) else text


def digits(n, first=DIGIT):
    return st.tuples(st.sampled_from(first), st.text(DIGIT, min_size=n - 1, max_size=n - 1)).map("".join)


def check_found(before, written, after, kind, masked):
    text = before + written + after
    assert [(h.kind, h.masked) for h in find(text)] == [(kind, masked)], text
    assert find(mask(text)) == []


@PROPERTY
@given(AROUND, digits(11, "1").filter(lambda d: d[1] in "3456789"), AROUND, st.data())
def test_mobile_numbers_in_any_spelling(before, number, after, data):
    written = data.draw(
        spelled([number[:3], number[3:7], number[7:]], country=["", "+86", "+86 ", "0086", "86-", "(+86)"])
    )
    check_found(before, written, after, MOBILE, number[:3] + "****" + number[-4:])


def with_check(first17):
    total = sum(int(d) * w for d, w in zip(first17, personal_data.ID_WEIGHTS, strict=True))
    return first17 + personal_data.ID_CHECK_CHARS[total % 11]


@PROPERTY
@given(AROUND, digits(6, "123456789"), st.dates(date(1900, 1, 1), date(2025, 12, 31)), digits(3), AROUND, st.data())
def test_resident_ids_in_any_spelling(before, region, born, sequence, after, data):
    number = with_check(f"{region}{born:%Y%m%d}{sequence}")
    if data.draw(st.booleans()):
        number = number.lower()
    groups = data.draw(
        st.sampled_from(
            [
                [number],
                [number[:6], number[6:14], number[14:]],
                [number[:4], number[4:8], number[8:12], number[12:16], number[16:]],
            ]
        )
    )
    written = data.draw(spelled(groups))
    check_found(before, written, after, RESIDENT_ID, number[:6].upper() + "********" + number[-4:].upper())


@PROPERTY
@given(AROUND, digits(6, "123456789"), st.dates(date(1900, 1, 1), date(1999, 12, 31)), digits(3), AROUND, st.data())
def test_old_fifteen_digit_ids(before, region, born, sequence, after, data):
    number = f"{region}{born:%y%m%d}{sequence}"
    written = data.draw(spelled([number[:6], number[6:12], number[12:]]))
    check_found(before, written, after, RESIDENT_ID, number[:6] + "*****" + number[-4:])


def luhn_complete(partial):
    for last in DIGIT:
        if personal_data.is_bank_card(partial + last):
            return partial + last
    raise AssertionError(partial)


@PROPERTY
@given(
    AROUND,
    st.sampled_from(["62", "4", "5"]),
    st.integers(16, 19),
    st.text(DIGIT, min_size=18, max_size=18),
    AROUND,
    st.data(),
)
def test_bank_cards_in_any_spelling(before, prefix, length, filler, after, data):
    number = luhn_complete((prefix + filler)[: length - 1])
    if is_resident_id(number):  # an 18-digit card that is also a valid ID counts as the ID
        return
    written = data.draw(spelled([number[i : i + 4] for i in range(0, length, 4)]))
    check_found(before, written, after, BANK_CARD, number[:6] + "*" * (length - 10) + number[-4:])


@PROPERTY
@given(
    AROUND,
    st.sampled_from(["010", "021", "0571", "0871", "0755"]),
    digits(8, "23456789"),
    st.sampled_from(
        ["{a}-{l}", "({a}){l}", "（{a}）{l}", "{a} {l1} {l2}", "+86 {a1} {l}", "0086-{a1}-{l}", "{a}-{l}转123"]
    ),
    st.booleans(),
    AROUND,
)
def test_landlines_with_area_codes(before, area, local, form, wide, after):
    written = form.format(a=area, a1=area[1:], l=local, l1=local[:4], l2=local[4:])
    check_found(before, full_width(written) if wide else written, after, LANDLINE, f"{area}-****{local[-4:]}")


@PROPERTY
@given(
    AROUND,
    st.from_regex(r"[a-z][a-z0-9._-]{0,12}[a-z0-9]", fullmatch=True),
    st.from_regex(r"[a-z0-9]{1,10}\.(com|cn|org|gov\.cn|com\.cn)", fullmatch=True),
    st.sampled_from(["@", "＠", " @ ", "(at)", "[at]"]),
    st.booleans(),
    AROUND,
)
def test_email_addresses_in_any_spelling(before, local, domain, at, wide, after):
    written = f"{local}{at}{domain}"
    check_found(before, full_width(written) if wide else written, after, EMAIL, f"{local[0]}***@{domain}")


@PROPERTY
@given(
    st.sampled_from(["人民", "解放", "幸福", "建设"]),
    st.sampled_from(["路", "街", "巷", "大道"]),
    st.integers(1, 999),
    st.sampled_from(["", "阳光小区{n}栋{n}单元{n}室", "{n}号楼{n}单元"]),
    st.integers(1, 99),
)
def test_street_level_addresses(name, kind, number, rest, n):
    text = f"我家住在{name}{kind}{number}号{rest.format(n=n)}，请尽快处理。"
    hits = find(text)
    assert [h.kind for h in hits] == [ADDRESS], text
    assert str(number) not in mask(text).replace("。", "")
