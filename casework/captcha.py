"""The captcha of every public form: distorted digits in an image, with a plain-language text
question beside it for those who cannot see or read the image (GB/T 37668 asks for an
alternative to a visual captcha; docs/security.md says why a text question and not audio).

A challenge is a signed token: the code and the question follow from an HMAC of its random part
under the SECRET_KEY, so the page carries no answer and showing a form writes nothing (a visitor
loading form pages cannot fill the shared `limits` table and push rate-limit counts out of it).
The image of a token is always the same drawing, so reloading it gives a script nothing to
average. One challenge, one try: checking it marks it used in the `limits` cache every process
shares, right answer or wrong, so a solved captcha cannot be posted twice and a script cannot
guess on."""

import hashlib
import hmac
import io
import math
import random
import re
import secrets
import unicodedata
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare
from PIL import Image, ImageDraw, ImageFilter, ImageFont

MAX_AGE = 30 * 60
CODE_DIGITS = "23456789"  # no 0/1, which distorted look like O/l/7
CODE_LENGTH = 4
TOKEN_RE = re.compile(r"[A-Za-z0-9_.:-]{1,100}")  # what the signer gives

# Words a person of any age knows, by kind; a question names three words of different kinds.
KINDS = {
    "水果": ["苹果", "香蕉", "西瓜", "桃子", "葡萄", "橘子", "梨"],
    "动物": ["小狗", "小猫", "老虎", "熊猫", "兔子", "马", "牛"],
    "颜色": ["红色", "黄色", "绿色", "蓝色", "白色", "黑色"],
    "交通工具": ["汽车", "火车", "飞机", "轮船", "自行车", "公交车"],
    "家具": ["桌子", "椅子", "床", "沙发", "柜子"],
    "蔬菜": ["白菜", "萝卜", "土豆", "黄瓜", "茄子", "西红柿"],
}

MISSING = "验证码已失效（已使用或已过期），请按新的验证码填写。"
WRONG = "验证码不正确，请按新的验证码重新填写。"


def _cache():
    return caches["limits"]


_SIGNER = signing.TimestampSigner(salt="casework.captcha", sep=".")


def _used_key(nonce):
    return f"captcha-used:{nonce}"


def _question(rng):
    """(question, answer): which of three everyday words is of the named kind."""
    kind, *others = rng.sample(sorted(KINDS), 3)
    answer = rng.choice(KINDS[kind])
    words = [answer, *(rng.choice(KINDS[other]) for other in others)]
    rng.shuffle(words)
    return f"“{'、'.join(words)}”中，哪一个是{kind}？", answer


@dataclass
class Challenge:
    """A new challenge (`Challenge()`), or the one a token names (`Challenge.of(token)`): the
    token the page carries, the code drawn in the image, and the text question with its answer."""

    token: str = ""

    def __post_init__(self):
        if not self.token:
            self.token = _SIGNER.sign(secrets.token_urlsafe(12))
        self.nonce = self.token.split(".", 1)[0]
        rng = self.rng("challenge")
        self.question, self.answer = _question(rng)
        self.code = "".join(rng.choice(CODE_DIGITS) for _ in range(CODE_LENGTH))

    def rng(self, purpose):
        """A generator that only the server, knowing SECRET_KEY, can replay for this token."""
        key = settings.SECRET_KEY.encode()
        return random.Random(hmac.new(key, f"{purpose}:{self.nonce}".encode(), hashlib.sha256).digest())

    @classmethod
    def of(cls, token):
        """The challenge of a token this server signed less than MAX_AGE ago and nobody used."""
        if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
            return None
        try:
            _SIGNER.unsign(token, max_age=MAX_AGE)
        except signing.BadSignature:  # SignatureExpired included
            return None
        challenge = cls(token)
        return None if _cache().get(_used_key(challenge.nonce)) else challenge

    def spend(self):
        """Marks the challenge used; False when another request used it first."""
        return _cache().add(_used_key(self.nonce), 1, MAX_AGE)


def _normalise(text):
    # Full-width digits (１２３４) from a Chinese input method count as the digits they are.
    return unicodedata.normalize("NFKC", text or "").strip().replace(" ", "")


