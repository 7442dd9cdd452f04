#!/usr/bin/env python3
"""Independent reference implementation of Tandem scoring (SPEC section 5).

usage: python3 tests/reference/score_ref.py [--option NAME=VALUE ...] DIR YEAR

DIR holds the CSV files of SPEC section 4 (a missing file = no rows).  Prints
the CSV of SPEC section 5 "Output" to stdout, default model only.  Written
from SPEC.md alone (not from the C sources), standard library only, exact
arithmetic (fractions.Fraction) throughout, rounding only at output (half away
from zero, never -0.00).

Readings chosen where SPEC leaves room (the most literal one each time).
Those marked [option] can be switched with --option NAME=VALUE.

 R1  E (last month that counts) = min(index of December Y, index of the month
     containing end_on) -- when end_on falls in Y (or before), E is the index
     of end_on's month (that month is counted).
 R2  A metric-month that has rows but Sum(denominator) = 0 has no data; a month
     in which any SLA metric has no data is not compliant, so it breaks a
     stabilization run.  It is also left out of S2.1/S3.2 denominators.
 R3  Stabilization: s = the smallest m with m, m+1, ..., m+K-1 all compliant and
     m+K-1 <= E.  A contract with no SLA metrics never stabilizes (and S2.1,
     S3.1, S3.2 are n/a anyway).
 R4  S2.1 when not stabilized and P is empty (or <= 0): n/a (steady state is
     undefined).  S3.1 and S3.2 with P empty or P <= 0: n/a.
 R5  S1.2: n/a when ramp_started_on, staffed_on or planned_ramp_days is empty,
     when planned_ramp_days = 0, or when staffed_on/ramp_started_on is after
     31 Dec Y ("a date after 31 Dec Y counts as unknown everywhere").
 R6  S1.1 done means done_on non-empty, done_on <= go_live_on and <= 31 Dec Y.
     S3.3 accepted means accepted_on non-empty and <= 31 Dec Y.
 R7  S2.2 required margin by risk tier low/medium/high; financial rows with
     month <= YYYY-12 of Y; a negative margin gives a negative value (score 0).
 R8  Counts (S2.3, O1.1 count measure, O1.2, O2.2, O2.3, O3.2, O3.3) are never
     n/a (0 is a value).
 R9  O3.1 without deployed process improvements in Y is 0 (the sum over no
     rows is 0), n/a only when annual_value = 0.  Empty annual_savings = 0.
     [option o31_empty=zero|na]
 R10 O1.1 scale measure: Sum(added_annual_value of expansions dated in Y)
     / annual_value, 0 when there are none; empty added_annual_value = 0;
     n/a when annual_value = 0.
 R11 O1.2: a child = any contract (subject or not) with parent_contract_id =
     this contract and signed_on in Y.  It counts unless (a) the parent's
     service_line equals the child's ("the parent counts as had"), or (b) some
     other contract of the child's client on the child's service_line was
     signed strictly before the child.  So a child on the parent's own service
     line never counts.
 R12 O1.3: renewals of this contract (renewals.contract_id = this) with
     due_on in Y; pending rows dropped.  rate n/a without renewed/lost rows;
     growth = Sum(new - old) / Sum(old) over renewed rows with a
     new_annual_value, old = this contract's annual_value; n/a without such
     rows or when Sum(old) = 0.  Criterion = mean of the available measures.
 R13 O2.1: ratings of the contract's client dated in Y; n/a without any.
 R14 O2.2 / O2.3 / O3.x use credited_contract_id / contract_id = this
     contract, dated in Y (proposed_on, date).  A references row's client_id is
     not checked against the contract's client.
 R15 Category row ids are S1, S2, S3, O1, O2, O3.  [option cat_ids=short|...]
 R16 A person gets rows for org X when their unit's kind is X, or when they
     own a subject for X; a person whose unit is executive (or who has no
     unit) gets rows only for the orgs where they own subjects.  An org unit
     gets rows for X when X is its kind or the kind of any (transitive)
     descendant, or it has subjects for X.  The company always gets rows for
     both orgs (n/a when it has no subjects, coverage 0, weight 0).
 R17 Aggregate category rows carry the category weight; aggregate total rows
     carry Sum(annual_value) of the subjects whose total is available
     (subjects with annual_value 0 included; they add 0).  Aggregate scores
     are Sum(av*score)/Sum(av) over subjects where available; n/a when that
     Sum(av) is 0 (including "no subject available").
 R18 A measurement whose (contract, metric) has no sla_metrics row is ignored;
     an empty denominator means 1.  Measurements dated before go_live_on,
     after end_on or after 31 Dec Y are ignored; only months 1..E count.
 R19 Operations subjects include renewal contracts (only sales excludes
     them).  Sales subjects: go_live_on in Y or Y-1 and renews_contract_id
     empty.
 R20 S2.3: scope changes with go_live_on <= date < go_live_on + 12 months
     (29 Feb + 12 months = 28 Feb) and date <= 31 Dec Y.
 R21 "Dated in Y" = 1 Jan Y <= date <= 31 Dec Y.
 R22 O2.2 counts proposals with status review, won or lost; a draft has not
     been proposed to the client yet.
 R23 Maturity: an operations subject whose month index of December Y
     (go-live month = 1) is below operations_min_months is left out entirely:
     no rows, in no person's, unit's or the company's subjects, and it does
     not make a person or unit "own a subject".  [option
     operations_min_months=N, default 0]
"""

