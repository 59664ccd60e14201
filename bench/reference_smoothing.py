#!/usr/bin/python3
"""Agreement of `advlens certify` with the reference randomized smoothing (Cohen, Rosenfeld and Kolter 2019).

    /usr/bin/python3 bench/reference_smoothing.py [--images 100] [--sigmas 0.25,0.5] [--n0 100] [--n 10000]
        [--alpha 0.001] [--seeds 0,1] [--threads 2] [--out FILE]

For each sigma it runs `./advlens certify` on the first --images bundled test images (bundled standard CNN, JSON
output, seed 0) and locuslab/smoothing's `Smooth.certify` (code/core.py, fetched into bench/reference/, see its
README) with the PyTorch twin of the same CNN (bench/pytorch_twins.py) on the same images and settings, once per
--seeds value (torch.manual_seed before the first image).

The noise streams differ, so the agreement is statistical. Each pair of runs (the engine against each reference
run, and the reference runs against each other, which is the Monte Carlo spread the engine is judged by) is
compared per image and overall:

- agree: same smoothed prediction, or both abstain;
- |dr|: mean and largest absolute difference of the certified radii, over images certified to the same class,
  with the mean expected from Monte Carlo alone (two independent runs with binomial counts at the estimated p);
- mean z^2: each certificate determines its count nA of the n samples (the Clopper-Pearson bound is increasing in
  nA); for two independent runs of the same smoothed classifier, z = (nA1 - nA2) / sqrt(2 n p (1 - p)) has mean
  z^2 close to 1 (less when counts sit at n), over images certified to the same class with p < 1;
- certified accuracy at radii 0, 0.25, 0.5 and 1.0 for every run.

A summary table goes to standard error; the full comparison (every image, every run) to standard output as JSON,
or to --out.
"""
import argparse
import json
import math
import os
import platform
import sys
import time
from datetime import datetime, timezone

import numpy as np
import torch
from scipy.stats import beta, norm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_support as rs  # noqa: E402

RADII = (0.0, 0.25, 0.5, 1.0)


def run_reference(core, model, x, y, sigma, n0, n, alpha, batch, seed):
    torch.manual_seed(seed)
    smooth = core.Smooth(model, 10, sigma)
    start = time.perf_counter()
    images = []
    for i in range(len(y)):
        prediction, radius = smooth.certify(x[i], n0, n, alpha, batch)
        images.append({"index": i, "label": int(y[i]), "prediction": int(prediction), "radius": float(radius)})
        if (i + 1) % 10 == 0:
            print("reference sigma %g seed %d: %d/%d images" % (sigma, seed, i + 1, len(y)), file=sys.stderr)
    return {"name": "reference seed %d" % seed, "seed": seed, "images": images,
            "seconds": round(time.perf_counter() - start, 1)}


def run_engine(limit, sigma, n0, n, alpha, batch, seed):
    out = rs.run_advlens(["certify", "--limit", limit, "--sigma", sigma, "--n0", n0, "--n", n, "--alpha", alpha,
                          "--batch", batch, "--seed", seed, "--radii", ",".join(str(r) for r in RADII)])
    images = [{"index": e["index"], "label": e["label"], "prediction": e["prediction"], "radius": e["radius"]}
              for e in out["images"]]
    return {"name": "engine seed %d" % seed, "seed": seed, "images": images, "seconds": round(out["seconds"], 1),
            "engine_certified_accuracy": out["certified_accuracy"], "model_sha256": out["model"].get("sha256")}


def certified_accuracy(run, radius):
    im = run["images"]
    return sum(1 for e in im if e["prediction"] == e["label"] and e["radius"] >= radius) / len(im)


def count_from_radius(radius, sigma, n, alpha):
    """The count nA whose one-sided Clopper-Pearson bound at level 1 - alpha gives this radius."""
    p = norm.cdf(radius / sigma)
    lo, hi = 1, n  # the bound is increasing in nA; find the nA whose bound is nearest p
    while lo < hi:
        mid = (lo + hi) // 2
        if beta.ppf(alpha, mid, n - mid + 1) < p:
            lo = mid + 1
        else:
            hi = mid
    candidates = [k for k in (lo - 1, lo) if 1 <= k <= n]
    return min(candidates, key=lambda k: abs(beta.ppf(alpha, k, n - k + 1) - p))


def radius_of_count(k, sigma, n, alpha):
    """CERTIFY's radius for counts k (an array): sigma * Phi^-1 of the Clopper-Pearson bound, 0 below 1/2."""
    bound = np.where(k > 0, beta.ppf(alpha, np.maximum(k, 1), n - k + 1), 0.0)
    return np.where(bound >= 0.5, sigma * norm.ppf(np.clip(bound, 0.5, 1)), 0.0)


def expected_abs_difference(p, sigma, n, alpha, draws, rng):
    """Mean |r1 - r2| and its standard deviation for two independent CERTIFY runs whose top class has
    probability p: both counts drawn Binomial(n, p) `draws` times."""
    r1 = radius_of_count(rng.binomial(n, p, draws), sigma, n, alpha)
    r2 = radius_of_count(rng.binomial(n, p, draws), sigma, n, alpha)
    d = np.abs(r1 - r2)
    return float(d.mean()), float(d.std())


