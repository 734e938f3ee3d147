"""The one personal-data detector: mainland mobile and landline numbers, resident ID numbers
(18 and 15 digits), bank card numbers, e-mail addresses and street-level addresses, as people
really write them (country codes, separators, spaces, full-width characters, lower-case x).

The public-version editor highlights its hits, monitoring reports them, popular searches drop
terms holding one and the log filter masks them. Masks follow the inspected forms: 138****1234,
110101********123X (first six and last four characters of an ID kept)."""

import logging
import re
from dataclasses import dataclass
from datetime import date

MOBILE, LANDLINE, RESIDENT_ID, BANK_CARD, EMAIL, ADDRESS, NAME = (
    "手机号码",
    "固定电话",
    "身份证号",
    "银行卡号",
    "电子邮箱",
    "详细地址",
    "姓名",
)
# An address hit starts at 路/街/小区…: the name before it is not personal, its numbers are.
# Street-level addresses are also how government offices are found: monitoring reports them as
# suspected, not certain, leaks.
# A name is found where the writer introduces or signs it ("我叫…", "姓名：…") or a reply greets
# the writer ("尊敬的张伟："); both are suspected.
SUSPECTED = {ADDRESS, NAME}

# Full-width ASCII (ＡＢＣ１２３＠．), the ideographic space and dash variants map one character to one
# character, so a hit's position in the folded text is its position in the original.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: " "} | dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")

_SEP = r"[ \-.\u00a0]?"  # one optional separator between digits: space, hyphen or dot
_NOT_AFTER_DIGIT = r"(?<!\d)(?<!\d[ \-.])"
_NO_MORE_DIGITS = r"(?![ \-.]?\d)"
_EXTENSION = r"(?:\s*(?:转|分机|ext\.?|#|-)\s*\d{1,5})"
_COUNTRY = r"(?:\(?(?:\+|00)?86\)?[ \-]?)"


def _digits(count):
    return rf"(?:{_SEP}\d){{{count}}}"


_PATTERNS = [
    (RESIDENT_ID, re.compile(rf"{_NOT_AFTER_DIGIT}[1-9]{_digits(16)}{_SEP}[\dXx]{_NO_MORE_DIGITS}")),
    (BANK_CARD, re.compile(rf"{_NOT_AFTER_DIGIT}[3-6]{_digits(15)}(?:{_SEP}\d){{0,3}}{_NO_MORE_DIGITS}")),
    (RESIDENT_ID, re.compile(rf"{_NOT_AFTER_DIGIT}[1-9]{_digits(14)}{_NO_MORE_DIGITS}")),
    # A space before a mobile number may end the previous one: "13812345678 13912345678".
    (MOBILE, re.compile(rf"(?<!\d)(?<!\d[\-.]){_COUNTRY}?1{_SEP}[3-9]{_digits(9)}(?!\d)")),
    (
        LANDLINE,
        re.compile(
            rf"{_NOT_AFTER_DIGIT}(?:{_COUNTRY}\(?0?|\(0|0)[1-9]\d{{1,2}}\)?[ \-]?[2-9]\d{{2,3}}[ \-]?\d{{4}}"
            rf"{_EXTENSION}?(?!\d)"
        ),
    ),
    (
        EMAIL,
        re.compile(
            r"(?<![\w.%+\-])[A-Za-z0-9][\w.%+\-]*\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9\-]+(?:[.。][A-Za-z0-9\-]+)*"
            r"[.。][A-Za-z]{2,}(?![A-Za-z])",
            re.ASCII,
        ),
    ),
    (
        ADDRESS,
        re.compile(
            r"(?<=[\u4e00-\u9fff])(?:路|街|巷|弄|胡同|大道)\d+(?:-\d+)?号(?:[\u4e00-\u9fff]{0,10}?(?:\d+(?:栋|幢|号楼|座|单元|室)))*"
            r"|(?<=[\u4e00-\u9fff])(?:小区|花园|公寓|家园|新村|苑)\s*\d+(?:栋|幢|号楼|座|单元|室)(?:\s*\d+(?:栋|幢|号楼|座|单元|室|号))*"
            r"|\d+(?:栋|幢|号楼|座)\s*\d+单元(?:\s*\d+(?:室|号))?"
        ),
    ),
]

