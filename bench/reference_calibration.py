#!/usr/bin/python3
"""Agreement of `advlens calibration`'s temperature scaling with the reference (Guo, Pleiss, Sun and Weinberger 2017).

    /usr/bin/python3 bench/reference_calibration.py [--seed 0] [--calibration-fraction 0.5] [--bins 15]
        [--model resources/models/fashion-cnn.zip] [--out FILE]

It runs `./advlens calibration` (bundled 1,000 test images) and, on the PyTorch twin's logits of the same images
(bench/pytorch_twins.py; the twin exists for the bundled standard CNN), gpleiss/temperature_scaling's
`ModelWithTemperature.set_temperature` (temperature_scaling.py, fetched into bench/reference/, see its README).

- **The split.** The engine shuffles 0..n-1 with a Fisher-Yates pass on java.util.SplittableRandom(seed) and fits
  on the first round(n * fraction). `permutation` below reproduces SplittableRandom (SplitMix64: the seed advances
  by the golden gamma, mix32 of the new seed, rejection for an unbiased bound). That the split is the engine's is
  checked by the fit part's NLL at T = 1, which must equal the engine's `fit_nll_before`.
- **The reference fit** is set_temperature as published: T starts at 1.5, one LBFGS step (lr 0.01, max_iter 50) on
  the fit part's mean NLL. Its step of 0.01 times the quasi-Newton step may stop short of the minimum, so the
  minimum of the same objective (double precision) is also found with scipy's bounded Brent method.
- **ECE** is the reference's `_ECELoss` (15 equal-width bins (lower, upper], as the engine's default) on the
  evaluation part, at T = 1, at the reference's T and at the engine's T; the NLL is torch's cross-entropy.

A summary goes to standard error and the JSON to standard output or --out.
"""
import argparse
import contextlib
import json
import os
import platform
import sys
from datetime import datetime, timezone

import torch
from scipy.optimize import minimize_scalar
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_support as rs  # noqa: E402

MASK64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15


class SplittableRandom:
    """java.util.SplittableRandom(seed): nextInt(bound) as in the JDK (8 to 21)."""

    def __init__(self, seed):
        self.seed = seed & MASK64

    def _next_int(self):
        self.seed = (self.seed + GOLDEN_GAMMA) & MASK64
        z = self.seed
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & MASK64
        z = (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & MASK64) >> 32
        return z - (1 << 32) if z >= 1 << 31 else z  # as a signed int

    def next_int(self, bound):
        r = self._next_int()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & 0xFFFFFFFF) >> 1
        while True:
            r = u % bound
            if -(1 << 31) <= u + m - r < (1 << 31):  # no int overflow: accept
                return r
            u = (self._next_int() & 0xFFFFFFFF) >> 1


def permutation(n, seed):
    """CalibrationEvaluation.permutation: a Fisher-Yates shuffle of 0..n-1 on SplittableRandom(seed)."""
    p = list(range(n))
    random = SplittableRandom(seed)
    for i in range(n - 1, 0, -1):
        j = random.next_int(i + 1)
        p[i], p[j] = p[j], p[i]
    return p


