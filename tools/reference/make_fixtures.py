"""Reference values for the statistics tests of glabella-core, from scipy and statsmodels.

Run from the repository root:

    pip install -r tools/reference/requirements.txt
    python3 tools/reference/make_fixtures.py

It writes JSON files to core/tests/fixtures/. The Rust tests read those files and need neither
Python nor a network. Every case is deterministic (fixed seeds), so rerunning gives the same files.
"""

import itertools
import json
import math
import pathlib

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats
from scipy.stats.contingency import odds_ratio
from statsmodels.stats.contingency_tables import StratifiedTable, Table2x2
from statsmodels.stats.meta_analysis import combine_effects

OUT = pathlib.Path(__file__).resolve().parents[2] / "core" / "tests" / "fixtures"
LEVELS = [0.9, 0.95, 0.99]
STUDY_SIZES = [  # BoNT and control reports per cohort, study.md (Figure 3 of the paper).
    (20684, 1214), (4180, 56675), (2335, 45824), (1360, 6765),
    (487, 153), (601, 712), (157, 1174), (915, 30827),
]


def finite(x):
    x = float(x)
    return x if math.isfinite(x) else None


def provenance():
    return {
        "generator": "tools/reference/make_fixtures.py",
        "scipy": scipy.__version__,
        "statsmodels": statsmodels.__version__,
        "numpy": np.__version__,
    }


# ---------------------------------------------------------------------------------------------
# 2x2 tables


