#!/usr/bin/env python3
# The policy matrix, generated from the table itself: reads
# `tandem policy --format tsv` and, for every record kind x field group x
# action (create, update, delete) x role x relation to the subject (own
# contract, another owner's contract, no contract where the kind allows it),
# sends one request through the HTTP API and checks the answer the table
# promises: 201/200/204 when allowed, 202 when it becomes a proposed change,
# 403 when refused; then each proposed change is tried by every account
# (the rivals sales2 and ops2, the proposer itself, admin, viewer) against
# the table's confirm rows: 403, until the eligible one applies it (200),
# after which it is done (409). Used by tests/http/policy_matrix.sh:
#   policy_matrix.py seed DIR KINDS    write the records the updates and deletes act on
#                                      (KINDS: the answer of GET /api/v1/kinds)
#   policy_matrix.py run URL           log in and run every case (TAP lines)
# The accounts: admin (no person), executive P-CEO, sales P-S1 (owns K5),
# operations P-O1 (unit OP1, runs K5); the rival contract K3 is P-S2 / P-O2.
import csv, datetime, http.cookiejar, json, os, subprocess, sys, urllib.error, urllib.parse, urllib.request

ROLES = ["admin", "executive", "sales", "operations", "viewer"]
PERSON = {"admin": None, "executive": "P-CEO", "sales": "P-S1", "operations": "P-O1", "viewer": None,
          "sales2": "P-S2", "ops2": "P-O2"}
# The accounts' roles; sales2 and ops2 are the rivals (K3's owners), who
# stand in no relation to K5.
ROLE_OF = {"admin": "admin", "executive": "executive", "sales": "sales", "operations": "operations",
           "viewer": "viewer", "sales2": "sales", "ops2": "operations"}
CONTRACT = {"own": "K5", "other": "K3", "none": None}

def day(n):
    return (datetime.date(2020, 1, 1) + datetime.timedelta(days=n)).isoformat()