def java_round(x):
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seed", type=int, default=0, help="the split's seed (default 0)")
    p.add_argument("--calibration-fraction", type=float, default=0.5, help="fit part (default 0.5)")
    p.add_argument("--bins", type=int, default=15, help="ECE bins, both sides (default 15, the reference's)")
    p.add_argument("--model", help="a model zip with the bundled CNN's architecture (default: the bundled one)")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    p.add_argument("--out", help="write the JSON here instead of standard output")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    ts = rs.load_reference("temperature_scaling")
    args = ["calibration", "--seed", a.seed, "--calibration-fraction", a.calibration_fraction, "--bins", a.bins]
    if a.model:
        args += ["--model", a.model]
    engine = rs.run_advlens(args)

    twin = rs.load_twin(a.model)
    x, y = rs.load_images()
    with torch.no_grad():
        logits = torch.cat([twin(x[i:i + 250]) for i in range(0, len(y), 250)])
    order = permutation(len(y), a.seed)
    fit_count = java_round(len(y) * a.calibration_fraction)
    fit, held = torch.tensor(order[:fit_count]), torch.tensor(order[fit_count:])

    # The reference fit, as published, then continued to convergence; its own printout goes to standard error.
    wrapped = ts.ModelWithTemperature(twin)
    loader = [(x[fit[i:i + 250]], y[fit[i:i + 250]]) for i in range(0, fit_count, 250)]
    with rs.cuda_is_cpu(), contextlib.redirect_stdout(sys.stderr):
        wrapped.set_temperature(loader)
    nll = nn.CrossEntropyLoss()
    # The minimum of the same objective (the fit part's mean cross-entropy of logits / T, in double precision),
    # found by Brent's method on [0.01, 100].
    fit_logits, fit_labels = logits[fit].double(), y[fit]
    brent = minimize_scalar(lambda t: nll(fit_logits / t, fit_labels).item(), bounds=(0.01, 100), method="bounded",
                            options={"xatol": 1e-9})
    temperatures = [wrapped.temperature.item(), float(brent.x)]

    ece = ts._ECELoss(n_bins=a.bins)

    def measure(part, t):
        z = logits[part] / t
        return {"temperature": t, "nll": nll(z, y[part]).item(), "ece": ece(z, y[part]).item(),
                "accuracy": (z.argmax(1) == y[part]).float().mean().item()}

    t_engine = engine["temperature_scaling"]["temperature"]
    out = {
        "command": "/usr/bin/python3 bench/reference_calibration.py " + " ".join(sys.argv[1:]),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "reference": rs.reference_provenance("temperature_scaling"),
        "torch": torch.__version__, "python": platform.python_version(),
        "settings": {"seed": a.seed, "calibration_fraction": a.calibration_fraction, "bins": a.bins,
                     "fit_count": fit_count, "evaluation_count": len(y) - fit_count,
                     "model": engine["model"]},
        "split_check": {"engine_fit_nll_before": engine["temperature_scaling"]["fit_nll_before"],
                        "twin_fit_nll_before": measure(fit, 1.0)["nll"]},
        "engine": {"temperature": t_engine, "fit_nll_after": engine["temperature_scaling"]["fit_nll_after"],
                   "before": {k: engine["before"][k] for k in ("accuracy", "ece", "nll")},
                   "after": {k: engine["after"][k] for k in ("accuracy", "ece", "nll")}},
        "reference_fit": {"temperature_published_step": temperatures[0],
                          "temperature_minimum_brent": temperatures[-1],
                          "fit_nll_published_step": measure(fit, temperatures[0])["nll"],
                          "fit_nll_minimum_brent": measure(fit, temperatures[-1])["nll"],
                          "fit_nll_at_engine_t": measure(fit, t_engine)["nll"]},
        "evaluation_part_reference_metrics": {
            "t_1": measure(held, 1.0), "reference_t_published_step": measure(held, temperatures[0]),
            "minimum_t_brent": measure(held, temperatures[-1]), "engine_t": measure(held, t_engine)},
    }
    f, e, r = out["reference_fit"], out["engine"], out["evaluation_part_reference_metrics"]
    print("\nsplit check: fit-part NLL at T=1, engine %.6f, twin %.6f" % (
        out["split_check"]["engine_fit_nll_before"], out["split_check"]["twin_fit_nll_before"]), file=sys.stderr)
    print("fitted T: engine %.5f; reference %.5f (published step); minimum of its objective %.5f (Brent)" % (
        t_engine, f["temperature_published_step"], f["temperature_minimum_brent"]), file=sys.stderr)
    print("fit-part NLL: engine T %.6f, reference T %.6f, Brent minimum %.6f" % (
        f["fit_nll_at_engine_t"], f["fit_nll_published_step"], f["fit_nll_minimum_brent"]), file=sys.stderr)
    print("held-out ECE (reference _ECELoss): T=1 %.4f (engine %.4f); engine T %.4f (engine %.4f); reference T "
          "%.4f, Brent minimum %.4f" % (r["t_1"]["ece"], e["before"]["ece"], r["engine_t"]["ece"],
                                              e["after"]["ece"], r["reference_t_published_step"]["ece"],
                                              r["minimum_t_brent"]["ece"]), file=sys.stderr)
    print("held-out NLL: T=1 %.4f (engine %.4f); engine T %.4f (engine %.4f)" % (
        r["t_1"]["nll"], e["before"]["nll"], r["engine_t"]["nll"], e["after"]["nll"]), file=sys.stderr)
    text = json.dumps(out, indent=1)
    if a.out:
        with open(a.out, "w") as fh:
            fh.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
