#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The hostile-and-heavy load of issue 21 item 4, against a running
# `tandem serve` on loopback, all at once for --seconds:
#   users   8 accounts (u1..u8, password "password-uN"), each on one
#           kept-alive connection, browsing (records, scores, a page) and
#           writing (an audited update of a client) in a loop
#   upload  one XLSX whose sheet is 2 GiB of whitespace (2 MB compressed),
#           POSTed as a dry run; the job is followed until it ends
#   flood   8 threads logging in to one account ("flood") over and over
#   slow    300 connections that send half a request, then one header
#           byte a second (each process's count and time bounded)
# and prints the users' p50/p99/max, every request of theirs that was
# dropped (no answer, a reset, a 5xx, or no answer within 10 s), and what
# the others saw. The last line is JSON. Loopback only; each party comes
# from addresses of its own, as on a network (the server limits connections
# per address): the users from 127.0.1.N, the upload from 127.0.2.1, the
# flood from 127.0.3.1, the slow connections from 127.0.4.1.
#   load.py URL BOMB.xlsx [--seconds N] [--slow N] [--flood N] [--nice N]
import argparse
import http.client
import json
import multiprocessing as mp
import os
import socket
import threading
import time
import urllib.parse

ap = argparse.ArgumentParser()
ap.add_argument("url")
ap.add_argument("bomb")
ap.add_argument("--seconds", type=float, default=20)
ap.add_argument("--users", type=int, default=8)
ap.add_argument("--slow", type=int, default=300)
ap.add_argument("--flood", type=int, default=8)
ap.add_argument("--nice", type=int, default=0,
                help="niceness of the flood and the slow connections (the attackers)")
a = ap.parse_args()
u = urllib.parse.urlparse(a.url)
HOST, PORT = u.hostname, u.port
if HOST != "127.0.0.1":
    raise SystemExit("load.py: loopback only (got %s)" % HOST)
TIMEOUT = 10
USERS_NET, UPLOAD_ADDR, FLOOD_ADDR, SLOW_ADDR = "127.0.1.", "127.0.2.1", "127.0.3.1", "127.0.4.1"


def connect(addr, timeout=TIMEOUT):
    return http.client.HTTPConnection(HOST, PORT, timeout=timeout, source_address=(addr, 0))


