#!/usr/bin/env python3
"""Reference implementation for bench/analytics, in pandas and numpy.

Reads the complete responses of a wave straight from the parorende SQLite
database (the store's item_values BLOBs, docs/storage.md), scores every
respondent's scales by the questionnaire's rules (docs/questionnaire-format.md),
and computes per scale and municipality n, mean, SD and the t-based 95% CI,
and per scale Cronbach's alpha (raw and standardized) from pairwise-complete
covariances, as psych::alpha does. The t quantiles are found here by Newton's
method on the t CDF integrated with Gauss-Legendre quadrature, a method
independent of analytics' continued fraction (scipy is not used: Debian's
python3-scipy cannot be installed beside libboost1.81-dev).

With --check REPORT.csv it compares its numbers with the CSV report of
`parorende analyze --format csv` / parorende_analytics_bench and exits 1 on
any difference beyond 1e-9 relative.

    python3 bench/analytics/reference.py --db FILE --wave NAME [--check REPORT.csv]

Uses Debian's python3-pandas and python3-numpy (/usr/bin/python3).
"""
import argparse
import json
import sqlite3
import sys
import time

import math

import numpy as np
import pandas as pd

GAUSS_NODES, GAUSS_WEIGHTS = np.polynomial.legendre.leggauss(64)


def t_density(x, df):
    log_constant = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return np.exp(log_constant - (df + 1) / 2 * np.log1p(x * x / df))


def t_quantile(p, df):
    """The t with P(T <= t) = p > 0.5: Newton on 0.5 + integral_0^t density,
    the integral by 64-point Gauss-Legendre (exact to rounding for df >= 3
    on the short interval a 95% quantile needs)."""
    t = 2.0
    for _ in range(50):
        nodes = (GAUSS_NODES + 1) * t / 2
        cdf = 0.5 + t / 2 * float(np.dot(GAUSS_WEIGHTS, t_density(nodes, df)))
        step = (cdf - p) / float(t_density(np.array([t]), df)[0])
        t -= step
        if abs(step) < 1e-15 * t:
            break
    return t


def matrix_columns(definition):
    """store/response_matrix.h: one column per non-text item, one per option
    (and "don't know") for multiple choice, in definition order."""
    option_sets = definition.get("option_sets", {})
    columns = []
    for section in definition["sections"]:
        for item in section["items"]:
            if item["type"] == "text":
                continue
            if item["type"] == "multiple_choice":
                options, dont_know = item_options(item, option_sets)
                for option in options + ([dont_know] if dont_know else []):
                    columns.append(f'{item["id"]}:{option["code"]}')
            else:
                columns.append(item["id"])
    return columns


def item_options(item, option_sets):
    if "option_set" in item:
        entry = option_sets[item["option_set"]]
        return entry["options"], entry.get("dont_know")
    return item.get("options", []), item.get("dont_know")


def load_wave(db, wave):
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    wave_id, definition_text = connection.execute(
        "SELECT w.id, q.definition FROM waves w JOIN questionnaires q ON q.id = w.questionnaire"
        " WHERE w.name = ?", (wave,)).fetchone()
    definition = json.loads(definition_text)
    columns = matrix_columns(definition)
    rows = connection.execute(
        "SELECT municipality, item_values FROM responses"
        " WHERE wave = ? AND status = 'complete' ORDER BY id", (wave_id,)).fetchall()
    connection.close()
    values = np.frombuffer(b"".join(row[1] for row in rows), dtype="<f8")
    frame = pd.DataFrame(values.reshape(len(rows), len(columns)), columns=columns)
    municipality = pd.Series([row[0] for row in rows], dtype="category")
    return definition, frame, municipality


def keyed_items(definition, frame, scale):
    """Each item on 0-100, reverse-keyed items flipped, NaN for missing and
    "don't know" (any code that is not a substantive option)."""
    option_sets = definition.get("option_sets", {})
    items = {item["id"]: item for section in definition["sections"] for item in section["items"]}
    keyed = {}
    for item_id in scale["items"]:
        options, _ = item_options(items[item_id], option_sets)
        codes = [option["code"] for option in options]
        lowest, highest = min(codes), max(codes)
        raw = frame[item_id]
        value = (raw - lowest) / (highest - lowest) * 100.0
        if item_id in scale.get("reverse", []):
            value = 100.0 - value
        keyed[item_id] = value.where(raw.isin(codes))
    return pd.DataFrame(keyed)


def scale_score(keyed, scale):
    answered = keyed.notna().sum(axis=1)
    share = scale.get("min_answered", 0.5)
    score = keyed.sum(axis=1) / answered
    return score.where(answered >= share * len(scale["items"]) - 1e-9)


