"""Index settings for Wagtail's elasticsearch9 backend that analyse Chinese.

The default analyzer of the index becomes one that understands Chinese, so every text field
Wagtail maps without an explicit analyzer uses it at index and at query time:
- "cjk" (built in, the default): character bigrams, like the embedded backends;
- "smartcn": the analysis-smartcn plugin's word segmentation;
- "ik": the IK plugin, ik_max_word for indexing and ik_smart for queries.
"""

ANALYZERS = {
    "cjk": {"default": {"type": "cjk"}},
    "smartcn": {"default": {"type": "smartcn"}},
    "ik": {
        "default": {"type": "custom", "tokenizer": "ik_max_word", "filter": ["lowercase"]},
        "default_search": {"type": "custom", "tokenizer": "ik_smart", "filter": ["lowercase"]},
    },
}


def index_settings(analyzer="cjk"):
    if analyzer not in ANALYZERS:
        raise ValueError(f"ELASTICSEARCH_ANALYZER must be one of {', '.join(ANALYZERS)}, not {analyzer!r}")
    return {"settings": {"analysis": {"analyzer": ANALYZERS[analyzer]}}}