def check(token, answer):
    """The message to show, or None when the answer is the image's code or the question's answer.
    The challenge is spent by this check, whatever the answer."""
    challenge = Challenge.of(token)
    # add() tells whether this request marked it used: of two posts racing with one token, one wins.
    if challenge is None or not challenge.spend():
        return MISSING
    given = _normalise(answer)
    if not given or not any(constant_time_compare(given, right) for right in (challenge.code, challenge.answer)):
        return WRONG
    return None


def _draw(challenge):
    """The code in distorted digits on a noisy background, as PNG bytes: the same drawing for
    the same token."""
    code, rng = challenge.code, challenge.rng("drawing")
    width, height = 168, 56
    image = Image.new("RGB", (width, height), (246, 246, 240))
    draw = ImageDraw.Draw(image)
    for _ in range(8):  # background strokes in the digits' colours, so colour does not separate them
        points = [(rng.randint(0, width), rng.randint(0, height)) for _ in range(2)]
        draw.line(points, fill=(rng.randint(60, 150), rng.randint(60, 150), rng.randint(60, 150)), width=1)
    font = ImageFont.load_default(size=40)
    for position, digit in enumerate(code):
        glyph = Image.new("RGBA", (48, 56), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text(
            (8, 2), digit, font=font, fill=(rng.randint(20, 110), rng.randint(20, 110), rng.randint(20, 110))
        )
        glyph = glyph.rotate(rng.uniform(-28, 28), resample=Image.Resampling.BICUBIC)
        image.paste(glyph, (8 + position * 38 + rng.randint(-4, 4), rng.randint(-6, 4)), glyph)
    # A sine wave through the whole image bends every digit a little differently.
    amplitude, period, phase = rng.uniform(2, 4), rng.uniform(30, 50), rng.uniform(0, math.tau)
    waved = Image.new("RGB", (width, height), (246, 246, 240))
    for x in range(width):
        shift = int(amplitude * math.sin(x / period * math.tau + phase))
        waved.paste(image.crop((x, 0, x + 1, height)), (x, shift))
    draw = ImageDraw.Draw(waved)
    for _ in range(2):  # strokes across the digits
        y = rng.randint(12, height - 12)
        draw.line([(0, y), (width, y + rng.randint(-15, 15))], fill=(90, 90, 90), width=2)
    for _ in range(300):
        draw.point((rng.randrange(width), rng.randrange(height)), fill=(rng.randint(0, 200),) * 3)
    buffer = io.BytesIO()
    waved.filter(ImageFilter.SMOOTH).save(buffer, "PNG")
    return buffer.getvalue()


def image_view(request, token):
    """The image of a challenge; 404 once it is spent or expired."""
    challenge = Challenge.of(token)
    if challenge is None:
        raise Http404("验证码已失效")
    response = HttpResponse(_draw(challenge), content_type="image/png")
    add_never_cache_headers(response)  # Cache-Control: no-store: a proxy must never keep a challenge
    return response


class FreshInput(forms.TextInput):
    """Never shows the previous answer: a new challenge comes with every page."""

    def format_value(self, value):
        return None


class CaptchaMixin:
    """Adds the captcha to a form: a new challenge for every form made, checked once in clean.
    Put it before the form class (`class F(CaptchaMixin, forms.Form)`); `captcha_required = False`
    leaves it out. Include "casework/captcha.html" inside the <form>."""

    captcha_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.captcha_challenge = None
        if self.captcha_required:
            self.captcha_challenge = Challenge()
            self.fields["captcha"] = forms.CharField(
                label="验证码",
                widget=FreshInput(attrs={"autocomplete": "off", "inputmode": "text", "class": "captcha__input"}),
                error_messages={"required": "请填写验证码。"},
            )
            # The help names the text question: screen readers read it with the field.
            self.fields["captcha"].widget.attrs["aria-describedby"] = self["captcha"].auto_id + "-help"

    @property
    def captcha_token(self):
        return self.captcha_challenge.token if self.captcha_challenge else ""

    def clean_captcha(self):
        answer = self.cleaned_data.get("captcha", "")
        problem = check(self.data.get("captcha_token"), answer)
        if problem:
            raise forms.ValidationError(problem)
        return answer