def login(conn, name, password, retry_after=None):
    body = json.dumps({"name": name, "password": password})
    conn.request("POST", "/api/v1/login", body, {"Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    cookie = (r.getheader("Set-Cookie") or "").split(";")[0]
    csrf = json.loads(data).get("csrf", "") if r.status == 200 else ""
    if retry_after is not None:
        retry_after[0] = int(r.getheader("Retry-After") or 1)
    return r.status, cookie, csrf


def patient_login(conn, name, password, until, q=None):
    """Logs in as a person would: a 429 (the server busy hashing) is tried
    again after its Retry-After. Each attempt is put on q as a "login"."""
    while True:
        wait = [1]
        t0 = time.perf_counter()
        st, cookie, csrf = login(conn, name, password, wait)
        if q is not None:
            q.put(("login", (time.perf_counter() - t0) * 1000, st))
        if st != 429 or time.time() + wait[0] >= until:
            return st, cookie, csrf
        time.sleep(wait[0])


def user(n, until, q):
    """One ordinary user; puts (kind, ms, status) for every request."""
    me = USERS_NET + str(n)
    conn = connect(me)
    name = "u%d" % n
    try:
        st, cookie, csrf = patient_login(conn, name, "password-" + name, until, q)
    except Exception as e:
        st = "dropped:%s" % type(e).__name__
        q.put(("login", 0.0, st))
    if st != 200:
        return
    reqs = [
        ("list", "GET", "/api/v1/records/contracts?limit=20", None),
        ("scores", "GET", "/api/v1/scores?year=2026", None),
        ("page", "GET", "/records/contracts", None),
        ("write", "PUT", "/api/v1/records/clients/C1", json.dumps({"industry": "load-%d" % n})),
        ("me", "GET", "/api/v1/me", None),
    ]
    # One of each first, not counted: the first scores of a year are
    # computed once for everyone, and the first page warms its cache.
    try:
        for kind, method, path, body in reqs:
            h = {"Cookie": cookie, "X-CSRF-Token": csrf}
            if body:
                h["Content-Type"] = "application/json"
            conn.request(method, path, body, h)
            conn.getresponse().read()
    except Exception as e:
        q.put(("warmup", 0.0, "dropped:%s" % type(e).__name__))
        return
    i = 0
    while time.time() < until:
        kind, method, path, body = reqs[i % len(reqs)]
        i += 1
        h = {"Cookie": cookie, "X-CSRF-Token": csrf}
        if body:
            h["Content-Type"] = "application/json"
        t0 = time.perf_counter()
        try:
            conn.request(method, path, body, h)
            r = conn.getresponse()
            r.read()
            status = r.status
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = connect(me)
        except Exception as e:  # dropped: reset, closed, timed out
            status = "dropped:%s" % type(e).__name__
            conn.close()
            conn = connect(me)
        q.put((kind, (time.perf_counter() - t0) * 1000, status))
        time.sleep(0.02)


def users_proc(until, out):
    import queue
    q = queue.Queue()
    ts = [threading.Thread(target=user, args=(n, until, q)) for n in range(1, a.users + 1)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    rows = []
    while not q.empty():
        rows.append(q.get())
    out.put(("users", rows))
    out.put(("users_cpu", round(cpu_seconds(), 1)))


def upload_proc(until, out):
    try:
        res = upload(until)
    except Exception as e:
        res = {"error": "dropped:%s" % type(e).__name__}
    out.put(("upload", res))


def upload(until):
    time.sleep(1.0)
    conn = connect(UPLOAD_ADDR, 60)
    st, cookie, csrf = patient_login(conn, "uploader", "password-uploader", until)
    data = open(a.bomb, "rb").read()
    boundary = "tandemloadboundary"
    body = (("--%s\r\nContent-Disposition: form-data; name=\"files\"; filename=\"bomb.xlsx\"\r\n"
             "Content-Type: application/octet-stream\r\n\r\n" % boundary).encode()
            + data + ("\r\n--%s--\r\n" % boundary).encode())
    t0 = time.perf_counter()
    res = {"login": st}
    try:
        conn.request("POST", "/api/v1/imports?dry_run=1", body,
                     {"Cookie": cookie, "X-CSRF-Token": csrf,
                      "Content-Type": "multipart/form-data; boundary=" + boundary})
        r = conn.getresponse()
        job = json.loads(r.read())
        res["status"] = r.status
        res["answered_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        while job.get("state") not in ("done", "failed") and time.perf_counter() - t0 < 60:
            time.sleep(0.1)
            conn.request("GET", "/api/v1/jobs/%d" % job["id"], None, {"Cookie": cookie})
            r = conn.getresponse()
            job = json.loads(r.read())
        res["state"] = job.get("state")
        res["ended_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        res["limit"] = (job.get("result") or {}).get("limit")
    except Exception as e:
        res["error"] = "dropped:%s" % type(e).__name__
    return res


def flood_thread(until, counts, lock):
    conn = connect(FLOOD_ADDR)
    while time.time() < until:
        try:
            st, _, _ = login(conn, "flood", "password-flood")
        except Exception as e:
            st = "dropped:%s" % type(e).__name__
            conn.close()
            conn = connect(FLOOD_ADDR)
        with lock:
            counts[str(st)] = counts.get(str(st), 0) + 1


def cpu_seconds():
    """This process's CPU time (user + system), in seconds."""
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def flood_proc(until, out):
    os.nice(a.nice)
    counts, lock = {}, threading.Lock()
    ts = [threading.Thread(target=flood_thread, args=(until, counts, lock)) for _ in range(a.flood)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    counts["cpu_s"] = round(cpu_seconds(), 1)
    out.put(("flood", counts))


def slow_proc(until, out):
    os.nice(a.nice)
    socks, refused = [], 0
    for _ in range(a.slow):
        s = socket.socket()
        s.settimeout(2)
        try:
            s.bind((SLOW_ADDR, 0))
            s.connect((HOST, PORT))
            s.sendall(b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\n")
            s.setblocking(False)
            socks.append(s)
        except OSError:
            refused += 1
            s.close()
    opened, cut = len(socks), 0
    while time.time() < until and socks:
        time.sleep(1)
        alive = []
        for s in socks:
            try:
                s.send(b"X")
                try:
                    if s.recv(1) == b"":
                        raise OSError("closed")
                except BlockingIOError:
                    pass
                alive.append(s)
            except OSError:
                cut += 1
                s.close()
        socks = alive
    for s in socks:
        s.close()
    out.put(("slow", {"opened": opened, "refused": refused, "cut_by_server": cut,
                      "open_at_end": len(socks)}))


def pct(xs, p):
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


if __name__ == "__main__":
    start = time.time()
    until = start + a.seconds
    out = mp.Queue()
    procs = [mp.Process(target=users_proc, args=(until, out))]
    if a.bomb != "-":
        procs.append(mp.Process(target=upload_proc, args=(until, out)))
    if a.flood:
        procs.append(mp.Process(target=flood_proc, args=(until, out)))
    if a.slow:
        procs.append(mp.Process(target=slow_proc, args=(until, out)))
    for p in procs[1:]:
        p.start()
    time.sleep(0.5)      # the slow connections and the flood are on first
    procs[0].start()
    got = {}
    for _ in range(len(procs) + 1):   # the users report twice
        try:
            k, v = out.get(timeout=a.seconds + 90)
        except Exception:
            break
        got[k] = v
    for p in procs:
        p.join()
    rows = got.get("users", [("users", 0.0, "dropped:no report")])
    lat = [ms for _, ms, st in rows if isinstance(st, int) and st < 500]
    dropped = [(k, round(ms, 1), st) for k, ms, st in rows if not (isinstance(st, int) and st < 500)]
    by = {}
    for k, ms, st in rows:
        by.setdefault(k, []).append(ms)
    rep = {
        "users": {"requests": len(rows), "p50_ms": round(pct(lat, 50), 1),
                  "p99_ms": round(pct(lat, 99), 1), "max_ms": round(max(lat) if lat else 0, 1),
                  "dropped": len(dropped), "dropped_examples": dropped[:5],
                  "statuses": {k: sum(1 for _, _, st in rows if str(st) == k)
                               for k in sorted({str(st) for _, _, st in rows})},
                  "p99_by_kind": {k: round(pct(v, 99), 1) for k, v in sorted(by.items())}},
        "upload": got.get("upload"), "flood": got.get("flood"), "slow": got.get("slow"),
        "seconds": a.seconds, "users_cpu_s": got.get("users_cpu"),
    }
    print("ordinary requests: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms, dropped %d"
          % (rep["users"]["requests"], rep["users"]["p50_ms"], rep["users"]["p99_ms"],
             rep["users"]["max_ms"], rep["users"]["dropped"]))
    print("p99 by kind: %s" % rep["users"]["p99_by_kind"])
    print("answers: %s" % rep["users"]["statuses"])
    print("upload: %s" % rep["upload"])
    print("login flood: %s" % rep["flood"])
    print("slow connections: %s" % rep["slow"])
    print("load generator CPU: users %s s, flood %s s (nice %d)"
          % (rep["users_cpu_s"], (rep["flood"] or {}).get("cpu_s"), a.nice))
    print(json.dumps(rep))