# Per kind: the contexts it has (a contract column, or none), a record for
# a fresh key n in context ctx written by role, the record group's update,
# and each field group's column with a value to set.
def kinds():
    K = {}
    def contract_of(ctx):
        return CONTRACT[ctx] or ""
    K["org_units"] = dict(ctx=["none"], make=lambda n, ctx, role: {"id": f"MU{n}", "name": "u", "kind": "sales", "parent_id": "HQ"},
                          key=lambda r: [r["id"]], update={"name": "renamed"}, groups={})
    K["people"] = dict(ctx=["none"], make=lambda n, ctx, role: {"id": f"MP{n}", "name": "p", "org_unit_id": "S1"},
                       key=lambda r: [r["id"]], update={"email": "x@example.com"}, groups={})
    K["clients"] = dict(ctx=["none"], make=lambda n, ctx, role: {"id": f"MC{n}", "name": "c"},
                        key=lambda r: [r["id"]], update={"industry": "retail"}, groups={})
    K["financials"] = dict(ctx=["own", "other"], make=lambda n, ctx, role: {"contract_id": contract_of(ctx), "month": f"{1990 + n // 12:04d}-{n % 12 + 1:02d}", "revenue": "1", "cost": "1"},
                           key=lambda r: [r["contract_id"], r["month"]], update={"cost": "2"}, groups={})
    def contract(n, ctx, role):
        so, oo = ("P-S1", "P-O1") if ctx == "own" else ("P-S2", "P-O2")
        return {"id": f"MK{n}", "client_id": "C3", "annual_value": "1000", "sales_owner": so, "ops_owner": oo}
    K["contracts"] = dict(ctx=["own", "other"], make=contract, key=lambda r: [r["id"]], update={"annual_value": "2000"},
                          groups={"ramp_started_on,staffed_on,go_live_on": ("go_live_on", "2025-03-01"),
                                  "sales_owner,ops_owner": ("ops_owner", "P-O1A")})
    K["sla_metrics"] = dict(ctx=["own", "other"], make=lambda n, ctx, role: {"contract_id": contract_of(ctx), "metric": f"M{n}", "direction": "higher", "target": "0.8"},
                            key=lambda r: [r["contract_id"], r["metric"]], update={"target": "0.7"}, groups={})
    K["measurements"] = dict(ctx=["own", "other"], make=lambda n, ctx, role: {"contract_id": contract_of(ctx), "metric": "SL", "date": day(n), "numerator": "1"},
                             key=lambda r: [r["contract_id"], r["metric"], r["date"]], update={"numerator": "2"}, groups={})
    K["readiness"] = dict(ctx=["own", "other"], make=lambda n, ctx, role: {"contract_id": contract_of(ctx), "item": f"I{n}", "category": "infra", "required": "1"},
                          key=lambda r: [r["contract_id"], r["item"]], update={"category": "system"},
                          groups={"done_on": ("done_on", "2025-02-01")})
    K["handover"] = dict(ctx=["own", "other"], make=lambda n, ctx, role: {"contract_id": contract_of(ctx), "item": f"H{n}"},
                         key=lambda r: [r["contract_id"], r["item"]], update=None,
                         groups={"accepted_on": ("accepted_on", "2025-02-01")})
    K["scope_changes"] = dict(ctx=["own", "other"], make=lambda n, ctx, role: {"contract_id": contract_of(ctx), "date": day(n), "kind": "dispute"},
                              key=lambda r: [r["contract_id"], r["date"], r["kind"]], update={"note": "n"}, groups={})
    K["manual_ratings"] = dict(ctx=["own", "other"], make=lambda n, ctx, role: {"contract_id": contract_of(ctx), "rated_on": day(n), "rated_by": "P-O1", "concreteness": "3", "feasibility": "3"},
                               key=lambda r: [r["contract_id"], r["rated_on"], r["rated_by"]], update={"concreteness": "4"}, groups={}, person="rated_by")
    K["expansions"] = dict(ctx=["own", "other"], make=lambda n, ctx, role: {"contract_id": contract_of(ctx), "date": day(n), "kind": "volume", "added_annual_value": "1"},
                           key=lambda r: [r["contract_id"], r["date"], r["kind"]], update={"added_annual_value": "2"}, groups={})
    K["renewals"] = dict(ctx=["own", "other"], make=lambda n, ctx, role: {"contract_id": contract_of(ctx), "due_on": day(n), "outcome": "pending"},
                         key=lambda r: [r["contract_id"], r["due_on"]], update={"outcome": "renewed"}, groups={})
    def proposal(n, ctx, role):
        r = {"id": f"MR{n}", "client_id": "C3", "origin": "operations" if role == "operations" else "sales", "status": "draft"}
        if CONTRACT[ctx]:
            r["credited_contract_id"] = CONTRACT[ctx]
        return r
    K["proposals"] = dict(ctx=["own", "other", "none"], make=proposal, key=lambda r: [r["id"]], update={"title": "t"},
                          groups={"status": ("status", "review")})
    K["feasibility_reviews"] = dict(ctx=["none"], make=lambda n, ctx, role: {"proposal_id": "PRD", "reviewed_on": day(n), "reviewer": "P-O1", "verdict": "feasible"},
                                    key=lambda r: [r["proposal_id"], r["reviewed_on"]], update={"conditions": "c"}, groups={}, person="reviewer")
    K["relationship_ratings"] = dict(ctx=["none"], make=lambda n, ctx, role: {"client_id": "C3", "date": day(n), "level": "3", "rated_by": PERSON[role] if role in ("sales", "executive") else "P-CEO"},
                                     key=lambda r: [r["client_id"], r["date"], r["rated_by"]], update={"level": "4"}, groups={}, person="rated_by")
    def reference(n, ctx, role):
        r = {"client_id": "C3", "date": day(n), "kind": "referral"}
        if CONTRACT[ctx]:
            r["credited_contract_id"] = CONTRACT[ctx]
        return r
    K["references"] = dict(ctx=["own", "other", "none"], make=reference, key=lambda r: [r["client_id"], r["date"], r["kind"]],
                           update={"referred_client_id": "C1"}, groups={})
    K["innovations"] = dict(ctx=["own", "other"], make=lambda n, ctx, role: {"contract_id": contract_of(ctx), "date": day(n), "kind": "automation", "title": f"T{n}", "status": "proposed"},
                            key=lambda r: [r["contract_id"], r["date"], r["kind"], r["title"]], update={"status": "deployed"}, groups={})
    return K

def load_policy(tandem):
    out = subprocess.run([tandem, "policy", "--format", "tsv"], check=True, capture_output=True, text=True).stdout
    rows = list(csv.DictReader(out.splitlines(), delimiter="\t"))
    return rows

def holds(relation, ctx, role, kind, record):
    """Does the relation of a row hold for role acting on record in ctx?"""
    if relation == "any":
        return True
    if PERSON[role] is None:
        return False
    parts = relation.split("+")
    if "self" in parts:
        col = KINDS[kind].get("person")
        if col and record.get(col, PERSON[role]) != PERSON[role]:
            return False
    if "own" in parts or "unit" in parts:
        if ctx == "other":
            return False
        if ctx == "none" and kind != "proposals":
            return False
    return True

