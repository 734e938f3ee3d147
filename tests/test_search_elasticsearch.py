"""Elasticsearch configuration for Chinese; the live round trip runs when ELASTICSEARCH_URL is set."""

import os
import uuid

import pytest
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from home.models import ArticlePage
from home.search_fields import ChineseSearchField
from search.elasticsearch import index_settings
from tests.conftest import add_article, column_at

ES_BACKEND = "wagtail.search.backends.elasticsearch9"


def es_backend(url="http://127.0.0.1:9", analyzer="cjk", prefix="govportal_test_"):
    return get_search_backend(ES_BACKEND, URLS=[url], INDEX_PREFIX=prefix, INDEX_SETTINGS=index_settings(analyzer))


def test_default_analyzer_of_the_index_understands_chinese():
    analysis = es_backend().settings["settings"]["analysis"]
    assert analysis["analyzer"]["default"] == {"type": "cjk"}
    assert "edgengram_analyzer" in analysis["analyzer"]  # Wagtail's autocomplete analyzer is kept


def test_plugin_analyzers_by_setting():
    assert es_backend(analyzer="smartcn").settings["settings"]["analysis"]["analyzer"]["default"]["type"] == "smartcn"
    ik = es_backend(analyzer="ik").settings["settings"]["analysis"]["analyzer"]
    assert ik["default"]["tokenizer"] == "ik_max_word" and ik["default_search"]["tokenizer"] == "ik_smart"
    with pytest.raises(ValueError, match="ELASTICSEARCH_ANALYZER"):
        index_settings("jieba")


def test_text_fields_use_the_index_default_analyzer():
    mapping = es_backend().mapping_class(ArticlePage).get_mapping()
    properties = mapping["properties"]
    title = next(value for key, value in properties.items() if key.endswith("title") and value.get("type") == "text")
    assert "analyzer" not in title  # so the cjk (or plugin) default applies


@pytest.mark.django_db
def test_elasticsearch_receives_the_original_text(portal):
    article = add_article(column_at(portal, "tzgg"), "2020年上海市体育局政务公开工作要点")
    field = ChineseSearchField("title")
    # On the embedded backends the index holds tokens: digits, edge characters and bigrams.
    assert (
        field.get_value(article) == "2020 年 年上 上海 海市 市体 体育 育局 局政 政务 务公 公开 开工 工作 作要 要点 点"
    )
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": ES_BACKEND}}):
        assert field.get_value(article) == "2020年上海市体育局政务公开工作要点"


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs an Elasticsearch at ELASTICSEARCH_URL")
@pytest.mark.django_db
def test_live_elasticsearch_finds_words_inside_long_chinese_titles(portal):
    backend = es_backend(os.environ["ELASTICSEARCH_URL"], prefix=f"govportal_test_{uuid.uuid4().hex[:8]}_")
    article = add_article(column_at(portal, "tzgg"), "2020年上海市体育局政务公开工作要点")
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": ES_BACKEND}}):
        index = backend.get_index_for_model(ArticlePage)
        index.put()
        try:
            index.add_model(ArticlePage)
            index.add_item(article)
            index.refresh()
            assert [p.pk for p in backend.search("政务公开", ArticlePage)] == [article.pk]
            assert list(backend.search("公积金", ArticlePage)) == []
        finally:
            index.delete()


@pytest.mark.django_db
def test_elasticsearch_gets_the_same_understood_query():
    """The query as typed (boosted), or most of its words with their synonyms: the tiers of the
    embedded backends as one bool query."""
    import json

    from search.understand import as_search_query, understand

    query = as_search_query(understand("城乡居民医保怎么缴费？"))
    compiled = json.dumps(
        es_backend().query_compiler_class(ArticlePage.objects.all(), query).get_query(), ensure_ascii=False
    )
    for word in ("城乡居民医保怎么缴费", "医疗保险", "城乡居民", "缴费"):
        assert word in compiled
    assert "怎么" not in compiled.replace("城乡居民医保怎么缴费", "")  # filler words only in the exact part
    assert '"boost": 10.0' in compiled


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs an Elasticsearch at ELASTICSEARCH_URL")
@pytest.mark.django_db
def test_live_elasticsearch_answers_a_question_with_a_synonym(portal):
    from search.understand import as_search_query, understand

    backend = es_backend(os.environ["ELASTICSEARCH_URL"], prefix=f"govportal_test_{uuid.uuid4().hex[:8]}_")
    article = add_article(column_at(portal, "tzgg"), "关于城乡居民基本医疗保险缴费的通知")
    add_article(column_at(portal, "tzgg"), "城乡环境卫生整治工作动态")
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": ES_BACKEND}}):
        index = backend.get_index_for_model(ArticlePage)
        index.put()
        try:
            index.add_model(ArticlePage)
            for page in ArticlePage.objects.all():
                index.add_item(page)
            index.refresh()
            found = list(backend.search(as_search_query(understand("城乡居民医保怎么缴费")), ArticlePage))
            assert [p.pk for p in found][:1] == [article.pk]
        finally:
            index.delete()
