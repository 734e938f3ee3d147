"""The content types a reader can filter search results by. Apps register their own
(policy documents, interpretations, letter replies) in their AppConfig.ready()."""

from django.apps import apps

CONTENT_TYPES = {}


def register(key, label, model_label, exact=False):
    CONTENT_TYPES[key] = (label, model_label, exact)


def model_for(key):
    label, model_label, exact = CONTENT_TYPES[key]
    return apps.get_model(model_label), exact


def choices():
    return [(key, label) for key, (label, _, _) in CONTENT_TYPES.items()]


register("article", "文章", "home.ArticlePage", exact=True)
register("topic", "专题", "home.TopicPage")
