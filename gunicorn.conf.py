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

# The site is imported once, in the master, and each worker is a fork of it: replacing a worker
# costs a fork, not importing Django, Wagtail and the site again (over a second of CPU taken from
# the workers still serving). Nothing opens a database or cache connection at import, so no
# connection is shared across the fork. A deploy restarts gunicorn (HUP reloads no code).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"

# Workers are replaced after a number of requests (jittered so they do not all restart at once),
# which bounds the memory any one of them can accumulate. At a breaking story's hundreds of cached
# pages per second a few thousand requests is seconds of work, so the count is high.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2000"))

# Reject oversized request lines and headers before Django sees them.
limit_request_line = 8190
limit_request_fields = 100

# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
