"""Pages and partner resources under gunicorn and wrk, at several sizes of coverage, side by side.

Run (databases filled by `manage.py generate_coverage`, Redis at REDIS_URL):

    .venv/bin/python benchmarks/scale.py \\
        --db 1k=postgres://postgres@127.0.0.1:5432/newsroom_scale_1k \\
        --db 10k=postgres://postgres@127.0.0.1:5432/newsroom_scale_10k [--seconds 5 --runs 3]

For each database it starts two gunicorn servers with the production settings (DEBUG=0,
gunicorn.conf.py, PostgreSQL, Redis): one cached, one with the page cache off (benchmarks/settings.py,
BENCH_CACHE=off), which holds with or without a page cache in the site.
Each URL is measured on every server in turn, then the whole pass is repeated and the medians
printed: SQL queries (in process, uncached), p50 and p99 latency, req/s, and req/s as a ratio to
the bare view measured in the same pass. Then the server time of publishing the article with 200
annotations and the resident memory of the gunicorn workers.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
    "DEBUG": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnop"),
    "FIELD_ENCRYPTION_KEY": os.environ.get("FIELD_ENCRYPTION_KEY", "Y2ktb25seS1maWVsZC1lbmNyeXB0aW9uLWtleS0wMDA="),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    "LOG_LEVEL": "WARNING",
    # A query that runs away is cancelled, the request answers 503 and the table shows it.
    "DATABASE_STATEMENT_TIMEOUT": os.environ.get("DATABASE_STATEMENT_TIMEOUT", "10000"),
}


# Targets: run in a child process per database, with Django set up on it.


def targets(cache_off, only=None):
    """URLs of the table's pages and resources in this database, with their SQL query counts; `only`:
    the rows whose names start with one of these words (the bare view is always measured)."""
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from conflicts.models import Annotation, Claim, Conflict, Location, Partner
    from conflicts.services.partners import partner_key_issue
    from newsroom.models import ArticlePage

    counts = Annotation.objects.filter(page__in=ArticlePage.objects.values("pk")).values("page_id").annotate(n=Count("pk"))
    large = largest_article()
    small = counts.filter(n__gte=10, n__lte=30).order_by("page_id").first()["page_id"]
    hot_claim = Claim.objects.annotate(n=Count("annotations")).order_by("-n").first()
    hot_place = Location.objects.annotate(n=Count("annotations")).order_by("-n").first()
    conflict = Conflict.objects.annotate(n=Count("claims")).order_by("-n").first()
    partner = Partner.objects.order_by("pk").first()
    Partner.objects.filter(pk=partner.pk).update(rate_limit="1000000/minute")
    key = partner_key_issue(partner=partner, name="benchmark")[1]
    article, big = ArticlePage.objects.get(pk=small), ArticlePage.objects.get(pk=large)
    word = hot_place.name.split()[-1]
    public = [
        ("bare Django view", "/bench/bare/"),
        ("article, 10-30 annotations", article.url),
        ("article, 200 annotations", big.url),
        ("claim cited by every article", hot_claim.get_absolute_url()),
        ("place page (hot)", hot_place.get_absolute_url()),
        ("conflict page", conflict.get_absolute_url()),
        ("sitemap section", sitemap_section(Client(raise_request_exception=False))),
        ("search", f"/search/?q={word}"),
        ("Wagtail API v2 articles, 50", "/bench/api/v2/pages/?type=newsroom.ArticlePage&limit=50"),
    ]
    partner_paths = [
        ("partner API articles, 50", "/api/v1/articles/?limit=50"),
        ("partner API claims, 200", "/api/v1/claims/?limit=200"),
        ("partner API sources", "/api/v1/sources/"),
        ("partner API claim detail (hot)", f"/api/v1/claims/{hot_claim.pk}/"),
        ("partner API locations GeoJSON", "/api/v1/locations/?format=geojson&limit=200"),
        ("partner API article, 200 annotations", f"/api/v1/articles/{large}/"),
        ("partner API article ninjs", f"/api/v1/articles/{large}/?format=ninjs"),
        ("partner API annotations (W3C)", f"/api/v1/articles/{large}/annotations/"),
        ("partner API deep cursor page", deep_cursor(Client(HTTP_AUTHORIZATION=f"Api-Key {key}"))),
    ]
    if only:
        public, partner_paths = ([(name, path) for name, path in paths if name == "bare Django view"
                                  or any(name.startswith(word) for word in only)] for paths in (public, partner_paths))
    rows = []
    for auth, paths in ((None, public), (key, partner_paths)):
        headers = {"HTTP_AUTHORIZATION": f"Api-Key {auth}"} if auth else {}
        client = Client(raise_request_exception=False, **headers)
        for name, path in paths:
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            rows.append({"name": name, "path": path, "key": auth, "queries": len(queries),
                         "status": response.status_code, "bytes": len(response.content)})
    return {"rows": rows, "large_article": large}


def sitemap_section(client):
    """The first paged section when /sitemap.xml is an index of sections, else /sitemap.xml itself."""
    body = client.get("/sitemap.xml").content.decode()
    if "<sitemapindex" in body:
        section = re.search(r"<loc>https?://[^/]+(/[^<]*)</loc>", body).group(1)
        return section.replace("&amp;", "&")
    return "/sitemap.xml"


def deep_cursor(client, depth=40):
    """The path of the articles page `depth` cursor pages in (or the last one there is)."""
    path = "/api/v1/articles/?limit=50"
    for _ in range(depth):
        following = client.get(path).json().get("next")
        if not following:
            break
        path = re.sub(r"^https?://[^/]+", "", following)
    return path


def largest_article():
    """The id of the page with the most annotations (the generated 200-annotation article)."""
    from django.db.models import Count

    from conflicts.models import Annotation

    counts = Annotation.objects.values("page_id").annotate(n=Count("pk"))
    return counts.order_by("-n", "page_id").first()["page_id"]


def publish_time(page_pk=None):
    """Server time of publishing the page's latest revision again (signals, purges, webhooks queued)."""
    import django

    django.setup()
    from wagtail.models import Page

    page = Page.objects.get(pk=page_pk or largest_article()).specific
    times = []
    for _ in range(3):
        revision = page.save_revision()
        started = time.perf_counter()
        revision.publish()
        times.append((time.perf_counter() - started) * 1000)
    return {"publish_ms": statistics.median(times)}


# The harness


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("installing wrk (Debian package)...", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)


def child(database, mode, static_root, *args, only=""):
    env = {**os.environ, **BENCH_ENV, "DATABASE_URL": database, "BENCH_CACHE": mode, "STATIC_ROOT": static_root,
           "BENCH_ONLY": only}
    out = subprocess.run([PYTHON, __file__, "--child", *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"{' '.join(args)} on {database} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, label, database, mode, static_root, workers):
        self.label, self.port = label, free_port()
        env = {**os.environ, **BENCH_ENV, "DATABASE_URL": database, "BENCH_CACHE": mode, "STATIC_ROOT": static_root,
               "GUNICORN_BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers)}
        self.process = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py"], env=env, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )

    def wait(self):
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn for {self.label} did not start")

    def warm(self, rows, rounds=1):
        """Every URL a few times on every worker thread, so no measurement pays a first request."""
        for row in rows:
            request = urllib.request.Request(f"http://127.0.0.1:{self.port}{row['path']}")
            if row["key"]:
                request.add_header("Authorization", f"Api-Key {row['key']}")
            for _ in range(rounds):
                try:
                    urllib.request.urlopen(request, timeout=60).read()
                except OSError as error:
                    print(f"warning: {self.label} {row['path']}: {error}", file=sys.stderr)
                    break

    def worker_rss_mb(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
        return max(sizes) if sizes else 0

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(port, path, key, seconds, connections):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", "--latency",
               f"http://127.0.0.1:{port}{path}"]
    if key:
        command[1:1] = ["-H", f"Authorization: Api-Key {key}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, _ms(latency.get("50", "0ms")), _ms(latency.get("99", "0ms")), int(errors.group(1)) if errors else 0


def _ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", action="append", required=True, help="LABEL=DATABASE_URL, e.g. 1k=postgres://...")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modes", default="on,off",
                        help="cache modes to measure: on (cached), off (page cache off), or both (default)")
    parser.add_argument("--publish-only", action="store_true",
                        help="measure only the server time of publishing the 200-annotation article")
    parser.add_argument("--only", default="",
                        help="comma-separated words: measure only the rows whose names start with one, e.g. "
                             "article,claim,place,conflict (the bare view is always measured)")
    options = parser.parse_args()
    if options.publish_only:
        for label, url in (item.split("=", 1) for item in options.db):
            result = child(url, "on", tempfile.mkdtemp(prefix="bench-static-"), "publish")
            print(f"{label}: publish of the 200-annotation article {result['publish_ms']:.0f} ms (server time, "
                  f"median of 3)")
        return
    ensure_wrk()
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    databases = dict(item.split("=", 1) for item in options.db)
    first = next(iter(databases.values()))
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], check=True, cwd=ROOT,
                   env={**os.environ, **BENCH_ENV, "DATABASE_URL": first, "STATIC_ROOT": static_root})
    modes = options.modes.split(",")
    found = {label: child(url, "off", static_root, "targets", only=options.only) for label, url in databases.items()}
    cached_queries = {label: child(url, "on", static_root, "targets", only=options.only)
                      for label, url in databases.items()} if "on" in modes else found
    servers = {(label, mode): Server(label, url, mode, static_root, options.workers)
               for label, url in databases.items() for mode in modes}
    results = {}
    try:
        for (label, _mode), server in servers.items():
            server.wait()
            server.warm(found[label]["rows"])
        for _run in range(options.runs):
            for index in range(len(found[next(iter(found))]["rows"])):
                for (label, mode), server in servers.items():
                    target = found[label]["rows"][index]
                    results.setdefault((index, label, mode), []).append(
                        wrk(server.port, target["path"], target["key"], options.seconds, options.connections)
                    )
        memory = {label: max(servers[(label, mode)].worker_rss_mb() for mode in modes) for label in databases}
    finally:
        for server in servers.values():
            server.stop()
    publish = {label: publish_or_failure(url, static_root, found[label]["large_article"])
               for label, url in databases.items()}
    report(found, cached_queries, results, memory, publish, options, modes)


def publish_or_failure(database, static_root, page_pk):
    """The publish measurement, or NaN when it fails (a statement timeout): the table is still printed."""
    try:
        return child(database, "on", static_root, "publish", str(page_pk))
    except subprocess.CalledProcessError as error:
        print(f"publish failed: {error.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return {"publish_ms": float("nan")}


def report(found, cached_queries, results, memory, publish, options, modes):
    labels = list(found)
    print(f"\nwrk -t1 -c{options.connections} -d{options.seconds}s, gunicorn {options.workers} workers (gthread), "
          f"median of {options.runs} runs; ratio = req/s / bare view's req/s, same server and pass")
    head = "| page / resource | queries (" + ", ".join(labels) + ") |"
    names = {"on": "cached", "off": "uncached"}
    head += "".join(f" {label} {names[mode]} p50 / p99 ms | {label} {names[mode]} req/s (ratio) |"
                    for label in labels for mode in modes)
    print(head)
    print("|---|---|" + "---|---|" * len(labels) * len(modes))
    for index, row in enumerate(found[labels[0]]["rows"]):
        queries = ", ".join(
            str(found[label]["rows"][index]["queries"]) if cached_queries is found
            else f"{found[label]['rows'][index]['queries']}/{cached_queries[label]['rows'][index]['queries']}"
            for label in labels
        )
        statuses = {found[label]["rows"][index]["status"] for label in labels} - {200}
        line = f"| {row['name']}{' (HTTP ' + str(statuses) + ')' if statuses else ''} | {queries} |"
        for label in labels:
            for mode in modes:
                runs = results[(index, label, mode)]
                bare = statistics.median(run[0] for run in results[(0, label, mode)])
                rate, p50, p99 = (statistics.median(run[i] for run in runs) for i in range(3))
                errors = " ⚠ non-2xx" if any(run[3] for run in runs) else ""
                line += f" {p50:.1f} / {p99:.1f} | {rate:.0f} ({rate / bare:.3f}){errors} |"
        print(line)
    print("\nqueries: in process, second request" + ("" if cached_queries is found else ": uncached/cached") + ".")
    for label in labels:
        print(f"{label}: publish of the 200-annotation article {publish[label]['publish_ms']:.0f} ms (server time, "
              f"median of 3); largest gunicorn worker RSS {memory[label]:.0f} MB")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        command = sys.argv[2]
        only = [word for word in os.environ.get("BENCH_ONLY", "").split(",") if word]
        result = targets(os.environ.get("BENCH_CACHE") == "off", only) if command == "targets" else publish_time(
            *map(int, sys.argv[3:])
        )
        print(json.dumps(result))
    else:
        main()
