#!/usr/bin/python3
"""Agreement of `advlens transfer-matrix` with the same matrix computed in PyTorch.

    /usr/bin/python3 bench/reference_transfer.py --models A.zip,B.zip[,C.zip...] [--attack fgsm|pgd]
        [--eps 0.1] [--limit 200] [--out FILE]

Every model must have the bundled CNN's architecture (the bundled standard and robust models, and any model
`advlens train` writes): its PyTorch twin is built with bench/pytorch_twins.py's weight decoder. The attacks are
bench/pytorch_twins.py's FGSM and PGD (torchattacks 3.x written out), followed by the projection and clipping
AdvLens' AttackRunner applies. FGSM is deterministic, so the two matrices should agree up to images on which a
gradient component or the top two logits sit within float rounding of a tie; PGD's random start is drawn by a
different generator on each side, so only its statistics can agree.

It runs `./advlens transfer-matrix --json` on the same models and bundled images (batch 100, as the reference),
and prints both matrices and the largest difference, in images, as JSON.
"""
import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import datetime, timezone

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_support as rs  # noqa: E402
from pytorch_twins import ROOT, fgsm, pgd  # noqa: E402


def reference_matrix(models, x, y, attack, eps, batch=100):
    m = len(models)
    correct = [[0] * m for _ in range(m)]
    clean = [0] * m
    for start in range(0, len(y), batch):
        xb, yb = x[start:start + batch], y[start:start + batch]
        for t, model in enumerate(models):
            with torch.no_grad():
                clean[t] += int((model(xb).argmax(1) == yb).sum())
        for s, source in enumerate(models):
            for p in source.parameters():
                p.requires_grad_(False)
            candidate = fgsm(source, xb, yb, eps) if attack == "fgsm" else pgd(source, xb, yb, eps)
            adv = torch.clamp(xb + torch.clamp(candidate - xb, -eps, eps), 0, 1)
            with torch.no_grad():
                for t, target in enumerate(models):
                    correct[s][t] += int((target(adv).argmax(1) == yb).sum())
    return clean, correct


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", required=True, help="comma-separated DL4J model zips")
    parser.add_argument("--attack", default="fgsm", choices=["fgsm", "pgd"])
    parser.add_argument("--eps", type=float, default=0.1)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--out")
    args = parser.parse_args()
    torch.set_num_threads(2)
    paths = [os.path.abspath(p) for p in args.models.split(",")]
    models = [rs.load_twin(p) for p in paths]
    x, y = rs.load_images(args.limit)
    clean, correct = reference_matrix(models, x, y, args.attack, args.eps)

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "matrix.json")
        command = ["transfer-matrix", "--models", ",".join(paths), "--attack", args.attack, "--eps", args.eps,
                   "--limit", args.limit, "--batch", 100, "--json", out]
        import subprocess
        print("$ ./advlens " + " ".join(str(a) for a in command), file=sys.stderr)
        subprocess.run([os.path.join(ROOT, "advlens")] + [str(a) for a in command], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        with open(out) as f:
            engine = json.load(f)

    n = len(y)
    difference = max(abs(a - b) for ra, rb in zip(engine["correct"], correct) for a, b in zip(ra, rb))
    clean_difference = max(abs(round(a * n) - b) for a, b in zip(engine["clean_accuracy"], clean))
    result = {
        "models": [{"file": os.path.relpath(p, ROOT) if p.startswith(ROOT) else p,
                    "sha256": e["sha256"]} for p, e in zip(paths, engine["models"])],
        "attack": args.attack, "epsilon": args.eps, "images": n,
        "advlens_correct": engine["correct"], "reference_correct": correct,
        "advlens_clean_correct": [round(a * n) for a in engine["clean_accuracy"]], "reference_clean_correct": clean,
        "max_difference_images": difference, "max_clean_difference_images": clean_difference,
        "torch": torch.__version__, "python": platform.python_version(),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    text = json.dumps(result, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
