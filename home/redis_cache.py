"""Django's Redis cache with one client per connection pool.

Django builds a new redis.Redis for every cache call, and each one fills a table of several hundred
response callbacks: a few milliseconds per page that reads the page cache, menus and counts. A
client is safe to share between threads (the pool hands out connections), so one is kept per pool.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient
