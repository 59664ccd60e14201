#!/usr/bin/env bash
# A PGD-20 robustness curve over the Fashion-MNIST test set (Debian package dataset-fashion-mnist), once with the
# single-process engine (advlens curve) and once on Spark (advlens spark curve --master local[*]) on the same
# machine, same seed; prints wall time and peak memory of each and checks the per-example results are identical.
# Usage: bench/spark-vs-local.sh [LIMIT] [OUT]   (default: all 10,000 images, /tmp/advlens-spark-bench)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
limit="${1:-10000}"
out="${2:-/tmp/advlens-spark-bench}"
data=/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz
[ -f "$data" ] || { echo "needs $data (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
common=(--data "$data" --limit "$limit" --attack pgd --steps 20 --eps 0.1 --seed 1 --batch 100)
./advlens curve --help >/dev/null && ./advlens spark --help >/dev/null   # build outside the timings
/usr/bin/time -f "local: wall %e s, peak RSS %M KB" ./advlens curve "${common[@]}" --out "$out/local" \
    2> >(grep -E "^local:|error" >&2) | tail -2
/usr/bin/time -f "spark: wall %e s, peak RSS %M KB" ./advlens spark curve --master "${MASTER:-local[*]}" \
    "${common[@]}" --out "$out/spark" 2> >(grep -E "^spark:|driver received|error" >&2) | tail -2
sleep 1
python3 - "$out" <<'PY'
import json, sys
a = json.load(open(sys.argv[1] + "/local/curve.json"))
b = json.load(open(sys.argv[1] + "/spark/curve.json"))
same = all(p["correct"] == q["correct"] and p["mean_l2"] == q["mean_l2"] and p["accuracy"] == q["accuracy"]
           for x, y in zip(a["attacks"], b["attacks"]) for p, q in zip(x["points"], y["points"]))
print("per-example results identical:", same, "| examples:", b["data"]["size"],
      "| partitions:", len(b["provenance"]["execution"]["partitions"]))
PY