def cronbach(keyed):
    covariance = keyed.cov()  # pairwise-complete, as R's use = "pairwise"
    k = covariance.shape[0]
    raw = (1 - np.trace(covariance) / covariance.values.sum()) * k / (k - 1)
    sd = np.sqrt(np.diag(covariance))
    correlation = covariance.values / np.outer(sd, sd)  # cov2cor, as psych
    standardized = (1 - k / correlation.sum()) * k / (k - 1)
    return raw, standardized


def analyze(definition, frame, municipality):
    estimates = []
    alphas = []
    for scale in definition.get("scales", []):
        keyed = keyed_items(definition, frame, scale)
        score = scale_score(keyed, scale)
        groups = score.groupby(municipality, observed=True).agg(["count", "mean", "std"])
        groups = groups[groups["count"] > 0]
        se = groups["std"] / np.sqrt(groups["count"])
        quantiles = {df: t_quantile(0.975, df) for df in np.unique(groups["count"] - 1) if df > 0}
        t = (groups["count"] - 1).map(lambda df: quantiles.get(df, np.nan))
        estimates.append(pd.DataFrame({
            "scale": scale["id"], "code": groups.index.astype(str), "n": groups["count"].values,
            "mean": groups["mean"].values, "ci_low": (groups["mean"] - t * se).values,
            "ci_high": (groups["mean"] + t * se).values}))
        raw, standardized = cronbach(keyed[keyed.notna().any(axis=1)])
        alphas.append({"scale": scale["id"], "alpha": raw, "std_alpha": standardized})
    return pd.concat(estimates, ignore_index=True), pd.DataFrame(alphas)


def check(estimates, alphas, report_path, min_n=5):
    report = pd.read_csv(report_path, dtype={"code": str})
    ours = report[(report.section == "estimate") & (report.area == "municipality")]
    ours = ours[ours.statistic.isin(["n", "mean", "ci_low", "ci_high"])]
    ours = ours.pivot_table(index=["scale", "code"], columns="statistic", values="value",
                            aggfunc="first").reset_index()
    merged = estimates[estimates.n >= min_n].merge(ours, on=["scale", "code"], suffixes=("", "_cpp"))
    problems = 0
    worst = 0.0
    for column in ["n", "mean", "ci_low", "ci_high"]:
        ours_values = merged[column + "_cpp"].astype(float).values
        relative = np.abs(merged[column].values - ours_values) / np.maximum(1.0, np.abs(ours_values))
        worst = max(worst, relative.max())
        problems += int((relative > 1e-9).sum())
    reliability = report[(report.section == "reliability") & report.statistic.isin(["alpha", "std_alpha"])]
    reliability = reliability.pivot_table(index="scale", columns="statistic", values="value",
                                          aggfunc="first").reset_index()
    merged_alpha = alphas.merge(reliability, on="scale", suffixes=("", "_cpp"))
    for column in ["alpha", "std_alpha"]:
        relative = np.abs(merged_alpha[column].values - merged_alpha[column + "_cpp"].astype(float).values)
        worst = max(worst, relative.max())
        problems += int((relative > 1e-9).sum())
    compared = len(merged) * 4 + len(merged_alpha) * 2
    expected_rows = int((estimates.n >= min_n).sum())
    if len(merged) != expected_rows or len(merged_alpha) != len(alphas):
        print(f"check: the report has {len(merged)} of {expected_rows} municipality rows")
        problems += 1
    print(f"check: {compared} numbers compared, largest relative difference {worst:.3g}, "
          f"{problems} beyond 1e-9")
    return problems == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--wave", required=True)
    parser.add_argument("--check", help="CSV report of parorende analyze to compare with")
    arguments = parser.parse_args()
    start, start_cpu = time.perf_counter(), time.process_time()
    definition, frame, municipality = load_wave(arguments.db, arguments.wave)
    loaded, loaded_cpu = time.perf_counter(), time.process_time()
    estimates, alphas = analyze(definition, frame, municipality)
    done, done_cpu = time.perf_counter(), time.process_time()
    print(f"responses        {len(frame)}")
    print("                 wall      cpu")
    print(f"read from db     {loaded - start:6.3f} s  {loaded_cpu - start_cpu:6.3f} s")
    print(f"statistics       {done - loaded:6.3f} s  {done_cpu - loaded_cpu:6.3f} s")
    print(f"total            {done - start:6.3f} s  {done_cpu - start_cpu:6.3f} s")
    if arguments.check and not check(estimates, alphas, arguments.check):
        sys.exit(1)


if __name__ == "__main__":
    main()