import csv
import datetime
import os
import sys
from fractions import Fraction

K = 3
SALES_CAT_W = {"S1": Fraction(30), "S2": Fraction(35), "S3": Fraction(35)}
OPS_CAT_W = {"O1": Fraction(40), "O2": Fraction(30), "O3": Fraction(30)}
MARGIN = {"low": Fraction("0.08"), "medium": Fraction("0.12"), "high": Fraction("0.18")}

RATIO = {"S1.1", "S1.2", "S2.1", "S2.2", "S3.1", "S3.2", "S3.3", "O3.1"}
COUNT = {"S2.3", "O1.2", "O2.2", "O2.3", "O3.2", "O3.3"}
MEAN = {"S1.3", "O2.1"}
MULTI = {"O1.1", "O1.3"}

OPTIONS = {
    "o31_empty": "zero",   # zero | na
    "operations_min_months": "0",
}


# ---------------------------------------------------------------- input

def read(dirname, name):
    path = os.path.join(dirname, name + ".csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        out.append({k: (v.strip() if v is not None else "") for k, v in r.items()})
    return out


def num(s):
    if s is None or s == "":
        return None
    return Fraction(s)


def date(s):
    if s is None or s == "":
        return None
    return datetime.date.fromisoformat(s)


# ---------------------------------------------------------------- helpers

def month_index(go_live, y, m):
    return (y - go_live.year) * 12 + (m - go_live.month) + 1


def add_12_months(d):
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year + 1, day=28)


def linear(v, zero, full):
    if v is None:
        return None
    zero = Fraction(zero)
    full = Fraction(full)
    s = 100 * (v - zero) / (full - zero)
    if s < 0:
        return Fraction(0)
    if s > 100:
        return Fraction(100)
    return s


