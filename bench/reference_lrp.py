"""Agreement of AdvLens's layer-wise relevance propagation with an independent PyTorch implementation.

The reference follows the four-step recipe of Montavon et al., "Layer-Wise Relevance Propagation: An Overview"
(2019), section 10.2 ("z = rho(layer)(a) + eps; s = R / z; c = grad(z . s); R = a * c"), written here from the
paper on the PyTorch twin of the bundled CNN (bench/pytorch_twins.py, weights decoded from the model zip), with
max pooling as winner-takes-all (relevance to the window's maximum), ReLUs passing relevance through, and the
explanation starting from the target logit. AdvLens's maps come from `./advlens saliency --values npy` on the
same images.

    python3 bench/reference_lrp.py [--images 50]

Prints, per method, the largest absolute difference relative to the largest absolute relevance, over all
images, and the agreement of the conservation sums.
"""
import argparse
import json
import os
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_support import load_images, load_twin, run_advlens  # noqa: E402

EPSILON = 0.1
GAMMA = 0.25


def stabilise(z, eps):
    return z + eps * torch.where(z >= 0, torch.ones_like(z), -torch.ones_like(z))


def linear_rule(forward, a, R, rule, low=None, high=None):
    """R at the input of one conv or dense layer; forward(x, weight_fn, bias_fn) applies the layer with modified params."""
    a = a.detach().requires_grad_(True)
    if rule == "epsilon":
        z = stabilise(forward(a, lambda w: w, lambda b: b), EPSILON)
    elif rule == "gamma":
        z = stabilise(forward(a, lambda w: w + GAMMA * w.clamp(min=0), lambda b: b + GAMMA * b.clamp(min=0)), 1e-9)
    elif rule == "zplus":
        z = stabilise(forward(a.clamp(min=0), lambda w: w.clamp(min=0), lambda b: 0 * b)
                      + forward(a.clamp(max=0), lambda w: w.clamp(max=0), lambda b: 0 * b), 1e-9)
    elif rule == "box":
        lo = low.clone().requires_grad_(True)
        hi = high.clone().requires_grad_(True)
        z = (forward(a, lambda w: w, lambda b: 0 * b) - forward(lo, lambda w: w.clamp(min=0), lambda b: 0 * b)
             - forward(hi, lambda w: w.clamp(max=0), lambda b: 0 * b))
        z = stabilise(z, 1e-9)
        s = (R / z).detach()
        (z * s).sum().backward()
        return (a * a.grad + lo * lo.grad + hi * hi.grad).detach()
    else:
        raise ValueError(rule)
    s = (R / z).detach()
    (z * s).sum().backward()
    return (a * a.grad).detach()


def lrp(model, x, target, rules):
    """rules: (first conv, other convs, dense layers)."""
    conv = lambda layer: (lambda a, wf, bf: F.conv2d(a, wf(layer.weight), bf(layer.bias)))
    dense = lambda layer: (lambda a, wf, bf: F.linear(a, wf(layer.weight), bf(layer.bias)))
    a0 = x
    a1 = F.relu(model.conv1(a0))
    p1 = F.max_pool2d(a1, 2)
    a2 = F.relu(model.conv2(p1))
    p2 = F.max_pool2d(a2, 2)
    f = p2.flatten(1)
    h = F.relu(model.dense(f))
    z = model.out(h)
    R = torch.zeros_like(z)
    R[torch.arange(len(target)), target] = z[torch.arange(len(target)), target]
    R = linear_rule(dense(model.out), h, R, rules[2])
    R = linear_rule(dense(model.dense), f, R, rules[2]).reshape(p2.shape)
    R = winner_takes_all(a2, R)
    R = linear_rule(conv(model.conv2), p1, R, rules[1])
    R = winner_takes_all(a1, R)
    low, high = torch.zeros_like(x), torch.ones_like(x)
    R = linear_rule(conv(model.conv1), a0, R, rules[0], low, high)
    return R.numpy(), z[torch.arange(len(target)), target].detach().numpy()


def winner_takes_all(a, R):
    a = a.detach().requires_grad_(True)
    (F.max_pool2d(a, 2) * R.detach()).sum().backward()
    return a.grad.detach()


METHODS = {
    "lrp-epsilon": ("epsilon", "epsilon", "epsilon"),
    "lrp-zplus": ("zplus", "zplus", "zplus"),
    "lrp-composite": ("box", "gamma", "epsilon"),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=50)
    args = parser.parse_args()
    model = load_twin()
    x, _ = load_images(args.images)
    with torch.no_grad():
        target = model(x).argmax(1).numpy()
    out = tempfile.mkdtemp()
    indices = ",".join(str(i) for i in range(args.images))
    summary = run_advlens(["saliency", "--methods", ",".join(METHODS), "--index", indices, "--values", "npy",
                           "--out", out, "--lrp-epsilon", str(EPSILON), "--lrp-gamma", str(GAMMA)])
    gaps = {(m["method"], m["image"]): m.get("completeness_delta") for m in summary["maps"]}
    report = {"images": args.images, "epsilon": EPSILON, "gamma": GAMMA, "methods": {}}
    for name, rules in METHODS.items():
        ref, logits = lrp(model, x, torch.tensor(target), rules)
        worst = 0.0
        worst_sum = 0.0
        for i in range(args.images):
            ours = np.load(os.path.join(out, "image%d-%s.npy" % (i, name)))
            scale = np.abs(ref[i]).max()
            worst = max(worst, float(np.abs(ours - ref[i]).max() / scale))
            ref_gap = float(ref[i].sum() - logits[i])
            ours_gap = [g for (m, src), g in gaps.items() if m == name and src.endswith("#%d" % i)][0]
            worst_sum = max(worst_sum, abs(ours_gap - ref_gap) / max(1e-6, abs(logits[i])))
        report["methods"][name] = {"max_abs_difference_relative_to_max_relevance": worst,
                                   "max_conservation_gap_difference_relative_to_logit": worst_sum}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