def when_holds(when, record):
    if when == "-":
        return True
    col, val = when.split("=", 1)
    return record.get(col) == val

def expect(policy, kind, groups, action, role, ctx, record):
    """The status the table promises: the most restrictive over the field
    groups the change touches (a group with no row for the action is not
    judged)."""
    effect = None
    for g in groups:
        rows = [r for r in policy if r["kind"] == kind and r["fields"] == g and r["action"] == action]
        if not rows:
            continue
        mine = [r for r in rows if r["role"] == role and when_holds(r["when"], record)]
        if not mine:
            return 403
        r = mine[0]
        if r["effect"] == "deny":
            return 403
        if r["values"] != "-" and g in record and record[g] not in r["values"].split(","):
            return 403
        if not holds(r["relation"], ctx, role, kind, record):
            return 403
        if r["effect"] == "propose":
            effect = "propose"
        elif effect is None:
            effect = "allow"
    if effect is None:
        # the change touches no judged group: the role needs some row
        rows = [r for r in policy if r["kind"] == kind and r["action"] == action and r["role"] == role
                and r["effect"] != "deny" and when_holds(r["when"], record)]
        if not rows or not holds(rows[0]["relation"], ctx, role, kind, record):
            return 403
        effect = "allow"
    if effect == "propose":
        return 202
    return {"create": 201, "update": 200, "delete": 204}[action]

KINDS = kinds()

def group_of(policy, kind, column):
    for r in policy:
        if r["kind"] == kind and r["fields"] != "*" and column in r["fields"].split(","):
            return r["fields"]
    return "*"

def cases(policy):
    """Every case: (name, kind, action, role, ctx, record, change, groups)."""
    n = 0
    out = []
    for kind, spec in KINDS.items():
        for role in ROLES:
            for ctx in spec["ctx"]:
                # create with the record group (and the status a proposal needs)
                n += 1
                rec = spec["make"](n, ctx, role)
                if spec.get("person") and role != "admin":
                    rec.pop(spec["person"], None)       # filled from the session
                touched = sorted({group_of(policy, kind, c) for c in rec})
                out.append((f"{kind}-create-{role}-{ctx}", kind, "create", role, ctx, rec, None, touched))
                # create with each field group that has create rows
                for g, (col, val) in spec["groups"].items():
                    if not any(r["kind"] == kind and r["fields"] == g and r["action"] == "create" for r in policy):
                        continue
                    n += 1
                    rec = spec["make"](n, ctx, role)
                    if spec.get("person") and role != "admin":
                        rec.pop(spec["person"], None)
                    rec[col] = val
                    touched = sorted({group_of(policy, kind, c) for c in rec})
                    out.append((f"{kind}-create-{g.split(',')[0]}-{role}-{ctx}", kind, "create", role, ctx, rec, None, touched))
                # update of the record group, and of each field group
                updates = []
                if spec["update"]:
                    updates.append(("*", spec["update"]))
                for g, (col, val) in spec["groups"].items():
                    updates.append((g, {col: val}))
                for g, change in updates:
                    n += 1
                    rec = spec["make"](n, ctx, role)
                    name = "record" if g == "*" else g.split(",")[0]
                    out.append((f"{kind}-update-{name}-{role}-{ctx}", kind, "update", role, ctx, rec, change, [g]))
                # delete
                n += 1
                rec = spec["make"](n, ctx, role)
                touched = sorted({group_of(policy, kind, c) for c in rec})
                out.append((f"{kind}-delete-{role}-{ctx}", kind, "delete", role, ctx, rec, None, touched))
    return out

