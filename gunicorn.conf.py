"""gunicorn settings for the production image. Listens on IPv4 and IPv6."""

import multiprocessing
import os

port = os.environ.get("PORT", "8000")
bind = [f"0.0.0.0:{port}", f"[::]:{port}"] if os.environ.get("BIND_IPV6", "true") == "true" else [f"0.0.0.0:{port}"]
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
