"""The kinds results are grouped by (政策文件, 政策解读, 办事指南, 互动回复, 新闻动态, 其他): from a
page's type when the type says it (a policy document), else from the 栏目类型 (ColumnType of the
national web norms) of the column it is published in."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

KINDS = {
    "policy": _("政策文件"),
    "interpretation": _("政策解读"),
    "guide": _("办事指南"),
    "interaction": _("互动回复"),
    "news": _("新闻动态"),
    "other": _("其他"),
}
# Page types that are one kind wherever they stand (app label, model).
BY_TYPE = {
    ("disclosure", "policydocumentpage"): "policy",
    ("disclosure", "interpretationpage"): "interpretation",
    ("interaction", "mailboxpage"): "interaction",
    ("interaction", "consultationpage"): "interaction",
    ("interaction", "surveypage"): "interaction",
    ("interaction", "interviewpage"): "interaction",
}
# What an item of a column of this type is.
BY_COLUMN_TYPE = {
    "政策文件": "policy",
    "政策解读": "interpretation",
    "办事服务": "guide",
    "咨询投诉": "interaction",
    "回应关切": "interaction",
    "征集调查": "interaction",
    "在线访谈": "interaction",
    "工作动态": "news",
}
COLUMNS_KEY = "search:kinds:columns"
COLUMNS_SECONDS = 600
STEP = 4  # characters of a Wagtail tree path per level


def _type_kinds():
    """{content type id: kind} of the page types that decide the kind by themselves; columns
    (whatever their type) are "other": a reader looks for them by name, not as an item."""
    from django.apps import apps

    from home.models import ColumnPage

    types = ContentType.objects.get_for_models(*apps.get_models())
    found = {ct.pk: BY_TYPE[(ct.app_label, ct.model)] for ct in types.values() if (ct.app_label, ct.model) in BY_TYPE}
    found.update({ct.pk: "other" for model, ct in types.items() if issubclass(model, ColumnPage)})
    return found


def _column_kinds():
    """{path of a column: kind of its items}: a column without a type takes its parent's."""
    found = cache.get(COLUMNS_KEY)
    if found is None:
        from home.models import ColumnPage

        types = {}
        for path, column_type in ColumnPage.objects.order_by("path").values_list("path", "column_type"):
            types[path] = column_type or types.get(path[:-STEP], "")
        found = {path: BY_COLUMN_TYPE[kind] for path, kind in types.items() if kind in BY_COLUMN_TYPE}
        cache.set(COLUMNS_KEY, found, COLUMNS_SECONDS)
    return found


def kind_of(path, content_type_id, type_kinds, column_kinds):
    return type_kinds.get(content_type_id) or column_kinds.get(path[:-STEP]) or "other"


def counts(rows):
    """{kind: how many} of (path, content type id) rows."""
    type_kinds, column_kinds = _type_kinds(), _column_kinds()
    return Counter(kind_of(path, ct, type_kinds, column_kinds) for path, ct in rows)


def condition(kind):
    """The pages of a kind, as a queryset condition."""
    type_kinds, column_kinds = _type_kinds(), _column_kinds()
    if kind == "other":
        return ~Q(*[condition(k) for k in KINDS if k != "other"], _connector=Q.OR)
    by_type = [pk for pk, found in type_kinds.items() if found == kind]
    in_columns = [
        Q(path__startswith=path, depth=len(path) // STEP + 1) for path, found in column_kinds.items() if found == kind
    ]
    own_type = Q(content_type_id__in=by_type)
    if not in_columns:
        return own_type
    # Items of the columns, unless their type makes them another kind.
    return own_type | (Q(*in_columns, _connector=Q.OR) & ~Q(content_type_id__in=list(type_kinds)))


def label(kind):
    return KINDS.get(kind, "")
