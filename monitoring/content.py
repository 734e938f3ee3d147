"""What a published page says and links to: its text and every link in its fields, rich
text and blocks (pages, documents, images, embeds, outside addresses)."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from bs4 import BeautifulSoup
from django.db import models
from django.db.models import Q
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page


@dataclass(frozen=True)
class Link:
    """kind: "url" (an address as written), "page", "document" or "image" (by id)."""

    kind: str
    target: str
    text: str = ""


@dataclass
class PageContent:
    texts: list
    links: list

    @property
    def text(self):
        return "\n".join(t for t in self.texts if t)


def page_content(page):
    """Texts and links of the page's own fields (not those of the base Page but its title)."""
    page = page.specific
    content = PageContent(texts=[page.title], links=[])
    for field in page._meta.get_fields():
        if not field.concrete or field.model is Page or getattr(field, "parent_link", False):
            continue
        if isinstance(field, models.OneToOneField) and field.remote_field.parent_link:
            continue
        value = getattr(page, field.attname, None)
        if isinstance(field, StreamField):
            _walk_stream(value, content)
        elif isinstance(field, models.URLField):
            if value:
                content.links.append(Link("url", value, field.verbose_name))
        elif isinstance(field, models.ForeignKey):
            _foreign_key(field, value, content)
        elif isinstance(field, models.CharField | models.TextField) and value and not field.choices:
            content.texts.append(value)
    return content


def _foreign_key(field, value, content):
    if not value:
        return
    model = field.related_model
    kinds = {Page: "page", get_image_model(): "image", get_document_model(): "document"}
    kind = next((kind for base, kind in kinds.items() if issubclass(model, base)), None)
    if kind:
        content.links.append(Link(kind, str(value), str(field.verbose_name)))


def _walk_stream(stream, content):
    for child in stream or []:
        _walk_block(child.block, child.value, content, label=str(child.block.label or child.block.name))


def _walk_block(block, value, content, label=""):
    if value is None or value == "":
        return
    if isinstance(block, blocks.RichTextBlock):
        _rich_text(value.source, content)
    elif isinstance(block, blocks.StructBlock):
        title = next((str(value[k]) for k in ("title", "text", "caption") if value.get(k)), label)
        for name, child in block.child_blocks.items():
            _walk_block(child, value.get(name), content, label=title)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            _walk_block(block.child_block, item, content, label=label)
    elif isinstance(block, blocks.StreamBlock):
        _walk_stream(value, content)
    elif isinstance(block, blocks.PageChooserBlock):
        content.links.append(Link("page", str(value.pk), label))
    elif isinstance(block, DocumentChooserBlock):
        content.links.append(Link("document", str(value.pk), label))
    elif isinstance(block, ImageChooserBlock):
        content.links.append(Link("image", str(value.pk), label))
    elif isinstance(block, EmbedBlock):
        content.links.append(Link("url", value.url, label))
    elif isinstance(block, blocks.URLBlock):
        content.links.append(Link("url", value, label))
    elif isinstance(block, TableBlock):
        for row in value.get("data") or []:
            content.texts.append(" ".join(str(cell) for cell in row if cell))
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        content.texts.append(str(value))


def _rich_text(source, content):
    soup = BeautifulSoup(source, "html.parser")
    for anchor in soup.find_all("a"):
        text = anchor.get_text(" ", strip=True)
        linktype = anchor.get("linktype")
        if linktype in ("page", "document") and anchor.get("id"):
            content.links.append(Link(linktype, anchor["id"], text))
        elif anchor.get("href"):
            content.links.append(Link("url", anchor["href"].strip(), text))
    for embed in soup.find_all("embed"):
        if embed.get("embedtype") == "image" and embed.get("id"):
            content.links.append(Link("image", embed["id"], embed.get("alt", "")))
        elif embed.get("embedtype") == "media" and embed.get("url"):
            content.links.append(Link("url", embed["url"], ""))
    content.texts.append(soup.get_text("\n", strip=True))


def in_site(site):
    """A filter for the pages of a site's tree and of its translations' trees."""
    root = site.root_page
    return reduce(or_, (Q(path__startswith=tree.path) for tree in [root, *root.get_translations()]))


def published_pages(site):
    """The live, public pages of a site in every language, as their specific types."""
    return Page.objects.filter(in_site(site)).live().public().specific().order_by("path")


def responsible_department(page):
    """The department named on the page, else the first one of the nearest column above it."""
    from home.models import ColumnPage

    department = getattr(page, "department", None)
    if department is not None:
        return department
    column = page if isinstance(page, ColumnPage) else ColumnPage.objects.ancestor_of(page).order_by("-depth").first()
    return column.departments.first() if column else None
