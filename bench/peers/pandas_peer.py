# SPDX-License-Identifier: MIT
"""W1 peer: pandas (Debian python3-pandas). read_csv of measurements.csv
with categorical ids, sla_metrics.csv and contracts.csv; the monthly
Σnumerator/Σdenominator per contract, metric and month index in integer
micro-units (days from go_live_on to 31 Dec YEAR), pickled with the daily
rows as the "store"; then each contract's first stabilization month (first
run of 3 compliant months; empty when none).

usage: python3 pandas_peer.py DATADIR WORKDIR OUT.csv [YEAR]
"""
import sys

import numpy as np
import pandas as pd


def micro(col):
    # Integer micro-units: sums that do not depend on summation order.
    return np.rint(col.to_numpy(dtype="float64") * 1e6).astype("int64")


def main():
    data, work, out = sys.argv[1:4]
    year = int(sys.argv[4]) if len(sys.argv) > 4 else 2026
    m = pd.read_csv(f"{data}/measurements.csv",
                    dtype={"contract_id": "category", "metric": "category",
                           "date": "str", "numerator": "float64", "denominator": "float64"})
    metrics = pd.read_csv(f"{data}/sla_metrics.csv",
                          dtype={"contract_id": "str", "metric": "str", "direction": "str",
                                 "target": "float64"},
                          usecols=["contract_id", "metric", "direction", "target"])
    contracts = pd.read_csv(f"{data}/contracts.csv", dtype=str, keep_default_na=False,
                            usecols=["id", "go_live_on", "end_on"])
    m["date"] = pd.to_datetime(m["date"], format="%Y-%m-%d")
    m.to_pickle(f"{work}/measurements.pkl")

    go_live = pd.to_datetime(contracts.set_index("id")["go_live_on"], format="%Y-%m-%d")
    end_on = pd.to_datetime(contracts.set_index("id")["end_on"].replace("", None),
                            format="%Y-%m-%d")
    # Per-row go-live through the categories: one lookup per contract.
    codes = m["contract_id"].cat.codes.to_numpy()
    cats = m["contract_id"].cat.categories
    gl = go_live.reindex(cats).to_numpy()[codes]
    en = end_on.reindex(cats).to_numpy()[codes]
    d = m["date"].to_numpy()
    keep = (d >= gl) & (d <= np.datetime64(f"{year}-12-31")) & (pd.isna(en) | (d <= en))
    m = m[keep]
    gl = pd.DatetimeIndex(gl[keep])
    dates = pd.DatetimeIndex(m["date"])
    m = m.assign(month_index=(dates.year - gl.year) * 12 + dates.month - gl.month + 1,
                 num=micro(m["numerator"]), den=micro(m["denominator"]))
    monthly = (m.groupby(["contract_id", "metric", "month_index"], observed=True)
               .agg(n_rows=("num", "size"), sum_num=("num", "sum"), sum_den=("den", "sum"))
               .reset_index())
    monthly["contract_id"] = monthly["contract_id"].astype(str)
    monthly["metric"] = monthly["metric"].astype(str)
    monthly.to_pickle(f"{work}/monthly.pkl")

    j = monthly.merge(metrics, on=["contract_id", "metric"])
    value = j["sum_num"] / j["sum_den"].where(j["sum_den"] > 0)
    j["met"] = (j["sum_den"] > 0) & np.where(j["direction"] == "higher",
                                              value >= j["target"], value <= j["target"])
    n_metrics = metrics.groupby("contract_id").size().rename("n")
    per_month = j.groupby(["contract_id", "month_index"])["met"].sum().reset_index()
    per_month = per_month.join(n_metrics, on="contract_id")
    comp = per_month[per_month["met"] == per_month["n"]].sort_values(["contract_id", "month_index"])
    third = comp.groupby("contract_id")["month_index"].shift(-2)
    starts = comp[third == comp["month_index"] + 2].groupby("contract_id")["month_index"].min()
    result = pd.DataFrame({"contract_id": sorted(contracts["id"])})
    result["stabilized_month"] = result["contract_id"].map(starts).astype("Int64")
    result.to_csv(out, index=False)


if __name__ == "__main__":
    main()
