"""gunicorn's settings for the site in production: threads so that a slow request holds one thread,
not a whole worker, and limits so that no worker or request can hold the site for long.

Every value can be changed from the environment (GUNICORN_CMD_ARGS, or the variables below).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
wsgi_app = "newsroom.wsgi:application"

# gthread: each worker process serves `threads` requests at once. A reader who goes away or a
# slow page occupies one thread while the others keep answering; sync workers would queue every
# later request of that worker behind it.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A worker whose main loop stops answering for `timeout` seconds is killed and replaced; on a
# restart or deploy, requests in flight get `graceful_timeout` seconds to finish.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5

# Workers are replaced after a number of requests (jittered so they do not all restart at once),
# which bounds the memory any one of them can accumulate.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))

# Reject oversized request lines and headers before Django sees them.
limit_request_line = 8190
limit_request_fields = 100

# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