def mean(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return sum(xs, Fraction(0)) / len(xs)


def fmt(q, d):
    if q is None:
        return ""
    neg = q < 0
    a = abs(q) * (10 ** d)
    n = int(a)  # floor for non-negative
    if a - n >= Fraction(1, 2):
        n += 1
    if n == 0:
        neg = False
    s = str(n).rjust(d + 1, "0")
    return ("-" if neg else "") + s[:-d] + "." + s[-d:]


# ---------------------------------------------------------------- model

class Data:
    def __init__(self, dirname):
        t = {}
        for n in ["org_units", "people", "clients", "contracts", "sla_metrics",
                  "measurements", "readiness", "manual_ratings", "handover",
                  "scope_changes", "financials", "expansions", "renewals",
                  "proposals", "feasibility_reviews", "relationship_ratings",
                  "references", "innovations"]:
            t[n] = read(dirname, n)
        self.t = t
        self.contracts = {}
        for r in t["contracts"]:
            self.contracts[r["id"]] = r
        self.units = {r["id"]: r for r in t["org_units"]}
        self.people = {r["id"]: r for r in t["people"]}

        def by(table, key):
            d = {}
            for r in t[table]:
                d.setdefault(r[key], []).append(r)
            return d
        self.metrics = by("sla_metrics", "contract_id")
        self.meas = by("measurements", "contract_id")
        self.readiness = by("readiness", "contract_id")
        self.manual = by("manual_ratings", "contract_id")
        self.handover = by("handover", "contract_id")
        self.scope = by("scope_changes", "contract_id")
        self.fin = by("financials", "contract_id")
        self.exp = by("expansions", "contract_id")
        self.ren = by("renewals", "contract_id")
        self.props = by("proposals", "credited_contract_id")
        self.relr = by("relationship_ratings", "client_id")
        self.refs = by("references", "credited_contract_id")
        self.innov = by("innovations", "contract_id")
        self.children = by("contracts", "parent_contract_id")
        self.by_client = by("contracts", "client_id")


class Result:
    """Scores of one contract for one org."""

    def __init__(self):
        self.crit = {}    # id -> (value or None, score or None)


def sla_months(data, c, Y):
    """Returns (metrics list, {(metric, m): (num, den)}, E)."""
    gl = date(c["go_live_on"])
    end = date(c["end_on"])
    E = month_index(gl, Y, 12)
    if end is not None:
        E = min(E, month_index(gl, end.year, end.month))
    cutoff = datetime.date(Y, 12, 31)
    metrics = data.metrics.get(c["id"], [])
    names = {m["metric"] for m in metrics}
    agg = {}
    for r in data.meas.get(c["id"], []):
        if r["metric"] not in names:
            continue
        d = date(r["date"])
        if d > cutoff or d < gl or (end is not None and d > end):
            continue
        m = month_index(gl, d.year, d.month)
        if m < 1 or m > E:
            continue
        n = num(r["numerator"])
        den = num(r["denominator"])
        if den is None:
            den = Fraction(1)
        key = (r["metric"], m)
        a = agg.get(key, (Fraction(0), Fraction(0)))
        agg[key] = (a[0] + n, a[1] + den)
    return metrics, agg, E


def has_data(agg, metric, m):
    a = agg.get((metric, m))
    return a is not None and a[1] > 0


def met(agg, metric, m, direction, target):
    n, d = agg[(metric, m)]
    v = n / d
    if direction == "higher":
        return v >= target
    return v <= target


def score_sales(data, c, Y):
    res = {}
    cutoff = datetime.date(Y, 12, 31)
    gl = date(c["go_live_on"])
    P = num(c["planned_stabilization_months"])
    if P is not None and P <= 0:
        P = None

    # S1.1
    items = [r for r in data.readiness.get(c["id"], []) if r["required"] == "1"]
    if items:
        done = 0
        for r in items:
            d = date(r["done_on"])
            if d is not None and d <= gl and d <= cutoff:
                done += 1
        v = Fraction(done, len(items))
        res["S1.1"] = (v, linear(v, "0.5", "1.0"))
    else:
        res["S1.1"] = (None, None)

    # S1.2
    rs = date(c["ramp_started_on"])
    st = date(c["staffed_on"])
    prd = num(c["planned_ramp_days"])
    if rs is None or st is None or prd is None or prd == 0 or rs > cutoff or st > cutoff:
        res["S1.2"] = (None, None)
    else:
        v = Fraction((st - rs).days) / prd
        res["S1.2"] = (v, linear(v, "2.0", "1.0"))

    # S1.3
    rts = [r for r in data.manual.get(c["id"], []) if date(r["rated_on"]) <= cutoff]
    if rts:
        v = mean([(num(r["concreteness"]) + num(r["feasibility"])) / 2 for r in rts])
        res["S1.3"] = (v, linear(v, 1, 5))
    else:
        res["S1.3"] = (None, None)

    # SLA-based
    metrics, agg, E = sla_months(data, c, Y)
    s = None
    if metrics:
        def compliant(m):
            for mt in metrics:
                if not has_data(agg, mt["metric"], m):
                    return False
                if not met(agg, mt["metric"], m, mt["direction"], num(mt["target"])):
                    return False
            return True
        comp = {m: compliant(m) for m in range(1, E + 1)}
        for m in range(1, E - K + 2):
            if all(comp[m + i] for i in range(K)):
                s = m
                break

    # S2.1
    if not metrics:
        res["S2.1"] = (None, None)
    else:
        if s is not None:
            start = s + K
        elif P is not None:
            start = int(P) + K
        else:
            start = None
        if start is None:
            res["S2.1"] = (None, None)
        else:
            tot = 0
            ok = 0
            for mt in metrics:
                for m in range(start, E + 1):
                    if has_data(agg, mt["metric"], m):
                        tot += 1
                        if met(agg, mt["metric"], m, mt["direction"], num(mt["target"])):
                            ok += 1
            if tot == 0:
                res["S2.1"] = (None, None)
            else:
                v = Fraction(ok, tot)
                res["S2.1"] = (v, linear(v, "0.6", "0.95"))

    # S2.2
    tier = c["risk_tier"]
    last = "%04d-12" % Y
    frs = [r for r in data.fin.get(c["id"], []) if r["month"] <= last]
    if not frs or tier not in MARGIN:
        res["S2.2"] = (None, None)
    else:
        R = sum((num(r["revenue"]) for r in frs), Fraction(0))
        C = sum((num(r["cost"]) for r in frs), Fraction(0))
        if R <= 0:
            res["S2.2"] = (None, None)
        else:
            v = (R - C) / R / MARGIN[tier]
            res["S2.2"] = (v, linear(v, 0, 1))

    # S2.3
    hi = add_12_months(gl)
    n = 0
    for r in data.scope.get(c["id"], []):
        d = date(r["date"])
        if gl <= d < hi and d <= cutoff:
            n += 1
    v = Fraction(n)
    res["S2.3"] = (v, linear(v, 5, 0))

    # S3.1
    if not metrics or P is None:
        res["S3.1"] = (None, None)
    elif s is not None:
        v = Fraction(s) / P
        res["S3.1"] = (v, linear(v, 3, 1))
    elif E <= P + K - 1:
        res["S3.1"] = (None, None)
    else:
        v = Fraction(E - K + 2) / P
        res["S3.1"] = (v, linear(v, 3, 1))

    # S3.2
    if not metrics or P is None:
        res["S3.2"] = (None, None)
    else:
        hiM = min(int(P), E)
        tot = 0
        ok = 0
        for mt in metrics:
            tg = num(mt["initial_target"])
            if tg is None:
                tg = num(mt["target"])
            for m in range(1, hiM + 1):
                if has_data(agg, mt["metric"], m):
                    tot += 1
                    if met(agg, mt["metric"], m, mt["direction"], tg):
                        ok += 1
        if tot == 0:
            res["S3.2"] = (None, None)
        else:
            v = Fraction(ok, tot)
            res["S3.2"] = (v, linear(v, "0.5", "1.0"))

    # S3.3
    hs = data.handover.get(c["id"], [])
    if not hs:
        res["S3.3"] = (None, None)
    else:
        acc = 0
        for r in hs:
            d = date(r["accepted_on"])
            if d is not None and d <= cutoff:
                acc += 1
        v = Fraction(acc, len(hs))
        res["S3.3"] = (v, linear(v, "0.5", "1.0"))
    return res


def score_ops(data, c, Y):
    res = {}
    y0 = datetime.date(Y, 1, 1)
    y1 = datetime.date(Y, 12, 31)

    def in_y(s):
        d = date(s)
        return d is not None and y0 <= d <= y1
    av = num(c["annual_value"])

    # O1.1
    exps = [r for r in data.exp.get(c["id"], []) if in_y(r["date"])]
    cnt = Fraction(len(exps))
    m1 = linear(cnt, 0, 1)
    if av == 0:
        m2 = None
    else:
        tot = sum((num(r["added_annual_value"]) or Fraction(0) for r in exps), Fraction(0))
        m2 = linear(tot / av, 0, "0.10")
    res["O1.1"] = (None, mean([m1, m2]))

    # O1.2
    n = 0
    for ch in data.children.get(c["id"], []):
        if not in_y(ch["signed_on"]):
            continue
        sl = ch["service_line"]
        if c["service_line"] == sl:
            continue
        csd = date(ch["signed_on"])
        had = False
        for o in data.by_client.get(ch["client_id"], []):
            if o["id"] == ch["id"] or o["service_line"] != sl:
                continue
            od = date(o["signed_on"])
            if od is not None and od < csd:
                had = True
                break
        if not had:
            n += 1
    v = Fraction(n)
    res["O1.2"] = (v, linear(v, 0, 1))

    # O1.3
    rens = [r for r in data.ren.get(c["id"], []) if in_y(r["due_on"])
            and r["outcome"] in ("renewed", "lost")]
    if rens:
        rr = Fraction(sum(1 for r in rens if r["outcome"] == "renewed"), len(rens))
        m1 = linear(rr, "0.5", "1.0")
    else:
        m1 = None
    grow = [r for r in rens if r["outcome"] == "renewed" and r["new_annual_value"] != ""]
    if grow and av * len(grow) != 0:
        g = sum((num(r["new_annual_value"]) - av for r in grow), Fraction(0)) / (av * len(grow))
        m2 = linear(g, 0, "0.05")
    else:
        m2 = None
    res["O1.3"] = (None, mean([m1, m2]))

    # O2.1
    rts = [r for r in data.relr.get(c["client_id"], []) if in_y(r["date"])]
    if rts:
        v = mean([num(r["level"]) for r in rts])
        res["O2.1"] = (v, linear(v, 1, 5))
    else:
        res["O2.1"] = (None, None)

    # O2.2
    v = Fraction(sum(1 for r in data.props.get(c["id"], [])
                     if r["origin"] == "operations" and r["status"] != "draft"
                     and in_y(r["proposed_on"])))
    res["O2.2"] = (v, linear(v, 0, 2))

    # O2.3
    v = Fraction(sum(2 if r["kind"] == "referral" else 1
                     for r in data.refs.get(c["id"], []) if in_y(r["date"])))
    res["O2.3"] = (v, linear(v, 0, 2))

    inn = [r for r in data.innov.get(c["id"], []) if in_y(r["date"])]
    # O3.1
    pis = [r for r in inn if r["kind"] == "process_improvement" and r["status"] == "deployed"]
    if av == 0 or (not pis and OPTIONS["o31_empty"] == "na"):
        res["O3.1"] = (None, None)
    else:
        v = sum((num(r["annual_savings"]) or Fraction(0) for r in pis), Fraction(0)) / av
        res["O3.1"] = (v, linear(v, 0, "0.03"))
    # O3.2
    v = Fraction(sum(1 for r in inn if r["kind"] == "service_model"))
    res["O3.2"] = (v, linear(v, 0, 1))
    # O3.3
    v = Fraction(sum(1 for r in inn if r["kind"] == "automation" and r["status"] == "deployed"))
    res["O3.3"] = (v, linear(v, 0, 2))
    return res


def roll_contract(res, catw):
    """Returns {cat: (score, n_available)} and (total, n_available)."""
    cats = {}
    for cat in catw:
        ids = [k for k in sorted(res) if k.startswith(cat + ".")]
        scores = [res[k][1] for k in ids]
        avail = sum(1 for x in scores if x is not None)
        cats[cat] = (mean(scores), avail)
    num_ = Fraction(0)
    den = Fraction(0)
    for cat, w in catw.items():
        if cats[cat][0] is not None:
            num_ += w * cats[cat][0]
            den += w
    total = num_ / den if den > 0 else None
    return cats, (total, sum(a for _, a in cats.values()))


def main(argv):
    args = list(argv[1:])
    while args and args[0] == "--option":
        k, _, v = args[1].partition("=")
        if k not in OPTIONS:
            sys.exit("unknown option " + k)
        OPTIONS[k] = v
        args = args[2:]
    if len(args) != 2:
        sys.stderr.write("usage: score_ref.py [--option NAME=VALUE ...] DIR YEAR\n")
        return 2
    dirname, Y = args[0], int(args[1])
    data = Data(dirname)
    y1 = datetime.date(Y, 12, 31)
    y0 = datetime.date(Y, 1, 1)

    rows = []  # (kind_rank, kind, id, org, crit, value, score, weight, coverage)
    KR = {"contract": 0, "person": 1, "org_unit": 2, "company": 3}

    def emit(kind, sid, org, crit, value, score, weight, coverage):
        rows.append((KR[kind], sid.encode(), org.encode(), crit.encode(),
                     [kind, sid, org, crit, value, score, weight, coverage]))

    # per-org contract results: org -> {cid: (cats, total, av)}
    subj = {"sales": {}, "operations": {}}
    for cid, c in data.contracts.items():
        gl = date(c["go_live_on"])
        end = date(c["end_on"])
        av = num(c["annual_value"])
        if gl.year in (Y, Y - 1) and c["renews_contract_id"] == "":
            res = score_sales(data, c, Y)
            subj["sales"][cid] = (res, roll_contract(res, SALES_CAT_W), av)
        months = (Y - gl.year) * 12 + (12 - gl.month) + 1
        if gl <= y1 and (end is None or end >= y0) and \
                months >= int(OPTIONS["operations_min_months"]):
            res = score_ops(data, c, Y)
            subj["operations"][cid] = (res, roll_contract(res, OPS_CAT_W), av)

    CATW = {"sales": SALES_CAT_W, "operations": OPS_CAT_W}

    for org in ("sales", "operations"):
        for cid, (res, (cats, (total, tav)), av) in subj[org].items():
            for k, (v, s) in res.items():
                if k in MULTI:
                    vs = ""
                elif k in RATIO:
                    vs = fmt(v, 4)
                else:
                    vs = fmt(v, 2)
                emit("contract", cid, org, k, vs, fmt(s, 2), "1.00",
                     fmt(Fraction(1 if s is not None else 0), 4))
            for cat, (sc, a) in cats.items():
                emit("contract", cid, org, cat, "", fmt(sc, 2), fmt(CATW[org][cat], 2),
                     fmt(Fraction(a, 3), 4))
            emit("contract", cid, org, "total", "", fmt(total, 2), fmt(av, 2),
                 fmt(Fraction(tav, 9), 4))

    def owner_col(org):
        return "sales_owner" if org == "sales" else "ops_owner"

    def aggregate(kind, sid, org, cids):
        catw = CATW[org]
        for cat in catw:
            n = Fraction(0)
            d = Fraction(0)
            a = 0
            for cid in cids:
                res, (cats, tot), av = subj[org][cid]
                sc, av_n = cats[cat]
                a += av_n
                if sc is not None:
                    n += av * sc
                    d += av
            cov = Fraction(a, 3 * len(cids)) if cids else Fraction(0)
            emit(kind, sid, org, cat, "", fmt(n / d if d > 0 else None, 2),
                 fmt(catw[cat], 2), fmt(cov, 4))
        n = Fraction(0)
        d = Fraction(0)
        a = 0
        for cid in cids:
            res, (cats, (tot, av_n)), av = subj[org][cid]
            a += av_n
            if tot is not None:
                n += av * tot
                d += av
        cov = Fraction(a, 9 * len(cids)) if cids else Fraction(0)
        emit(kind, sid, org, "total", "", fmt(n / d if d > 0 else None, 2),
             fmt(d, 2), fmt(cov, 4))

    # people
    for pid, p in data.people.items():
        u = data.units.get(p["org_unit_id"])
        ukind = u["kind"] if u else ""
        for org in ("sales", "operations"):
            cids = [cid for cid in subj[org]
                    if data.contracts[cid][owner_col(org)] == pid]
            if ukind == org or cids:
                aggregate("person", pid, org, cids)

    # org units
    kids = {}
    for uid, u in data.units.items():
        kids.setdefault(u["parent_id"], []).append(uid)

    def desc(uid):
        out = []
        stack = list(kids.get(uid, []))
        seen = set()
        while stack:
            x = stack.pop()
            if x in seen:
                continue
            seen.add(x)
            out.append(x)
            stack.extend(kids.get(x, []))
        return out

    for uid, u in data.units.items():
        ds = desc(uid)
        allu = set([uid] + ds)
        kinds = {u["kind"]} | {data.units[x]["kind"] for x in ds}
        for org in ("sales", "operations"):
            cids = []
            for cid in subj[org]:
                pid = data.contracts[cid][owner_col(org)]
                p = data.people.get(pid)
                if p is not None and p["org_unit_id"] in allu:
                    cids.append(cid)
            if org in kinds or cids:
                aggregate("org_unit", uid, org, cids)

    for org in ("sales", "operations"):
        aggregate("company", "company", org, list(subj[org]))

    rows.sort(key=lambda r: r[:4])
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["subject_kind", "subject_id", "org", "criterion", "value", "score",
                "weight", "coverage"])
    for r in rows:
        w.writerow(r[4])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
