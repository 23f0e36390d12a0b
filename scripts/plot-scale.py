#!/usr/bin/env python3
"""The cost curve of a memoria TM as it grows: reads the scale table that
scripts/bench-lookup.sh writes (one row a TM size) and draws it as a PNG with
matplotlib (Debian's python3-matplotlib), then prints the table as Markdown
for crates/store/README.md.

    python3 scripts/plot-scale.py target/bench-lookup/scale.tsv crates/store/scale.png

Panels: in-process lookup latency (p50/p95/p99 ms, edited and real queries),
file sizes (TM and the TMX it came from, MB), import time (s), peak RSS (MB)
during the import, the in-process lookups and one `memoria lookup` process.
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def main():
    src, png = sys.argv[1], sys.argv[2]
    with open(src, newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t")]
    if not rows:
        sys.exit(f"{src}: no rows")
    size = [num(r["size"]) for r in rows]
    col = lambda k: [num(r[k]) for r in rows]  # noqa: E731

    fig, ax = plt.subplots(2, 2, figsize=(11, 8), dpi=110)
    a = ax[0][0]
    for set_, style in (("edited", "-"), ("real", "--")):
        for p, color in (("p50", "tab:green"), ("p95", "tab:orange"), ("p99", "tab:red")):
            a.plot(size, col(f"{set_}_{p}"), style, marker="o", color=color, label=f"{set_} {p}")
    a.set_title("lookup latency in-process (ms)")
    a.set_xscale("log")
    a.set_yscale("log")
    a.legend(fontsize=7)

    a = ax[0][1]
    a.plot(size, col("tm_mb"), marker="o", label="TM file (SQLite)")
    a.plot(size, col("tmx_mb"), marker="s", label="TMX it came from")
    a.set_title("size (MB)")
    a.set_xscale("log")
    a.set_yscale("log")
    a.legend(fontsize=8)

    a = ax[1][0]
    a.plot(size, col("import_s"), marker="o", color="tab:purple")
    a.set_title("import time (s), every index built")
    a.set_xscale("log")
    a.set_yscale("log")

    a = ax[1][1]
    a.plot(size, col("import_rss_mb"), marker="o", label="import")
    a.plot(size, col("rss_lookup_mb"), marker="s", label="in-process lookups")
    a.plot(size, col("rss_process_mb"), marker="^", label="one `memoria lookup` process")
    a.set_title("peak RSS (MB)")
    a.set_xscale("log")
    a.set_yscale("log")
    a.legend(fontsize=8)

    for a in ax.flat:
        a.set_xlabel("TM size (pairs)")
        a.grid(True, which="both", alpha=0.3)
    fig.suptitle("memoria at 100k, 1M and 10M pairs (scripts/bench-lookup.sh)")
    fig.tight_layout()
    fig.savefig(png)
    print(f"plot: {png}", file=sys.stderr)

    head = ["pairs", "TMX MB", "TM MB", "import s", "TU/s", "import RSS MB",
            "p50 / p95 / p99 ms (edited)", "p50 / p95 / p99 ms (real)", "process p50 / p95 ms",
            "lookup RSS MB", "process RSS MB", "top-1 = exhaustive (edited, real)", "RapidFuzz p50 / p95 ms"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        n = int(num(r["size"]))
        tus = n / num(r["import_s"]) if num(r["import_s"]) > 0 else float("nan")
        rf = f'{r["rapidfuzz_p50"]} / {r["rapidfuzz_p95"]}' if r.get("rapidfuzz_p50") else "—"
        print("| " + " | ".join([
            f"{n:,}", r["tmx_mb"], r["tm_mb"], r["import_s"], f"{tus:,.0f}", r["import_rss_mb"],
            f'{r["edited_p50"]} / {r["edited_p95"]} / {r["edited_p99"]}',
            f'{r["real_p50"]} / {r["real_p95"]} / {r["real_p99"]}',
            f'{r["proc_p50"]} / {r["proc_p95"]}', r["rss_lookup_mb"], r["rss_process_mb"],
            f'{r["recall_edited"]}, {r["recall_real"]}', rf]) + " |")


if __name__ == "__main__":
    main()
