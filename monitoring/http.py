"""Checking outside addresses over HTTP: a thread pool with one queue per host so that no
host gets more than `per_host` requests at a time, timeouts, retries with back-off, and
redirects followed by hand so that loops are caught. Bodies are never read here."""

import threading
import time
from collections import defaultdict, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests

USER_AGENT = "govportal-monitor/1.0 (+link check)"
MAX_REDIRECTS = 5


class Outcome:
    OK = "ok"
    BROKEN = "broken"  # 4xx
    SERVER_ERROR = "server_error"  # 5xx
    TIMEOUT = "timeout"
    REDIRECT_LOOP = "redirect_loop"
    UNREACHABLE = "unreachable"  # DNS, refused, reset
    TLS_ERROR = "tls_error"
    INVALID = "invalid"  # not an http(s) address

    LABELS = {
        OK: "正常",
        BROKEN: "页面不存在或拒绝访问",
        SERVER_ERROR: "服务器错误",
        TIMEOUT: "访问超时",
        REDIRECT_LOOP: "重定向循环或次数过多",
        UNREACHABLE: "无法连接",
        TLS_ERROR: "证书或加密连接错误",
        INVALID: "链接地址无效",
    }


@dataclass
class Result:
    url: str
    outcome: str
    status: int | None = None
    detail: str = ""
    attempts: int = 1
    final_url: str = ""

    @property
    def ok(self):
        return self.outcome == Outcome.OK

    def describe(self):
        label = Outcome.LABELS[self.outcome]
        if self.status:
            label = f"HTTP {self.status} {label}"
        return f"{label}（{self.detail}）" if self.detail else label


RETRYABLE = {Outcome.TIMEOUT, Outcome.UNREACHABLE, Outcome.SERVER_ERROR}


@dataclass
class LinkChecker:
    timeout: float = 10.0
    retries: int = 1
    backoff: float = 0.5
    workers: int = 16
    per_host: int = 2
    host_interval: float = 0.0  # pause between two requests of one lane to the same host
    connect_to: dict | None = None  # {"host:port": "ip:port"}: reach a host at another address

    def __post_init__(self):
        self._local = threading.local()

    def check_all(self, urls):
        """Check each distinct address once; returns {url: Result}."""
        by_host = defaultdict(deque)
        results = {}
        for url in dict.fromkeys(urls):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                results[url] = Result(url, Outcome.INVALID)
            else:
                by_host[parts.netloc.lower()].append(url)
        lock = threading.Lock()

        def lane(queue):
            while True:
                with lock:
                    if not queue:
                        return
                    url = queue.popleft()
                result = self.check(url)
                with lock:
                    results[url] = result
                if self.host_interval:
                    time.sleep(self.host_interval)

        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="linkcheck") as pool:
            futures = [
                pool.submit(lane, queue) for queue in by_host.values() for _ in range(min(self.per_host, len(queue)))
            ]
            for future in futures:
                future.result()
        return results

    def check(self, url):
        attempt = 0
        while True:
            attempt += 1
            result = self._follow(url)
            result.attempts = attempt
            if result.outcome not in RETRYABLE or attempt > self.retries:
                return result
            time.sleep(self.backoff * attempt)

    def _session(self):
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
            session.trust_env = False  # no proxies from the environment: go where the content says
            self._local.session = session
        return session

    def _follow(self, url):
        seen = [url]
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            try:
                response = self.get(current, stream=True)
            except requests.exceptions.SSLError as error:
                return Result(url, Outcome.TLS_ERROR, detail=type(error).__name__)
            except requests.exceptions.Timeout:
                return Result(url, Outcome.TIMEOUT, detail=f"{self.timeout:g} 秒内无响应")
            except (requests.exceptions.ConnectionError, requests.exceptions.InvalidURL) as error:
                return Result(url, Outcome.UNREACHABLE, detail=type(error).__name__)
            except requests.exceptions.RequestException as error:
                return Result(url, Outcome.INVALID, detail=type(error).__name__)
            status = response.status_code
            location = response.headers.get("Location")
            response.close()
            if response.is_redirect and location:
                current = urljoin(current, location)
                if urlsplit(current).scheme not in ("http", "https"):
                    return Result(url, Outcome.INVALID, status, detail=f"重定向到 {current}")
                if current in seen:
                    return Result(url, Outcome.REDIRECT_LOOP, status, detail=" → ".join(seen + [current]))
                seen.append(current)
                continue
            if status >= 500:
                return Result(url, Outcome.SERVER_ERROR, status)
            if status >= 400:
                return Result(url, Outcome.BROKEN, status)
            return Result(url, Outcome.OK, status, final_url=current)
        return Result(url, Outcome.REDIRECT_LOOP, detail=f"超过 {MAX_REDIRECTS} 次重定向")

    def get(self, url, **kwargs):
        """GET without following redirects, through `connect_to` when the host is mapped there."""
        headers = kwargs.pop("headers", {})
        parts = urlsplit(url)
        mapped = (self.connect_to or {}).get(parts.netloc.lower())
        if mapped:
            headers["Host"] = parts.netloc
            url = parts._replace(netloc=mapped).geturl()
        return self._session().get(url, timeout=self.timeout, allow_redirects=False, headers=headers, **kwargs)


def read_capped(response, limit):
    """The body of a streamed response, or None when it is larger than `limit` bytes."""
    chunks, size = [], 0
    for chunk in response.iter_content(64 * 1024):
        size += len(chunk)
        if size > limit:
            response.close()
            return None
        chunks.append(chunk)
    return b"".join(chunks)
