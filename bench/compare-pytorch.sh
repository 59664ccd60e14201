#!/usr/bin/env bash
# Side-by-side benchmark: `advlens bench` against PyTorch twins of the same networks (bench/pytorch_twins.py).
#
# Usage: bench/compare-pytorch.sh [--rounds R] [--network cnn|resnet|both] [--threads T] [--out DIR]
#                                 [-- extra advlens bench args]
#
# Each round runs `./advlens bench` once and the PyTorch twin once with the same sizes, alternating which goes
# first, so that both see the same machine load. Afterwards it prints, per network, the medians of both and the
# ratio AdvLens/PyTorch per round and over the rounds, with the machine and the exact commands. The raw JSON
# (and the progress output) of every run goes to the results folder.
#
#   --rounds R      rounds per network (default 3)
#   --network N     cnn (the bundled Fashion-MNIST CNN), resnet (ReferenceNetworks.resnetStyle) or both (default)
#   --threads T     threads of both engines: advlens --threads T, torch.set_num_threads(T) and OMP_NUM_THREADS=T
#                   for both processes (default 2)
#   --out DIR       results folder (default: a new folder under ${TMPDIR:-/tmp})
#   -- ARGS         passed to `advlens bench`; the sizes --batch, --images, --pgd-images, --repetitions and
#                   --latency-runs among them are given to the PyTorch twin too
#
# Sizes per round: cnn 1,000 images (PGD-20: 200), batches of 100, 3 repetitions, 50 latency runs;
# resnet 300 images (PGD-20: 100), batches of 100, 3 repetitions, 20 latency runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=/usr/bin/python3
rounds=3
network=both
threads=2
out=""
extra=()

die() {
    echo "compare-pytorch: error: $*" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) [ $# -ge 2 ] || die "--rounds needs a number"; rounds="$2"; shift 2 ;;
        --network) [ $# -ge 2 ] || die "--network needs cnn, resnet or both"; network="$2"; shift 2 ;;
        --threads) [ $# -ge 2 ] || die "--threads needs a number"; threads="$2"; shift 2 ;;
        --out) [ $# -ge 2 ] || die "--out needs a folder"; out="$2"; shift 2 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        --) shift; extra=("$@"); break ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive number, got '$rounds'"
[[ "$threads" =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive number, got '$threads'"
case "$network" in
    cnn) networks=(cnn) ;;
    resnet) networks=(resnet) ;;
    both) networks=(cnn resnet) ;;
    *) die "--network must be cnn, resnet or both, got '$network'" ;;
esac

if ! "$python" -c 'import torch, numpy' 2>/dev/null; then
    die "PyTorch for $python is missing; install it with: apt-get install python3-torch python3-numpy"
fi

if [ -z "$out" ]; then
    out="$(mktemp -d "${TMPDIR:-/tmp}/advlens-vs-pytorch.XXXXXX")"
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# Sizes: per-network defaults, overridden by the same options among the extra advlens arguments.
declare -A override=()
passthrough=()
i=0
while [ $i -lt ${#extra[@]} ]; do
    arg="${extra[$i]}"
    case "$arg" in
        --batch | --images | --pgd-images | --repetitions | --latency-runs)
            [ $((i + 1)) -lt ${#extra[@]} ] || die "$arg needs a value"
            override[$arg]="${extra[$((i + 1))]}"; i=$((i + 2)) ;;
        --batch=* | --images=* | --pgd-images=* | --repetitions=* | --latency-runs=*)
            override[${arg%%=*}]="${arg#*=}"; i=$((i + 1)) ;;
        --threads | --threads=*) die "give --threads before --, it sets both engines" ;;
        --reference | --reference=* | --model | --model=* | --data | --data=* | --counterfactuals)
            die "$arg would change what AdvLens measures but not the PyTorch twin; use --network" ;;
        *) passthrough+=("$arg"); i=$((i + 1)) ;;
    esac
done

sizes() { # network -> "--batch B --images N ..." with the overrides applied
    local -A s
    if [ "$1" = cnn ]; then
        s=([--batch]=100 [--images]=1000 [--pgd-images]=200 [--repetitions]=3 [--latency-runs]=50)
    else
        s=([--batch]=100 [--images]=300 [--pgd-images]=100 [--repetitions]=3 [--latency-runs]=20)
    fi
    local k
    for k in "${!override[@]}"; do s[$k]="${override[$k]}"; done
    for k in --batch --images --pgd-images --repetitions --latency-runs; do printf '%s %s ' "$k" "${s[$k]}"; done
}

export OMP_NUM_THREADS="$threads"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" # the launcher's default for AdvLens; the same for PyTorch

cd "$root"
echo "compare-pytorch: building AdvLens if needed..." >&2
./advlens --version >"$out/advlens-version.txt" 2>"$out/build.log" || { cat "$out/build.log" >&2; exit 1; }

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit="$commit (with uncommitted changes)"
fi
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
commands_file="$out/commands.txt"
: >"$commands_file"

