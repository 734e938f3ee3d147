"""The `limits` cache of the embedded setup (no Redis): Django's DatabaseCache, with each write one
upsert statement. Django's own counts the whole table on every write (to cull), then reads the row,
then updates or inserts it in a savepoint: about eleven statements per counted search, queued behind
SQLite's one writer. Here the table is counted, and culled past MAX_ENTRIES, once every CULL_EVERY
writes of a process, which keeps it near its size as well."""

import base64
import itertools
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils.timezone import now as tz_now


class LimitsCache(DatabaseCache):
    CULL_EVERY = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = itertools.count(1)

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        if mode == "touch":
            return super()._base_set(mode, key, value, timeout)
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
        table = quote(self._table)
        now = tz_now().replace(microsecond=0)
        expires = (
            datetime.max if timeout is None else datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        )
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        key_col, value_col, expires_col = quote("cache_key"), quote("value"), quote("expires")
        # "add" replaces only an expired entry; the upsert changes no row when the key is live.
        only_expired = f" WHERE {table}.{expires_col} < %s" if mode == "add" else ""
        with connection.cursor() as cursor:
            if next(self._writes) % self.CULL_EVERY == 0:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - the table's name only
                num = cursor.fetchone()[0]
                if num > self._max_entries:
                    self._cull(db, cursor, now, num)
            cursor.execute(
                f"INSERT INTO {table} ({key_col}, {value_col}, {expires_col}) VALUES (%s, %s, %s) "  # noqa: S608
                f"ON CONFLICT ({key_col}) DO UPDATE SET {value_col} = excluded.{value_col}, "
                f"{expires_col} = excluded.{expires_col}{only_expired}",
                [key, encoded, adapt(expires.replace(microsecond=0)), *([adapt(now)] if mode == "add" else [])],
            )
            return bool(cursor.rowcount)
