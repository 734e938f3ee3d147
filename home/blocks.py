"""The shared block library: small blocks (atoms) composed into article bodies and page sections."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Locale

from home.visibility import is_readable

RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "h3",
    "h4",
    "ol",
    "ul",
    "link",
    "document-link",
    "hr",
    "superscript",
    "subscript",
]


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site group or to an outside address."""

    title = blocks.CharBlock(label="标题", max_length=120)
    page = blocks.PageChooserBlock(label="站内页面", required=False)
    url = blocks.URLBlock(label="外部链接", required=False)

    class Meta:
        icon = "link"
        label = "链接"
        template = "components/blocks/link.html"
        preview_value = {"title": "中国政府网", "url": "https://www.gov.cn/"}
        description = "指向站内页面或外部网址的链接"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ErrorList([ValidationError("请选择站内页面或填写外部链接（二选一）。")])}
            )
        return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="标题文字", max_length=120)
    level = blocks.ChoiceBlock(
        label="级别", choices=[("h2", "二级标题"), ("h3", "三级标题"), ("h4", "四级标题")], default="h2"
    )

    class Meta:
        icon = "title"
        label = "小标题"
        template = "components/blocks/heading.html"
        preview_value = {"text": "一、工作目标", "level": "h2"}
        description = "正文中的小标题"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    alt_text = blocks.CharBlock(label="替代文字", required=False, help_text="供读屏软件使用；留空则使用图片标题")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=255)

    class Meta:
        icon = "image"
        label = "图片"
        template = "components/blocks/image.html"
        description = "带说明文字的图片"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="出处", required=False)

    class Meta:
        icon = "openquote"
        label = "引文"
        template = "components/blocks/quote.html"
        preview_value = {"text": "坚持以公开为常态、不公开为例外。", "attribution": "《政府信息公开条例》"}
        description = "引用的文字及出处"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="附件")
    title = blocks.CharBlock(label="显示名称", required=False, help_text="留空则使用文档标题")

    class Meta:
        icon = "doc-full"
        label = "附件"
        template = "components/blocks/attachment.html"
        description = "可下载的附件，并显示其 SHA-256 校验值"


class VideoBlock(blocks.StructBlock):
    embed = EmbedBlock(label="视频地址", help_text="支持常见视频网站的分享地址")
    caption = blocks.CharBlock(label="说明", required=False)

    class Meta:
        icon = "media"
        label = "视频"
        template = "components/blocks/video.html"
        description = "嵌入的视频"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="正文", features=RICH_TEXT_FEATURES, template="components/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    table = TableBlock(label="表格", template="components/blocks/table.html")
    attachment = AttachmentBlock()
    video = VideoBlock()
    quote = QuoteBlock()


# Sections of home and topic pages.


class LatestItemsBlock(blocks.StructBlock):
    """The newest items of a column, e.g. 政务要闻 on the home page."""

    column = blocks.PageChooserBlock(label="栏目", page_type="home.ColumnPage")
    title = blocks.CharBlock(label="显示标题", required=False, help_text="留空则使用栏目名称")
    count = blocks.IntegerBlock(label="条数", min_value=1, max_value=20, default=6)

    class Meta:
        icon = "list-ul"
        label = "栏目最新信息"
        template = "components/sections/latest_items.html"
        description = "自动列出所选栏目的最新信息"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        column = value["column"]
        if column is not None:
            # On a mirror, the same column in the mirror's language, or nothing.
            page = (parent_context or {}).get("page")
            locale_id = page.locale_id if page is not None else Locale.get_active().pk
            if column.locale_id != locale_id:
                column = column.get_translation_or_none(locale_id)
                column = column if column is not None and column.live else None
        # A column readers cannot open (unpublished, restricted) shows no section and no link to it.
        column = column if column is not None and is_readable(column) else None
        context["column"] = column
        context["items"] = column.listing()[: value["count"]] if column else []
        return context


class BannerBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="背景图片")
    title = blocks.CharBlock(label="标题", max_length=80)
    subtitle = blocks.CharBlock(label="副标题", required=False, max_length=160)
    link = LinkBlock(label="链接", required=False)

    class Meta:
        icon = "image"
        label = "横幅"
        template = "components/sections/banner.html"
        description = "带标题和链接的宽幅图片"


class QuickLinksBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", default="快速通道")
    links = blocks.ListBlock(LinkBlock(), label="链接")

    class Meta:
        icon = "link"
        label = "快速链接"
        template = "components/sections/quick_links.html"
        description = "一组常用链接，如办事服务、领导信箱"


class TopicCarouselBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", default="专题专栏")
    topics = blocks.ListBlock(blocks.PageChooserBlock(page_type="home.TopicPage"), label="专题")

    class Meta:
        icon = "folder-open-inverse"
        label = "专题轮播"
        template = "components/sections/topic_carousel.html"
        description = "轮流展示所选专题的横幅"


class HomeSectionsBlock(blocks.StreamBlock):
    latest_items = LatestItemsBlock()
    banner = BannerBlock()
    quick_links = QuickLinksBlock()
    topic_carousel = TopicCarouselBlock()


class TopicSectionsBlock(blocks.StreamBlock):
    latest_items = LatestItemsBlock()
    paragraph = blocks.RichTextBlock(
        label="正文", features=RICH_TEXT_FEATURES, template="components/blocks/paragraph.html"
    )
    quick_links = QuickLinksBlock()
    image = CaptionedImageBlock()