def table_cases():
    rng = np.random.default_rng(20201)
    cases = []
    small = [0, 1, 2, 3, 7]
    cases += [list(t) for t in itertools.product(small, repeat=4)]
    # a = 1, 2, 3 against realistic arms, and extreme imbalance between arms.
    for (n1, n2), a in itertools.product(STUDY_SIZES, [0, 1, 2, 3, 11, 104]):
        if a < n1:
            for share in [0.02, 0.06]:
                c = int(round(n2 * share))
                cases.append([a, n1 - a, c, n2 - c])
    for _ in range(120):
        n1, n2 = int(rng.integers(5, 3000)), int(rng.integers(5, 3000))
        a = int(rng.integers(0, n1 // 3 + 1))
        c = int(rng.integers(0, n2 // 3 + 1))
        cases.append([a, n1 - a, c, n2 - c])
    unique = []
    for case in cases:
        if case not in unique:
            unique.append(case)
    return unique


def woolf(table, level):
    a, b, c, d = table
    res = odds_ratio(np.array([[a, b], [c, d]]), kind="sample")
    ci = res.confidence_interval(confidence_level=level)
    return {"ror": finite(res.statistic), "ci_low": finite(ci.low), "ci_high": finite(ci.high)}


def corrected_woolf(table, level):
    shifted = np.array(table, dtype=float).reshape(2, 2) + 0.5
    t = Table2x2(shifted)
    low, high = t.oddsratio_confint(alpha=1 - level)
    return {"ror": float(t.oddsratio), "ci_low": float(low), "ci_high": float(high)}


def table_reference(table):
    a, b, c, d = table
    arr = np.array([[a, b], [c, d]])
    res = {"table": table}
    has_zero = 0 in table
    res["woolf"] = [dict(level=lv, **woolf(table, lv)) for lv in LEVELS] if not has_zero else None
    res["always"] = [dict(level=lv, **corrected_woolf(table, lv)) for lv in LEVELS]
    degenerate = min(a + b, c + d, a + c, b + d) == 0
    if not degenerate:
        res["fisher_p"] = float(stats.fisher_exact(arr).pvalue)
        cond = odds_ratio(arr, kind="conditional")
        ci = cond.confidence_interval(confidence_level=0.95)
        # null stands for +infinity (a at the top of its support).
        res["conditional"] = {"estimate": finite(cond.statistic), "ci_low": finite(ci.low),
                              "ci_high": finite(ci.high)}
        chi = {}
        for yates in [False, True]:
            stat, p, _, _ = stats.chi2_contingency(arr, correction=yates)
            chi["yates" if yates else "pearson"] = {"statistic": float(stat), "p": float(p)}
        res["chi2"] = chi
    else:
        res["fisher_p"] = res["conditional"] = res["chi2"] = None
    if a > 0 and c > 0:
        t = Table2x2(arr.astype(float), shift_zeros=False)
        low, high = t.riskratio_confint(alpha=0.05)
        res["prr"] = {"prr": float(t.riskratio), "ci_low": float(low), "ci_high": float(high)}
    else:
        res["prr"] = None
    return res


# ---------------------------------------------------------------------------------------------
# Strata


def strata_cases():
    rng = np.random.default_rng(20202)
    cases = []
    base = [[3, 40, 10, 60], [5, 100, 9, 80], [1, 30, 4, 25]]
    cases.append([base[0]])  # a single stratum
    cases.append([base[0]] * 4)  # identical strata
    cases.append(base)
    cases.append([[0, 20, 3, 40], [2, 30, 5, 50], [1, 12, 0, 30]])  # zero cells inside strata
    cases.append([[1, 2, 3, 4], [2, 1, 1, 2]])  # tiny strata
    cases.append([[104, 20580, 49, 1165]])  # a study-sized single stratum
    for _ in range(110):
        k = int(rng.choice([1, 2, 3, 5, 8, 12, 24, 50]))
        size = int(rng.choice([10, 50, 400, 3000]))
        p1, p2 = rng.uniform(0.02, 0.3), rng.uniform(0.02, 0.3)
        strata = []
        for _ in range(k):
            n1, n2 = int(rng.integers(2, size)), int(rng.integers(2, size))
            a = int(rng.binomial(n1, p1))
            c = int(rng.binomial(n2, p2))
            strata.append([a, n1 - a, c, n2 - c])
        cases.append(strata)
    return cases


def positive_margins(s):
    a, b, c, d = s
    return min(a + b, c + d, a + c, b + d) > 0


def strata_reference(strata):
    arr = np.array([[[s[0], s[1]], [s[2], s[3]]] for s in strata], dtype=float)
    arr = np.moveaxis(arr, 0, 2)
    t = StratifiedTable(arr)
    res = {"strata": strata}
    sum_r = float(np.sum(arr[0, 0] * arr[1, 1] / arr.sum(axis=(0, 1))))
    sum_s = float(np.sum(arr[0, 1] * arr[1, 0] / arr.sum(axis=(0, 1))))
    if sum_r > 0 and sum_s > 0:
        res["mh"] = [{"level": lv, "estimate": float(t.oddsratio_pooled),
                      "ci_low": float(t.oddsratio_pooled_confint(alpha=1 - lv)[0]),
                      "ci_high": float(t.oddsratio_pooled_confint(alpha=1 - lv)[1])}
                     for lv in [0.9, 0.95]]
    else:
        res["mh"] = None
    if all(sum(s) > 1 for s in strata):
        res["cmh"] = {}
        for correction in [False, True]:
            r = t.test_null_odds(correction=correction)
            res["cmh"]["corrected" if correction else "plain"] = (
                {"statistic": float(r.statistic), "p": float(r.pvalue)}
                if math.isfinite(r.statistic) else None)
    else:
        res["cmh"] = None
    # Breslow-Day as statsmodels computes it, over strata whose margins are all positive.
    informative = [s for s in strata if positive_margins(s)]
    res["breslow_day"] = None
    if len(informative) >= 2 and len(informative) == len(strata) and res["mh"] is not None:
        bd = t.test_equal_odds(adjust=False)
        tarone = t.test_equal_odds(adjust=True)
        if math.isfinite(bd.statistic):
            res["breslow_day"] = {"statistic": float(bd.statistic), "p": float(bd.pvalue),
                                  "tarone_statistic": float(tarone.statistic),
                                  "tarone_p": float(tarone.pvalue)}
    return res


# ---------------------------------------------------------------------------------------------
# Strata with a zero-cell correction (Mantel-Haenszel after the correction rule below)

CORRECTION_POLICIES = ["haldane", "always"]
# Sex x age strata (F, M, U x 0-17, 18-29, 30-39, 40-49, 50-59, 60-69, 70+, U) of two cohorts of the
# default dataset, data/default.csv: no depression report in any sialorrhea BoNT stratum, and
# empty or one-armed blepharospasm strata.
SIALORRHEA_STRATA = [
    [0, 12, 0, 59], [0, 3, 1, 24], [0, 3, 1, 29], [0, 5, 2, 47], [0, 8, 2, 77], [0, 12, 3, 105],
    [0, 14, 2, 121], [0, 2, 1, 19], [0, 19, 0, 77], [0, 5, 1, 31], [0, 5, 1, 38], [0, 7, 2, 63],
    [0, 13, 2, 101], [0, 19, 3, 139], [0, 22, 2, 159], [0, 4, 0, 26], [0, 1, 0, 4], [0, 0, 0, 2],
    [0, 0, 0, 2], [0, 0, 0, 4], [0, 1, 0, 6], [0, 1, 0, 8], [0, 1, 0, 9], [0, 0, 0, 1],
]
BLEPHAROSPASM_STRATA = [
    [0, 0, 0, 0], [0, 3, 0, 2], [1, 9, 1, 5], [1, 26, 2, 10], [3, 72, 3, 21], [3, 99, 3, 24],
    [2, 107, 2, 21], [1, 13, 0, 4], [0, 0, 0, 0], [0, 1, 0, 1], [0, 4, 0, 3], [1, 10, 1, 5],
    [1, 28, 1, 12], [1, 39, 1, 13], [1, 41, 1, 11], [0, 5, 0, 2], [0, 0, 0, 0], [0, 0, 0, 0],
    [0, 1, 0, 0], [0, 1, 0, 1], [0, 3, 0, 1], [0, 4, 0, 1], [0, 5, 0, 1], [0, 1, 0, 0],
]


def strata_corrected_cases():
    rng = np.random.default_rng(20205)
    cases = [
        [[0, 20, 3, 40], [2, 30, 5, 50], [1, 12, 0, 30]],  # a zero cell in two strata
        [[3, 40, 10, 60], [5, 100, 9, 80]],  # no zero cell: both policies differ
        [[0, 100, 5, 400], [0, 50, 2, 300], [0, 30, 1, 200]],  # a == 0 in every stratum
        [[3, 40, 10, 60], [0, 0, 5, 50], [2, 30, 4, 70]],  # an empty BoNT arm
        [[3, 40, 10, 60], [2, 20, 0, 0], [0, 0, 0, 0], [1, 30, 4, 25]],  # empty arm, empty stratum
        [[0, 0, 0, 0], [0, 0, 0, 0]],  # nothing at all
        [[0, 0, 3, 4], [5, 6, 0, 0], [0, 0, 0, 0]],  # every stratum dropped
        [[0, 5, 0, 7], [0, 3, 0, 9]],  # no depression report at all
        [[4, 0, 6, 0], [2, 0, 3, 0]],  # depression in every report
        [[0, 12, 2, 30], [3, 8, 0, 0]],  # one stratum left after dropping
        [[1, 0, 0, 1], [0, 1, 1, 0]],  # single reports
        [[104, 20580, 49, 1165], [0, 157, 23, 1151]],  # study-sized, with a zero cell
        SIALORRHEA_STRATA,
        BLEPHAROSPASM_STRATA,
    ]
    for idx in range(120):
        k = int(rng.integers(2, 26))
        size = int(rng.choice([3, 8, 20, 80, 500]))
        p1, p2 = rng.uniform(0.0, 0.3), rng.uniform(0.005, 0.3)
        if idx % 6 == 0:
            p1 = 0.0  # a == 0 in every stratum
        p_empty_arm = [0.0, 0.1, 0.25][idx % 3]
        p_empty = [0.0, 0.05, 0.2][(idx // 3) % 3]
        strata = []
        for _ in range(k):
            u = rng.uniform()
            if u < p_empty:
                strata.append([0, 0, 0, 0])
                continue
            n1, n2 = int(rng.integers(1, size + 1)), int(rng.integers(1, size + 1))
            if u < p_empty + p_empty_arm:
                if rng.uniform() < 0.5:
                    n1 = 0
                else:
                    n2 = 0
            a = int(rng.binomial(n1, p1))
            c = int(rng.binomial(n2, p2))
            strata.append([a, n1 - a, c, n2 - c])
        cases.append(strata)
    return cases


def corrected_strata(strata, policy):
    """The correction rule: drop strata without reports in both arms, then add half a report to
    each cell in all, shared equally among the strata that get it (those with a zero cell for
    "haldane", all for "always")."""
    kept = [s for s in strata if s[0] + s[1] > 0 and s[2] + s[3] > 0]
    if policy == "haldane":
        chosen = [0 in s for s in kept]
    elif policy == "always":
        chosen = [True for _ in kept]
    else:
        raise ValueError(policy)
    shift = 0.5 / sum(chosen) if any(chosen) else 0.0
    return [[x + shift for x in s] if c else [float(x) for x in s] for s, c in zip(kept, chosen)]


def strata_corrected_reference(strata):
    res = {"strata": strata, "results": []}
    for policy, level in itertools.product(CORRECTION_POLICIES, LEVELS):
        corrected = corrected_strata(strata, policy)
        out = {"policy": policy, "level": level, "estimate": None, "log_se": None,
               "ci_low": None, "ci_high": None}
        if corrected:
            arr = np.moveaxis(np.array([[[s[0], s[1]], [s[2], s[3]]] for s in corrected]), 0, 2)
            t = StratifiedTable(arr, shift_zeros=False)
            low, high = t.oddsratio_pooled_confint(alpha=1 - level)
            out.update(estimate=finite(t.oddsratio_pooled), log_se=finite(t.logodds_pooled_se),
                       ci_low=finite(low), ci_high=finite(high))
        res["results"].append(out)
    return res


# ---------------------------------------------------------------------------------------------
# Meta-analysis


def pooled_reference(y, v, level):
    """statsmodels' combine_effects, with the usual DerSimonian-Laird truncation at zero.

    statsmodels reports tau2 and I2 below zero when Q < k - 1; the DerSimonian-Laird estimator
    (and metafor, RevMan) truncates both at zero, where random effects equal fixed effects.
    """
    r = combine_effects(np.array(y), np.array(v), method_re="dl", alpha=1 - level)
    ci = r.conf_int(alpha=1 - level)
    if r.tau2 > 0:
        re_est, re_var, re_ci = r.mean_effect_re, r.var_eff_w_re, ci[1]
    else:
        re_est, re_var, re_ci = r.mean_effect_fe, r.var_eff_w_fe, ci[0]
    return {
        "fixed": {"estimate": float(r.mean_effect_fe), "variance": float(r.var_eff_w_fe),
                  "ci_low": float(ci[0][0]), "ci_high": float(ci[0][1])},
        "random": {"estimate": float(re_est), "variance": float(re_var),
                   "ci_low": float(re_ci[0]), "ci_high": float(re_ci[1])},
        "tau2": max(0.0, float(r.tau2)), "q": float(r.q),
        "q_p": float(stats.chi2.sf(r.q, len(y) - 1)),
        "i2": max(0.0, float(r.i2)),
    }


def meta_cases():
    rng = np.random.default_rng(20203)
    cases = []
    for idx in range(90):
        k = int(rng.integers(2, 12))
        spread = [0.0, 0.2, 0.8][idx % 3]
        y = list(rng.normal(-0.6, 0.3, k) + rng.normal(0, spread, k))
        v = list(rng.uniform(0.005, 0.6, k))
        level = LEVELS[idx % 3]
        case = {"y": y, "v": v, "level": level, "pooled": pooled_reference(y, v, level)}
        # Split into two or three groups; compare their random-effects pools.
        n_groups = 2 if k < 6 else 3
        groups = [list(range(g, k, n_groups)) for g in range(n_groups)]
        group_effects = []
        for g in groups:
            if len(g) == 1:
                group_effects.append((y[g[0]], v[g[0]]))
            else:
                p = pooled_reference([y[i] for i in g], [v[i] for i in g], level)["random"]
                group_effects.append((p["estimate"], p["variance"]))
        gy = np.array([e for e, _ in group_effects])
        gv = np.array([w for _, w in group_effects])
        between = combine_effects(gy, gv, method_re="dl")
        case["groups"] = groups
        case["group_effects"] = [{"estimate": float(e), "variance": float(w)} for e, w in group_effects]
        case["q_between"] = float(between.q)
        case["q_between_p"] = float(stats.chi2.sf(between.q, n_groups - 1))
        if n_groups == 2:
            z = stats.norm.ppf(1 - (1 - level) / 2)
            diff = gy[0] - gy[1]
            se = math.sqrt(gv[0] + gv[1])
            case["ratio"] = {"ratio": math.exp(diff), "ci_low": math.exp(diff - z * se),
                             "ci_high": math.exp(diff + z * se)}
        cases.append(case)
    return cases


def metareg_reference(y, v, x, level):
    """Method-of-moments random-effects meta-regression; fits by statsmodels' WLS."""
    y, v, x = map(np.asarray, (y, v, x))
    X = sm.add_constant(x)
    fixed = sm.WLS(y, X, weights=1 / v).fit()
    q_e = float(fixed.ssr)  # weighted residual sum of squares
    W = np.diag(1 / v)
    P = W - W @ X @ np.linalg.inv(X.T @ W @ X) @ X.T @ W
    tau2 = max(0.0, (q_e - (len(y) - 2)) / np.trace(P))
    fit = sm.WLS(y, X, weights=1 / (v + tau2)).fit(cov_type="fixed scale", cov_kwds={"scale": 1.0})
    ci = fit.conf_int(alpha=1 - level)
    x0 = float(np.mean(x))
    pred = fit.get_prediction(np.array([[1.0, x0]])).summary_frame(alpha=1 - level)
    return {"intercept": float(fit.params[0]), "slope": float(fit.params[1]),
            "slope_se": float(fit.bse[1]), "slope_ci_low": float(ci[1][0]),
            "slope_ci_high": float(ci[1][1]), "slope_p": float(fit.pvalues[1]),
            "tau2": tau2, "q_residual": q_e, "predict_x": x0,
            "predict_fit": float(pred["mean"].iloc[0]),
            "predict_ci_low": float(pred["mean_ci_lower"].iloc[0]),
            "predict_ci_high": float(pred["mean_ci_upper"].iloc[0])}


def metareg_cases():
    rng = np.random.default_rng(20204)
    cases = []
    for idx in range(40):
        k = int(rng.integers(3, 12))
        x = list(np.log(rng.uniform(10, 400, k)))
        slope = rng.normal(0, 0.3)
        noise = [0.0, 0.3][idx % 2]
        v = list(rng.uniform(0.01, 0.5, k))
        y = list(-1 + slope * np.array(x) + rng.normal(0, noise, k) + rng.normal(0, 0.1, k))
        level = LEVELS[idx % 3]
        cases.append({"y": y, "v": v, "x": x, "level": level, **metareg_reference(y, v, x, level)})
    return cases


# ---------------------------------------------------------------------------------------------
# E-values (closed form of VanderWeele & Ding 2017; published examples are in the Rust tests)


def evalue(rr):
    rr = rr if rr >= 1 else 1 / rr
    return rr + math.sqrt(rr * (rr - 1))


def evalue_cases():
    ratios = [0.05, 0.12, 0.3, 0.5, 0.77, 0.9, 0.99, 1.0, 1.01, 1.5, 2.0, 3.9, 10.0]
    return [{"ratio": r, "evalue": evalue(r)} for r in ratios]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    files = {
        "tables.json": [table_reference(t) for t in table_cases()],
        "strata.json": [strata_reference(s) for s in strata_cases()],
        "strata_corrected.json": [strata_corrected_reference(s) for s in strata_corrected_cases()],
        "meta.json": meta_cases(),
        "metareg.json": metareg_cases(),
        "evalue.json": evalue_cases(),
    }
    total = 0
    for name, cases in files.items():
        doc = {"provenance": provenance(), "cases": cases}
        (OUT / name).write_text(json.dumps(doc, indent=None, separators=(",", ":"), allow_nan=False) + "\n")
        total += len(cases)
        print(f"{name}: {len(cases)} cases")
    print(f"total: {total} cases")


if __name__ == "__main__":
    main()