run_advlens() { # network round
    local args=(bench $(sizes "$1") --threads "$threads")
    [ "$1" = resnet ] && args+=(--reference resnet)
    args+=(${passthrough[@]+"${passthrough[@]}"})
    echo "OMP_NUM_THREADS=$OMP_NUM_THREADS OMP_WAIT_POLICY=$OMP_WAIT_POLICY ./advlens ${args[*]}" >>"$commands_file"
    ./advlens "${args[@]}" >"$out/$1-round$2-advlens.json" 2>"$out/$1-round$2-advlens.log" \
        || { tail -n 20 "$out/$1-round$2-advlens.log" >&2; die "advlens bench failed (round $2, $1)"; }
}

run_pytorch() { # network round
    local args=(bench/pytorch_twins.py --network "$1" $(sizes "$1") --threads "$threads")
    echo "OMP_NUM_THREADS=$OMP_NUM_THREADS OMP_WAIT_POLICY=$OMP_WAIT_POLICY $python ${args[*]}" >>"$commands_file"
    "$python" "${args[@]}" >"$out/$1-round$2-pytorch.json" 2>"$out/$1-round$2-pytorch.log" \
        || { tail -n 20 "$out/$1-round$2-pytorch.log" >&2; die "pytorch_twins.py failed (round $2, $1)"; }
}

for net in "${networks[@]}"; do
    for r in $(seq 1 "$rounds"); do
        echo "compare-pytorch: $net, round $r/$rounds (load $(cut -d' ' -f1 /proc/loadavg))" >&2
        if [ $((r % 2)) -eq 1 ]; then
            run_advlens "$net" "$r"; run_pytorch "$net" "$r"
        else
            run_pytorch "$net" "$r"; run_advlens "$net" "$r"
        fi
    done
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

"$python" - "$out" "$rounds" "$commit" "$cpu" "$load_start" "$load_end" "$started" "$threads" \
    "${networks[@]}" <<'PY' | tee "$out/summary.md"
import json, os, statistics, subprocess, sys

out, rounds, commit, cpu, load_start, load_end, started, threads = sys.argv[1:9]
networks, rounds = sys.argv[9:], int(rounds)
OPS = [("forward", "forward"), ("forward+input_gradient", "forward + input gradient"), ("fgsm", "FGSM"),
       ("pgd-20", "PGD-20")]

def load(net, r, side):
    with open(os.path.join(out, "%s-round%d-%s.json" % (net, r, side))) as f:
        return json.load(f)

def figures(d):
    f = {t["operation"]: t["images_per_second"] for t in d["throughput"]}
    f["latency"] = d["single_image_fgsm_ms"]["median"]
    return f

def num(v):
    return "%.2f" % v if v < 10 else "{:,.0f}".format(v) if v >= 100 else "%.1f" % v

java = open(os.path.join(out, "advlens-version.txt")).read().strip().splitlines()
print("# AdvLens against PyTorch, side by side\n")
print("- machine: %s CPUs (nproc), %s; load average (1/5/15 min) %s at the start, %s at the end"
      % (os.cpu_count(), cpu, load_start, load_end))
print("- started %s; AdvLens commit %s (%s); threads %s for both engines; OMP_WAIT_POLICY=%s"
      % (started, commit, java[0] if java else "?", threads, os.environ.get("OMP_WAIT_POLICY", "")))
for net in networks:
    a0, p0 = load(net, 1, "advlens"), load(net, 1, "pytorch")
    th = {t["operation"]: t["images"] for t in a0["throughput"]}
    print("\n## %s\n" % ("Fashion-MNIST CNN (bundled)" if net == "cnn" else "ResNet-style CNN on 3x32x32"))
    print("AdvLens: %s, %s, ND4J %s with %s threads. PyTorch %s (%s threads): %s, weights %s. "
          "Images per repetition: %d in batches of %d (PGD-20: %d in batches of %d); accuracy check of the "
          "twin: %s."
          % (a0["model"], a0["data"], a0["engine"]["backend"], a0["engine"]["threads"], p0["engine"]["torch"],
             p0["engine"]["threads"], p0["data"], p0["weights"], th["forward"], min(a0["batch_size"], th["forward"]),
             th["pgd-20"], min(a0["batch_size"], th["pgd-20"]),
             ", ".join("%s %s" % (k, v) for k, v in p0["accuracy"].items() if v is not None)))
    rows = [(figures(load(net, r, "advlens")), figures(load(net, r, "pytorch"))) for r in range(1, rounds + 1)]
    head = "| operation | AdvLens | PyTorch | AdvLens/PyTorch | per round |"
    print("\n" + head + "\n|---|---|---|---|---|")
    for key, label in OPS + [("latency", "single-image FGSM, median ms")]:
        a = statistics.median(r[0][key] for r in rows)
        p = statistics.median(r[1][key] for r in rows)
        ratios = [r[0][key] / r[1][key] for r in rows]
        unit = "" if key == "latency" else " img/s"
        print("| %s | %s%s | %s%s | %.2f | %s |" % (label, num(a), unit, num(p), unit, statistics.median(ratios),
                                                    " ".join("%.2f" % x for x in ratios)))
    print("\nMedians over %d round(s) of each run's median; ratio = median of the per-round ratios. For img/s a "
          "ratio below 1 means AdvLens is slower; for the latency (ms) a ratio above 1 does." % rounds)
print("\n## Commands\n")
for line in open(os.path.join(out, "commands.txt")):
    print("    " + line.rstrip())
print("\nRaw JSON and progress logs: %s" % out)
PY