def compare(a, b, sigma, n, alpha):
    """Agreement of two runs, and the Monte Carlo expectation of the radius difference: per image certified to
    the same class by both, p is estimated as (nA1 + nA2) / 2n and the expected |dr| of two independent runs is
    drawn from the binomial (numpy seed 0); its standard error over the images is sqrt(sum var) / images."""
    rng = np.random.default_rng(0)
    agree, diffs, z2, expected, variance = 0, [], [], [], []
    for ea, eb in zip(a["images"], b["images"]):
        if ea["prediction"] != eb["prediction"]:
            continue
        agree += 1
        if ea["prediction"] < 0:
            continue
        diffs.append(ea["radius"] - eb["radius"])
        ka = count_from_radius(ea["radius"], sigma, n, alpha)
        kb = count_from_radius(eb["radius"], sigma, n, alpha)
        p = (ka + kb) / (2 * n)
        mean, sd = expected_abs_difference(p, sigma, n, alpha, 4000, rng)
        expected.append(mean)
        variance.append(sd ** 2)
        if p < 1:
            z2.append((ka - kb) ** 2 / (2 * n * p * (1 - p)))
    d = np.abs(np.array(diffs)) if diffs else np.zeros(1)
    return {"runs": [a["name"], b["name"]], "images": len(a["images"]), "agree": agree,
            "both_certified_same_class": len(diffs),
            "mean_abs_radius_difference": round(float(d.mean()), 4),
            "max_abs_radius_difference": round(float(d.max()), 4),
            "mean_radius_difference": round(float(np.mean(diffs)) if diffs else 0.0, 4),
            "expected_mean_abs_radius_difference": round(float(np.mean(expected)), 4) if expected else None,
            "expected_standard_error": round(math.sqrt(sum(variance)) / len(variance), 4) if variance else None,
            "mean_z2": round(float(np.mean(z2)), 3) if z2 else None, "z2_images": len(z2)}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--images", type=int, default=100, help="the first N bundled test images (default 100)")
    p.add_argument("--sigmas", default="0.25,0.5", help="noise levels, comma-separated (default 0.25,0.5)")
    p.add_argument("--n0", type=int, default=100, help="selection samples (default 100)")
    p.add_argument("--n", type=int, default=10000, help="estimation samples (default 10000)")
    p.add_argument("--alpha", type=float, default=0.001, help="failure probability (default 0.001)")
    p.add_argument("--batch", type=int, default=1000, help="noisy copies per forward pass, both sides (default 1000)")
    p.add_argument("--seeds", default="0,1", help="seeds of the reference runs, comma-separated (default 0,1)")
    p.add_argument("--engine-seed", type=int, default=0, help="seed of the advlens run (default 0)")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    p.add_argument("--out", help="write the JSON here instead of standard output")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    core = rs.load_reference("core")
    model = rs.load_twin()
    x, y = rs.load_images(a.images)
    seeds = [int(s) for s in a.seeds.split(",")]
    results = []
    for sigma in [float(s) for s in a.sigmas.split(",")]:
        runs = [run_engine(a.images, sigma, a.n0, a.n, a.alpha, a.batch, a.engine_seed)]
        runs += [run_reference(core, model, x, y, sigma, a.n0, a.n, a.alpha, a.batch, s) for s in seeds]
        pairs = [(0, k) for k in range(1, len(runs))]
        pairs += [(j, k) for j in range(1, len(runs)) for k in range(j + 1, len(runs))]
        results.append({
            "sigma": sigma,
            "certified_accuracy": [{"run": r["name"], **{str(rad): certified_accuracy(r, rad) for rad in RADII},
                                    "abstain_rate": sum(e["prediction"] < 0 for e in r["images"]) / len(y),
                                    "seconds": r["seconds"]} for r in runs],
            "pairs": [compare(runs[j], runs[k], sigma, a.n, a.alpha) for j, k in pairs],
            "runs": runs})

    out = {"command": "/usr/bin/python3 bench/reference_smoothing.py " + " ".join(sys.argv[1:]),
           "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
           "reference": rs.reference_provenance("core"), "clopper_pearson": rs.clopper_pearson_source(),
           "torch": torch.__version__, "python": platform.python_version(),
           "settings": {"images": a.images, "n0": a.n0, "n": a.n, "alpha": a.alpha, "batch": a.batch,
                        "engine_seed": a.engine_seed, "reference_seeds": seeds},
           "results": results}
    for r in results:
        print("\nsigma %g  certified accuracy at radius %s, abstain rate, seconds" % (
            r["sigma"], " / ".join(str(rad) for rad in RADII)), file=sys.stderr)
        for c in r["certified_accuracy"]:
            print("  %-18s %s  %.2f  %s s" % (c["run"], "  ".join("%.2f" % c[str(rad)] for rad in RADII),
                                             c["abstain_rate"], c["seconds"]), file=sys.stderr)
        for c in r["pairs"]:
            print("  %s vs %s: agree %d/%d, |dr| mean %.4f (expected %s +- %s) max %.4f (same class: %d), "
                  "mean dr %+.4f, mean z^2 %s (%d)" % (
                      c["runs"][0], c["runs"][1], c["agree"], c["images"], c["mean_abs_radius_difference"],
                      c["expected_mean_abs_radius_difference"], c["expected_standard_error"],
                      c["max_abs_radius_difference"], c["both_certified_same_class"], c["mean_radius_difference"],
                      c["mean_z2"], c["z2_images"]), file=sys.stderr)
    text = json.dumps(out, indent=1)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