def seed(policy, folder):
    """The records the updates and deletes act on, as CSV files to import."""
    os.makedirs(folder, exist_ok=True)
    per_kind = {}
    for name, kind, action, role, ctx, rec, change, groups in cases(policy):
        if action == "create":
            continue
        per_kind.setdefault(kind, []).append(rec)
    for kind, recs in per_kind.items():
        cols = []
        for r in recs:
            for c in r:
                if c not in cols:
                    cols.append(c)
        with open(os.path.join(folder, f"{kind}.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLUMNS[kind])
            for r in recs:
                w.writerow([r.get(c, "") for c in COLUMNS[kind]])

COLUMNS = {}

def login(url, name):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    req = urllib.request.Request(url + "/api/v1/login", data=json.dumps({"name": name, "password": "password-" + name}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    body = json.load(opener.open(req))
    return opener, body["csrf"]

def call(session, url, method, path, body=None):
    opener, csrf = session
    data = json.dumps(body).encode() if body is not None else None
    headers = {"X-CSRF-Token": csrf}
    if data is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url + path, data=data, headers=headers, method=method)
    try:
        with opener.open(req) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()

def quote(v):
    return urllib.parse.quote(v, safe="")

def confirm_expect(policy, kind, group, when_record, account, ctx, proposer):
    """May account confirm a change the table's (kind, group) row proposed?"""
    role = ROLE_OF[account]
    if PERSON[account] is None or account == proposer:
        return 403
    for r in policy:
        if (r["kind"] == kind and r["fields"] == group and r["action"] == "confirm" and r["role"] == role
                and when_holds(r["when"], when_record)):
            rel = r["relation"]
            if rel == "any":
                return 200
            if ctx != "own":
                return 403
            # K5: sales owner P-S1, run by P-O1's unit
            if rel == "own" and PERSON[account] == "P-S1":
                return 200
            if rel == "unit" and PERSON[account] == "P-O1":
                return 200
            return 403
    return 403

def proposing_group(policy, kind, groups, action, role, record):
    for g in groups:
        for r in policy:
            if (r["kind"] == kind and r["fields"] == g and r["action"] == action and r["role"] == role
                    and r["effect"] == "propose" and when_holds(r["when"], record)):
                return g
    return None

def run(policy, url):
    sessions = {r: login(url, r) for r in ROLE_OF}
    n = 0
    failed = 0
    for name, kind, action, role, ctx, rec, change, groups in cases(policy):
        want = expect(policy, kind, groups, action, role, ctx, rec if action != "update" else {**rec, **change})
        if action == "create":
            got, body = call(sessions[role], url, "POST", f"/api/v1/records/{kind}", rec)
        else:
            key = "/".join(quote(k) for k in KINDS[kind]["key"](rec))
            if action == "update":
                got, body = call(sessions[role], url, "PUT", f"/api/v1/records/{kind}/{key}", change)
            else:
                got, body = call(sessions[role], url, "DELETE", f"/api/v1/records/{kind}/{key}")
        n += 1
        if got == want:
            print(f"ok {n} - policy-{name}")
        else:
            failed += 1
            print(f"not ok {n} - policy-{name}")
            print(f"#   expected {want}, got {got}: {body[:300]}")
        if got != 202 or want != 202:
            continue
        # The proposed change: every account tries to confirm it, the
        # ineligible first; the eligible one applies it; then it is done.
        change_id = json.loads(body)["id"]
        record = rec if action != "update" else {**rec, **change}
        group = proposing_group(policy, kind, groups, action, role, record)
        order = ["viewer", "admin", role, "sales2", "ops2", "sales", "operations", "executive"]
        seen = []
        for account in order:
            if account in seen:
                continue
            seen.append(account)
            cwant = confirm_expect(policy, kind, group, record, account, ctx, role)
            cgot, cbody = call(sessions[account], url, "POST", f"/api/v1/changes/{change_id}/confirm", {})
            n += 1
            if cgot == cwant:
                print(f"ok {n} - policy-{name}-confirm-by-{account}")
            else:
                failed += 1
                print(f"not ok {n} - policy-{name}-confirm-by-{account}")
                print(f"#   expected {cwant}, got {cgot}: {cbody[:300]}")
            if cgot == 200:
                cgot, cbody = call(sessions["executive"], url, "POST", f"/api/v1/changes/{change_id}/confirm", {})
                n += 1
                if cgot == 409:
                    print(f"ok {n} - policy-{name}-confirmed-once")
                else:
                    failed += 1
                    print(f"not ok {n} - policy-{name}-confirmed-once")
                    print(f"#   expected 409, got {cgot}: {cbody[:300]}")
                break
    return failed


if __name__ == "__main__":
    tandem = os.environ["TANDEM"]
    policy = load_policy(tandem)
    if sys.argv[1] == "seed":
        # the CSV header of each kind: the columns of GET /api/v1/kinds
        with open(sys.argv[3]) as f:
            for k in json.load(f):
                COLUMNS[k["kind"]] = [c["name"] for c in k["columns"]]
        seed(policy, sys.argv[2])
    else:
        sys.exit(1 if run(policy, sys.argv[2]) else 0)
