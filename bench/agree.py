# SPDX-License-Identifier: MIT
"""bench/agree.py: checks that the peers and Tandem found the same first
stabilization month (SPEC §5: first run of K=3 compliant months) for every
contract. Peers list every contract of contracts.csv; Tandem's S3.1
evidence judges only the sales subjects of the year (go-live in Y or Y-1,
months up to December of Y), so Tandem is compared on those.

usage: python3 agree.py TANDEM.json NAME=PEER.csv...
Prints the verdict; exit status 0 when everything agrees, 1 otherwise.
"""
import csv
import json
import sys


def read_peer(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != ["contract_id", "stabilized_month"]:
        raise ValueError(f"{path}: unexpected header {rows[:1]}")
    # Month 0 = not stabilized, as in Tandem's evidence.
    return {r[0]: int(r[1]) if r[1].strip() else 0 for r in rows[1:]}


def read_tandem(path):
    with open(path) as f:
        doc = json.load(f)
    out = {}
    for r in doc["rows"]:
        if r["subject_kind"] == "contract" and r["org"] == "sales" and r["criterion"] == "S3.1":
            sla = (r.get("evidence") or {}).get("sla")
            if sla is not None:
                out[r["subject_id"]] = int(sla["stabilized_at"])
    return out


def show(diffs, names):
    for cid, vals in diffs[:5]:
        print("    " + cid + ": " + ", ".join(f"{n} {v or '-'}" for n, v in zip(names, vals)))
    if len(diffs) > 5:
        print(f"    ... and {len(diffs) - 5} more")


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    tandem = read_tandem(sys.argv[1])
    peers = {}
    for arg in sys.argv[2:]:
        name, _, path = arg.partition("=")
        peers[name] = read_peer(path)
    ok = True
    names = list(peers)
    if peers:
        ids = sorted(set().union(*peers.values()))
        diffs = [(c, [peers[n].get(c) for n in names]) for c in ids
                 if len({peers[n].get(c) for n in names}) > 1]
        stabilized = sum(1 for c in ids if peers[names[0]].get(c))
        if diffs:
            ok = False
            print(f"  peers: DISAGREE on {len(diffs)} of {len(ids)} contracts")
            show(diffs, names)
        else:
            print(f"  peers ({', '.join(names)}): agree on all {len(ids)} contracts "
                  f"({stabilized} stabilized, {len(ids) - stabilized} not)")
    for n in names:
        diffs = [(c, [tandem[c], peers[n].get(c)]) for c in sorted(tandem)
                 if tandem[c] != peers[n].get(c)]
        if diffs:
            ok = False
            print(f"  tandem vs {n}: DISAGREE on {len(diffs)} of {len(tandem)} sales subjects")
            show(diffs, ["tandem", n])
    if names and ok:
        stabilized = sum(1 for v in tandem.values() if v)
        print(f"  tandem vs peers: agree on all {len(tandem)} sales subjects of the year "
              f"({stabilized} stabilized, {len(tandem) - stabilized} not)")
    if not tandem:
        print("  tandem: no S3.1 evidence found (no sales subjects?)")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
