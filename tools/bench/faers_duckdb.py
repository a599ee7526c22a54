"""Times `glabella build-faers` against the same extraction in DuckDB SQL, on the same files.

Used by scripts/bench-faers.sh, which makes the synthetic quarter and this venv. Both sides apply
the rules of the builder: the union of the deleted-case lists, one version per case (highest
caseversion, later fda_dt, later quarter), BoNT rows by the terms of data/faers/bont.csv (role not
DN) and their indications (INDI joined on primaryid and drug_seq), controls with a cohort's
indication and no BoNT row at all, reports with an antidepressant row left out, depression by
reaction term, sex and age band from DEMO. Prints both times, the builder's peak memory and
whether the counts agree (with each other and with the generator's truth, when given).
"""

import argparse
import csv
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb


def read_list(path):
    """Rows of a term list, its `#` comment lines left out."""
    with open(path, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def regex(terms):
    return "|".join(re.escape(term.upper()) for term in terms) or "(?!)"


def sql_text(text):
    return "'" + text.replace("'", "''") + "'"


def find_tables(folder):
    """DEMO, DRUG, INDI, REAC and the deleted lists of a quarter folder, names in any case."""
    tables, deleted = {}, []
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or path.suffix.lower() != ".txt":
            continue
        rel = str(path.relative_to(folder)).lower()
        if "delet" in rel:
            deleted.append(str(path))
            continue
        name = path.name.lower()
        match = re.match(r"(demo|drug|indi|reac)(\d\d)q([1-4])", name)
        if match:
            tables[match.group(1)] = str(path)
            tables["quarter"] = (2000 + int(match.group(2)), int(match.group(3)))
    return tables, deleted


def header(path):
    with open(path, "rb") as handle:
        line = handle.readline().decode("utf-8", "replace")
    return [name.strip().lower() for name in line.rstrip("\r\n").split("$")]


def source(path):
    return (
        f"read_csv({sql_text(path)}, delim='$', quote='', escape='', header=true, "
        "all_varchar=true, ignore_errors=true, normalize_names=false)"
    )


def column(path, names, default="NULL"):
    """The first of `names` the table has, quoted as DuckDB reads the header, or `default`."""
    raw = None
    with open(path, "rb") as handle:
        raw = handle.readline().decode("utf-8", "replace").rstrip("\r\n").split("$")
    for name in names:
        for have in raw:
            if have.strip().lower() == name:
                return '"' + have.replace('"', '""') + '"'
    return default


def duckdb_counts(folders, terms_dir, options):
    bont = read_list(Path(terms_dir) / "bont.csv")
    antidepressants = read_list(Path(terms_dir) / "antidepressants.csv")
    indications = read_list(Path(terms_dir) / "indications.csv")
    depression = read_list(Path(terms_dir) / "depression.csv")
    bont_re = regex(row["term"] for row in bont if row["kind"] != "exclude")
    exclude_re = regex(row["term"] for row in bont if row["kind"] == "exclude")
    antidepressant_re = regex(row["term"] for row in antidepressants)

    con = duckdb.connect()
    con.execute("CREATE TABLE ind_terms (pt VARCHAR, cohort VARCHAR)")
    con.executemany(
        "INSERT INTO ind_terms VALUES (?, ?)",
        [(row["indi_pt"].strip().lower(), row["cohort"]) for row in indications],
    )
    con.execute("CREATE TABLE dep_terms (pt VARCHAR)")
    con.executemany(
        "INSERT INTO dep_terms VALUES (?)", [(row["pt"].strip().lower(),) for row in depression]
    )

    quarters = []
    deleted_files = []
    for folder in folders:
        tables, deleted = find_tables(folder)
        quarters.append(tables)
        deleted_files += deleted
    order = sorted({q["quarter"] for q in quarters})

    if deleted_files:
        files = "[" + ", ".join(sql_text(path) for path in deleted_files) + "]"
        con.execute(
            f"""CREATE TABLE deleted AS
            SELECT DISTINCT CAST(trim(line) AS UBIGINT) AS caseid
            FROM read_csv({files}, delim='\\x01', quote='', escape='', header=false,
                          columns={{'line': 'VARCHAR'}}, ignore_errors=true)
            WHERE regexp_full_match(trim(line), '[0-9]{{1,19}}')"""
        )
    else:
        con.execute("CREATE TABLE deleted (caseid UBIGINT)")

    def union(parts):
        return " UNION ALL ".join(parts)

    demo_parts, drug_parts, indi_parts, reac_parts = [], [], [], []
    for tables in quarters:
        q = order.index(tables["quarter"])
        demo, drug, indi, reac = (tables[k] for k in ("demo", "drug", "indi", "reac"))
        sex = column(demo, ["sex", "gndr_cod"])
        age, age_cod = column(demo, ["age"]), column(demo, ["age_cod"])
        fda = f"trim({column(demo, ['fda_dt'])})"
        demo_parts.append(
            f"""SELECT TRY_CAST(trim({column(demo, ['primaryid'])}) AS UBIGINT) AS pid,
                TRY_CAST(trim({column(demo, ['caseid'])}) AS UBIGINT) AS cid,
                CASE WHEN regexp_full_match(trim({column(demo, ['caseversion'])}), '[0-9]+')
                     THEN TRY_CAST(trim({column(demo, ['caseversion'])}) AS UBIGINT) ELSE 0 END AS ver,
                CASE WHEN regexp_full_match({fda}, '[0-9]{{8}}') THEN CAST({fda} AS INTEGER)
                     WHEN regexp_full_match({fda}, '[0-9]{{6}}') THEN CAST({fda} AS INTEGER) * 100
                     WHEN regexp_full_match({fda}, '[0-9]{{4}}') THEN CAST({fda} AS INTEGER) * 10000
                     ELSE 0 END AS fda,
                {q} AS q,
                CASE upper(trim({sex})) WHEN 'F' THEN 'F' WHEN 'M' THEN 'M' ELSE 'U' END AS sex,
                CASE WHEN regexp_full_match(trim({age}), '[0-9.]*[0-9][0-9.]*')
                     THEN CASE upper(trim({age_cod}))
                        WHEN 'DEC' THEN TRY_CAST(trim({age}) AS DOUBLE) * 10
                        ELSE TRY_CAST(trim({age}) AS DOUBLE) / CASE upper(trim({age_cod}))
                            WHEN 'YR' THEN 1 WHEN 'MON' THEN 12 WHEN 'WK' THEN 52.18
                            WHEN 'DY' THEN 365.25 WHEN 'HR' THEN 8766 END END END AS years
            FROM {source(demo)}"""
        )
        prod_ai = column(drug, ["prod_ai"], "''")
        drug_parts.append(
            f"""SELECT TRY_CAST(trim({column(drug, ['primaryid'])}) AS UBIGINT) AS pid, {q} AS q,
                TRY_CAST(trim({column(drug, ['drug_seq'])}) AS UBIGINT) AS seq,
                upper(trim(coalesce({column(drug, ['role_cod'])}, ''))) AS role,
                upper(coalesce({column(drug, ['drugname'])}, '')) AS name,
                upper(coalesce({prod_ai}, '')) AS ingredient
            FROM {source(drug)}"""
        )
        indi_parts.append(
            f"""SELECT TRY_CAST(trim({column(indi, ['primaryid'])}) AS UBIGINT) AS pid, {q} AS q,
                TRY_CAST(trim({column(indi, ['indi_drug_seq'])}) AS UBIGINT) AS seq,
                lower(trim({column(indi, ['indi_pt'])})) AS pt
            FROM {source(indi)}"""
        )
        reac_parts.append(
            f"""SELECT TRY_CAST(trim({column(reac, ['primaryid'])}) AS UBIGINT) AS pid, {q} AS q,
                lower(trim({column(reac, ['pt'])})) AS pt
            FROM {source(reac)}"""
        )

    band = """CASE WHEN years IS NULL OR years > 120 THEN 'U' WHEN years < 18 THEN '0-17'
        WHEN years < 30 THEN '18-29' WHEN years < 40 THEN '30-39' WHEN years < 50 THEN '40-49'
        WHEN years < 60 THEN '50-59' WHEN years < 70 THEN '60-69' ELSE '70+' END"""
    con.execute(
        f"""CREATE TABLE win AS
        SELECT pid, q, sex, {band} AS band FROM (
            SELECT *, row_number() OVER (PARTITION BY cid ORDER BY ver DESC, fda DESC, q DESC, pid DESC) AS rn
            FROM ({union(demo_parts)}) d
            WHERE pid IS NOT NULL AND cid IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM deleted x WHERE x.caseid = d.cid))
        WHERE rn = 1"""
    )
    # Names repeat a great deal: match each distinct name once, then join.
    con.execute(
        f"""CREATE TABLE drug_rows AS
        SELECT d.* FROM ({union(drug_parts)}) d SEMI JOIN win w ON d.pid = w.pid AND d.q = w.q"""
    )
    con.execute(
        f"""CREATE TABLE names AS
        SELECT text,
            regexp_matches(text, {sql_text(bont_re)}) AS bont,
            regexp_matches(text, {sql_text(exclude_re)}) AS excluded,
            regexp_matches(text, {sql_text(antidepressant_re)}) AS ad
        FROM (SELECT name AS text FROM drug_rows UNION SELECT ingredient FROM drug_rows)"""
    )
    con.execute(
        """CREATE TABLE drug AS
        SELECT d.pid, d.q, d.seq, d.role,
            (n.bont OR a.bont) AND NOT (n.excluded OR a.excluded) AS bont,
            n.ad OR a.ad AS ad
        FROM drug_rows d JOIN names n ON n.text = d.name JOIN names a ON a.text = d.ingredient"""
    )
    con.execute(
        f"""CREATE TABLE indi AS
        SELECT DISTINCT i.pid, i.q, i.seq, t.cohort
        FROM ({union(indi_parts)}) i JOIN ind_terms t ON i.pt = t.pt
        SEMI JOIN win w ON i.pid = w.pid AND i.q = w.q"""
    )
    con.execute(
        f"""CREATE TABLE dep AS
        SELECT DISTINCT r.pid, r.q FROM ({union(reac_parts)}) r JOIN dep_terms t ON r.pt = t.pt
        SEMI JOIN win w ON r.pid = w.pid AND r.q = w.q"""
    )
    exclusive = "AND n_cohorts = 1" if options.exclusive else ""
    antidepressant = "" if options.keep_antidepressants else "AND NOT r.ad"
    rows = con.execute(
        f"""WITH rep AS (
            SELECT w.pid, w.q, w.sex, w.band,
                coalesce(bool_or(d.bont AND d.role <> 'DN'), false) AS bont,
                coalesce(bool_or(d.bont), false) AS bont_any,
                coalesce(bool_or(d.ad), false) AS ad,
                EXISTS (SELECT 1 FROM dep x WHERE x.pid = w.pid AND x.q = w.q) AS depression
            FROM win w LEFT JOIN drug d ON d.pid = w.pid AND d.q = w.q
            GROUP BY ALL),
        bont_cohorts AS (
            SELECT DISTINCT i.pid, i.q, i.cohort FROM indi i
            JOIN drug d ON d.pid = i.pid AND d.q = i.q AND d.seq = i.seq
            WHERE d.bont AND d.role <> 'DN'),
        counted AS (
            SELECT c.pid, c.q, c.cohort, count(*) OVER (PARTITION BY c.pid, c.q) AS n_cohorts
            FROM bont_cohorts c),
        arms AS (
            SELECT c.cohort, 'bont' AS arm, r.sex, r.band, r.depression
            FROM rep r JOIN counted c ON c.pid = r.pid AND c.q = r.q
            WHERE r.bont {antidepressant} {exclusive}
            UNION ALL
            SELECT c.cohort, 'control' AS arm, r.sex, r.band, r.depression
            FROM rep r JOIN (SELECT DISTINCT pid, q, cohort FROM indi) c ON c.pid = r.pid AND c.q = r.q
            WHERE NOT r.bont_any {antidepressant})
        SELECT cohort, arm, sex, band, depression::INTEGER, count(*) FROM arms GROUP BY ALL"""
    ).fetchall()
    return {(c, a, s, b, str(d)): n for c, a, s, b, d, n in rows}


def csv_counts(path):
    res = {}
    with open(path, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for row in csv.DictReader(lines):
        if int(row["reports"]) > 0:
            key = (row["indication"], row["arm"], row["sex"], row["age_band"], row["depression"])
            res[key] = int(row["reports"])
    return res


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("quarters", nargs="+", help="quarter folders")
    parser.add_argument("--glabella", required=True, help="the release binary")
    parser.add_argument("--terms", required=True, help="data/faers")
    parser.add_argument("--truth", help="the generator's truth.csv")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--exclusive", action="store_true")
    parser.add_argument("--keep-antidepressants", action="store_true")
    options = parser.parse_args()

    sizes = {}
    for folder in options.quarters:
        tables, deleted = find_tables(folder)
        for kind in ("demo", "drug", "indi", "reac"):
            path = tables[kind]
            with open(path, "rb") as handle:
                rows = sum(1 for _ in handle) - 1
            sizes[kind] = sizes.get(kind, (0, 0))
            sizes[kind] = (sizes[kind][0] + rows, sizes[kind][1] + os.path.getsize(path))
    total_bytes = sum(size for _, size in sizes.values())
    print("input: " + ", ".join(
        f"{kind.upper()} {rows:,} rows ({size / 1e6:.0f} MB)" for kind, (rows, size) in sizes.items()
    ) + f"; {total_bytes / 1e6:.0f} MB in all")

    flags = []
    if options.exclusive:
        flags.append("--exclusive")
    if options.keep_antidepressants:
        flags.append("--keep-antidepressants")
    out_dir = tempfile.mkdtemp(prefix="glabella-bench-")
    out = os.path.join(out_dir, "faers.csv")
    # Peak memory from GNU time (VmHWM of the builder); without it, ru_maxrss of the children,
    # which can include pages of this process copied at fork (an upper bound).
    gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    memory_file = os.path.join(out_dir, "memory.txt")
    glabella_times, duckdb_times, peaks = [], [], []
    # One run of each first, untimed, so that both find the files in the page cache.
    subprocess.run(
        [options.glabella, "build-faers", *options.quarters, "--out", out, *flags],
        check=True, stdout=subprocess.DEVNULL,
    )
    duckdb_counts(options.quarters, options.terms, options)
    for _ in range(options.runs):
        command = [options.glabella, "build-faers", *options.quarters, "--out", out, *flags]
        if gnu_time:
            command = [gnu_time, "-f", "%M", "-o", memory_file, *command]
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        glabella_times.append(time.perf_counter() - start)
        if gnu_time:
            with open(memory_file, encoding="utf-8") as handle:
                peaks.append(int(handle.read().split()[-1]) / 1024)
        else:
            peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        start = time.perf_counter()
        ours = duckdb_counts(options.quarters, options.terms, options)
        duckdb_times.append(time.perf_counter() - start)
    peak_mib = max(peaks)
    built = csv_counts(out)
    glabella_median = statistics.median(glabella_times)
    duckdb_median = statistics.median(duckdb_times)
    print(f"glabella build-faers: {glabella_median:.2f} s median, {min(glabella_times):.2f} s best "
          f"(runs: " + ", ".join(f"{t:.2f}" for t in glabella_times) + f"), peak memory {peak_mib:.0f} MiB")
    threads = duckdb.connect().execute("SELECT current_setting('threads')").fetchone()[0]
    print(f"duckdb {duckdb.__version__} ({threads} threads): "
          f"{duckdb_median:.2f} s median, {min(duckdb_times):.2f} s best "
          f"(runs: " + ", ".join(f"{t:.2f}" for t in duckdb_times) + ")")
    print(f"glabella is {duckdb_median / glabella_median:.2f}x as fast as duckdb (medians), "
          f"{min(duckdb_times) / min(glabella_times):.2f}x (best runs)")
    agree = built == ours
    print(f"counts agree with duckdb: {'yes' if agree else 'NO'} ({len(built)} strata, "
          f"{sum(built.values()):,} reports counted)")
    if options.truth and not (options.exclusive or options.keep_antidepressants):
        truth = csv_counts(options.truth)
        print(f"counts agree with the generator's truth: {'yes' if truth == built else 'NO'}")
        agree = agree and truth == built
    if not agree:
        for key in sorted(set(built) | set(ours)):
            if built.get(key) != ours.get(key):
                print("  differs:", key, "glabella", built.get(key), "duckdb", ours.get(key))
        sys.exit(1)


if __name__ == "__main__":
    main()