# In a pattern with a group named "v", the hit is that group (the name, not "我叫").
_NAME = r"(?P<v>[\u4e00-\u9fff]{2,4})"
# Common surnames, leaving out those that are everyday words (和, 成, 向, 高, 路…): where no label
# says a name follows, a name is a surname and one or two characters in a letter's salutation
# ("尊敬的张伟：", "张伟同志，您好") or before 先生/女士 ("张伟先生"; "张先生" alone names nobody).
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范贾夏韦付傅方邹孟熊秦邱江尹薛闫段雷侯史陶黎贺顾郝龚邵钱严覃武"
    "戴莫孔汤施樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞柳祝舒阮柯纪梅童凌裴霍涂苗盛翁冉骆蓝"
    "靳柴鲍喻祁蒲滕饶牟艾尤穆卓缪褚娄窦戚岑费卜晏卫瞿佟臧闵苟邬卞姬仇栾隋刁巫寇桑郎甄仲虞敖"
    "巩佘邝"
)
_SURNAME = rf"(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|[{_SURNAMES}])"
_GIVEN = r"(?:(?!先生|女士|同志|老师|您好)[\u4e00-\u9fff])"
_FULL_NAME = rf"(?P<v>{_SURNAME}{_GIVEN}{{1,2}}?)"
_PATTERNS += [
    (NAME, re.compile(rf"(?:我叫|我的名字叫|我的名字是)[ \t]*{_NAME}")),
    (NAME, re.compile(rf"(?:我是|本人)[ \t]*{_FULL_NAME}(?=[，,。；;（(\s]|$)")),
    # A label with its value, not a form's label.
    (
        NAME,
        re.compile(rf"(?:姓名|联系人|来信人|写信人|反映人|投诉人|举报人|申请人|签名|署名)[ \t]*[:：][ \t]*{_NAME}"),
    ),
    (NAME, re.compile(rf"(?:尊敬的|亲爱的)[ \t]*{_FULL_NAME}(?:先生|女士|同志|老师)?[ \t]*[:：，,]")),
    (NAME, re.compile(rf"(?:^|(?<=[\s。！!：:]))[ \t]*{_FULL_NAME}(?:先生|女士|同志)?[ \t]*[，,]?[ \t]*您好")),
    (NAME, re.compile(rf"{_FULL_NAME}(?=先生|女士)")),
]

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


def is_resident_id(number):
    """An 18-digit resident ID number (GB 11643) whose birth date and check character are right,
    or a 15-digit one (the older form, no check character) whose birth date is right."""
    number = number.upper()
    if len(number) == 15:
        return number.isdigit() and is_birth_date(1900 + int(number[6:8]), number[8:10], number[10:12])
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if not is_birth_date(int(number[6:10]), number[10:12], number[12:14]):
        return False
    return resident_id_check_char(number[:17]) == number[17]


def resident_id_check_char(first17):
    """The check character GB 11643 gives the first 17 digits of a resident ID number."""
    return ID_CHECK_CHARS[sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def is_birth_date(year, month, day):
    """A real date between 1900 and today (an ID number's birth date)."""
    try:
        return date(1900, 1, 1) <= date(year, int(month), int(day)) <= date.today()
    except ValueError:
        return False


def is_bank_card(number):
    """16 to 19 digits passing the Luhn check."""
    if not (16 <= len(number) <= 19 and number.isdigit()):
        return False
    total = 0
    for i, digit in enumerate(int(d) for d in reversed(number)):
        total += digit if i % 2 == 0 else (digit * 2 - 9 if digit > 4 else digit * 2)
    return total % 10 == 0


@dataclass(frozen=True)
class Hit:
    kind: str
    start: int
    end: int
    value: str  # as written (full-width characters folded)

    @property
    def digits(self):
        return re.sub(r"[^\dXx]", "", self.value).upper()

    @property
    def masked(self):
        digits = self.digits
        if self.kind == MOBILE:
            return digits[-11:-8] + "****" + digits[-4:]
        if self.kind == RESIDENT_ID:
            return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
        if self.kind == BANK_CARD:
            return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
        if self.kind == LANDLINE:
            return self._masked_landline()
        if self.kind == EMAIL:
            local, _, domain = re.split(r"\s*(@|\(at\)|\[at\])\s*", self.value, maxsplit=1)
            return local[:1] + "***@" + domain.replace("。", ".")
        if self.kind == NAME:
            return self.value[0] + "*" * (len(self.value) - 1)
        return re.sub(r"\d", "*", self.value)

    def _masked_landline(self):
        """The area code kept (0571-****4321), the local number masked but for its last four digits."""
        parts = re.match(rf"(?P<area>.*?)(?P<local>[2-9]\d{{2,3}}[ \-]?\d{{4}}){_EXTENSION}?$", self.value)
        area = re.sub(r"\D", "", parts["area"])
        if area.startswith(("86", "0086")):  # area codes start with 0: +86 571 → 0571
            area = "0" + re.sub(r"^(?:0086|86)0?", "", area)
        local = re.sub(r"\D", "", parts["local"])
        return f"{area}-{'*' * (len(local) - 4)}{local[-4:]}"

    def counts(self):
        """Whether the candidate is what it looks like (check digits, birth dates)."""
        if self.kind == RESIDENT_ID:
            return is_resident_id(self.digits)
        if self.kind == BANK_CARD:
            return is_bank_card(self.digits)
        return True


def fold(text):
    return (text or "").translate(_FOLD)


def find(text):
    """The hits in the text, in order, none overlapping (an ID number is not also a phone number)."""
    folded = fold(text)
    hits = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            group = "v" if "v" in pattern.groupindex else 0
            hit = Hit(kind, match.start(group), match.end(group), match.group(group))
            if hit.counts() and not any(h.start < hit.end and hit.start < h.end for h in hits):
                hits.append(hit)
    return sorted(hits, key=lambda h: h.start)


def summary(text):
    """{"身份证号": [masked…], "手机号码": [masked…], …} for what the text exposes; never raw values."""
    found = {}
    for hit in find(text):
        found.setdefault(hit.kind, set()).add(hit.masked)
    return {kind: sorted(values) for kind, values in found.items()}


def contains(text):
    return bool(find(text))


def mask(text):
    """The text with every hit replaced by its mask."""
    text = text or ""
    for hit in reversed(find(text)):
        text = text[: hit.start] + hit.masked + text[hit.end :]
    return text


class MaskingFilter(logging.Filter):
    """Masks personal data in log messages (a citizen's words can end up in an error message)."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: logging reports it itself
            return True
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
