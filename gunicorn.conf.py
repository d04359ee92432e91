"""gunicorn's settings for this site, read from the working directory (`gunicorn site_project.wsgi`).

Threads, not more processes: a registration spends a third of its time waiting for PostgreSQL's
commit, and threads fill that wait at a fraction of a process's memory. On 2 cores, 2 processes
of 4 threads took the most registrations a second (bench/registration.py; README, "Benchmark").
"""

import os

wsgi_app = "site_project.wsgi"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Behind a reverse proxy that keeps connections to us open.
keepalive = 5
# Several instances on one machine would share one control socket path (gunicorn 27).
control_socket_disable = True
accesslog = "-"
# The path without its query string, and no Referer: admin searches by email or NIP (and the
# public search's words) travel in query strings, and an access log is kept for months by
# people who need not read them (tests/core/test_access_log.py).
access_log_format = '%(h)s - %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'
