#!/usr/bin/python3
"""PyTorch twins of the two networks `advlens bench` measures, timed the same way.

    /usr/bin/python3 bench/pytorch_twins.py --network cnn|resnet [--threads 2] [--images 1000] ...

Prints JSON with the operation names of `advlens bench` (forward, forward+input_gradient, fgsm, pgd-20) and
images/second as the median of the timed repetitions after one untimed warm-up repetition, plus single-image
FGSM latency (median and 90th percentile in ms, after 5 untimed runs).

cnn:    the bundled Fashion-MNIST CNN (conv 5x5x16 valid, ReLU, max-pool 2, conv 5x5x32 valid, ReLU, max-pool 2,
        dense 512->128 ReLU, dense 128->10) with the weights decoded from resources/models/fashion-cnn.zip,
        on the 1,000 bundled test images.
resnet: ReferenceNetworks.resnetStyle(2, seed): conv 3x3x32 + ReLU, 2 residual blocks at 32 channels
        (conv-BN-ReLU-conv-BN + identity, ReLU), conv 3x3x64 stride 2 + ReLU, 2 blocks at 64, global average
        pooling, dense 64->10; random weights and random data in [0, 1].

The attacks are written out as torchattacks 3.x does them, then verified as AdvLens' AttackRunner does
(projection onto the eps ball, clipping to [0, 1], a forward pass for the prediction and softmax, and the
L0/L2/L-inf norms of the perturbation), so both sides do the same work per batch.
"""
import argparse
import gzip
import io
import json
import math
import os
import platform
import struct
import sys
import time
import zipfile
from datetime import datetime, timezone

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PGD_STEPS = 20


# ---------------------------------------------------------------- networks

class FashionCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 5)
        self.conv2 = nn.Conv2d(16, 32, 5)
        self.dense = nn.Linear(32 * 4 * 4, 128)
        self.out = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.out(F.relu(self.dense(x.flatten(1))))  # logits; the softmax lives in the loss


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c1, self.bn1 = nn.Conv2d(c, c, 3, padding=1), nn.BatchNorm2d(c)
        self.c2, self.bn2 = nn.Conv2d(c, c, 3, padding=1), nn.BatchNorm2d(c)

    def forward(self, x):
        y = F.relu(self.bn1(self.c1(x)))
        return F.relu(self.bn2(self.c2(y)) + x)


class ResNetStyle(nn.Module):
    """DL4J's ConvolutionMode.Same pads the strided conv 0 before and 1 after; padding=1 gives the same 16x16."""

    def __init__(self, blocks=2):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        self.a = nn.Sequential(*[Block(32) for _ in range(blocks)])
        self.down = nn.Conv2d(32, 64, 3, stride=2, padding=1)
        self.b = nn.Sequential(*[Block(64) for _ in range(blocks)])
        self.out = nn.Linear(64, 10)

    def forward(self, x):
        x = self.a(F.relu(self.stem(x)))
        x = self.b(F.relu(self.down(x)))
        return self.out(x.mean((2, 3)))


def read_nd4j_array(data):
    """An array written by ND4J's Nd4j.write: two buffers (shape info, then data), each a Java UTF string
    (allocation mode), a big-endian long (length), a UTF string (data type) and the big-endian values."""
    buf = io.BytesIO(data)

    def utf():
        (n,) = struct.unpack(">H", buf.read(2))
        return buf.read(n).decode()

    def buffer():
        utf()
        (length,) = struct.unpack(">q", buf.read(8))
        kind = utf()
        dtype = {"LONG": ">i8", "INT": ">i4", "FLOAT": ">f4", "DOUBLE": ">f8"}[kind]
        return np.frombuffer(buf.read(length * np.dtype(dtype).itemsize), dtype=dtype)

    shape_info = buffer()
    rank = int(shape_info[0])
    shape = [int(s) for s in shape_info[1:1 + rank]]
    values = buffer().astype(np.float32)
    if values.size != math.prod(shape):
        raise ValueError("shape %s does not match %d values" % (shape, values.size))
    return values.reshape(-1)


def load_dl4j_weights(net, zip_path):
    """DL4J's flat parameter vector, layer by layer: convolutions bias then W [out, in, kh, kw] ('c' order);
    dense layers W [in, out] in 'f' order (read as [out, in] 'c', which is PyTorch's layout) then bias."""
    with zipfile.ZipFile(zip_path) as z:
        flat = read_nd4j_array(z.read("coefficients.bin"))
    expected = sum(p.numel() for p in net.parameters())
    if flat.size != expected:
        raise ValueError("%d coefficients, the twin has %d parameters" % (flat.size, expected))
    pos = 0

    def take(t):
        nonlocal pos
        n = t.numel()
        t.data.copy_(torch.from_numpy(flat[pos:pos + n].copy()).reshape(t.shape))
        pos += n

    for conv in (net.conv1, net.conv2):
        take(conv.bias)
        take(conv.weight)
    for dense in (net.dense, net.out):
        take(dense.weight)
        take(dense.bias)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


# ---------------------------------------------------------------- operations

def input_gradient(model, x, y):
    """Gradient of the summed softmax cross-entropy with respect to the input only."""
    x = x.clone().requires_grad_(True)
    loss = F.cross_entropy(model(x), y, reduction="sum")
    return torch.autograd.grad(loss, x)[0]


def fgsm(model, x, y, eps):
    """torchattacks.FGSM: x + eps * sign(grad CE), clamped to [0, 1]."""
    x_adv = x.clone().requires_grad_(True)
    grad = torch.autograd.grad(F.cross_entropy(model(x_adv), y), x_adv)[0]
    return torch.clamp(x + eps * grad.sign(), 0, 1).detach()


def pgd(model, x, y, eps, steps=PGD_STEPS, alpha=None, seed=0):
    """torchattacks.PGD (random start): uniform start in the eps ball, then `steps` signed-gradient steps of
    alpha = 2.5 * eps / steps (AdvLens' default), projection onto the ball and clamping after every step."""
    alpha = 2.5 * eps / steps if alpha is None else alpha
    gen = torch.Generator().manual_seed(seed)
    x_adv = x + torch.empty_like(x).uniform_(-eps, eps, generator=gen)
    x_adv = torch.clamp(x_adv, 0, 1).detach()
    for _ in range(steps):
        x_adv.requires_grad_(True)
        grad = torch.autograd.grad(F.cross_entropy(model(x_adv), y), x_adv)[0]
        x_adv = x_adv.detach() + alpha * grad.sign()
        delta = torch.clamp(x_adv - x, -eps, eps)
        x_adv = torch.clamp(x + delta, 0, 1).detach()
    return x_adv


@torch.no_grad()
def verify(model, x, y, eps, candidate):
    """What AdvLens' AttackRunner.verify does: project, clip, re-measure prediction and softmax, norms."""
    adv = torch.clamp(x + torch.clamp(candidate - x, -eps, eps), 0, 1)
    logits = model(adv)
    pred = logits.argmax(1)
    probs = F.softmax(logits, 1)
    d = (adv - x).flatten(1)
    norms = ((d.abs() > 1e-6).sum(1), d.norm(dim=1), d.abs().amax(1))
    return pred != y, probs, norms


# ---------------------------------------------------------------- timing

def percentile(values, q):
    """Nearest rank; the median of an even count is the mean of the two middle values (as AdvLens)."""
    s = sorted(values)
    if q == 0.5 and len(s) % 2 == 0:
        return (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2
    rank = math.ceil(q * len(s))
    return s[max(0, min(len(s) - 1, rank - 1))]


def throughput(name, images, batches, op, repetitions):
    for b in batches:  # untimed warm-up repetition
        op(*b)
    seconds = []
    for _ in range(repetitions):
        t0 = time.perf_counter()
        for b in batches:
            op(*b)
        seconds.append(time.perf_counter() - t0)
    print("%s: %s s" % (name, " ".join("%.3f" % s for s in seconds)), file=sys.stderr)
    return {"operation": name, "images": images,
            "images_per_second": round(images / percentile(seconds, 0.5), 1),
            "best_images_per_second": round(images / min(seconds), 1),
            "repetition_seconds": [round(s, 3) for s in seconds]}


def batches_of(x, y, n, size):
    return [(x[i:min(n, i + size)], y[i:min(n, i + size)]) for i in range(0, n, size)]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--network", choices=["cnn", "resnet"], default="cnn")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--images", type=int, default=1000, help="images for forward, gradient and FGSM")
    p.add_argument("--pgd-images", type=int, default=200)
    p.add_argument("--repetitions", type=int, default=5)
    p.add_argument("--latency-runs", type=int, default=50)
    p.add_argument("--eps", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=1, help="random weights and data (resnet), PGD start")
    p.add_argument("--model", default=os.path.join(ROOT, "resources/models/fashion-cnn.zip"))
    p.add_argument("--data", default=os.path.join(ROOT, "resources/data"))
    p.add_argument("--random-weights", action="store_true", help="cnn: seeded random weights instead of the zip's")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    accuracy = None
    if a.network == "cnn":
        model = FashionCnn()
        weights = "random (seed %d)" % a.seed
        if not a.random_weights:
            load_dl4j_weights(model, a.model)
            weights = "decoded from " + os.path.relpath(a.model, ROOT)
        images = read_idx(os.path.join(a.data, "fashion-mnist-test-1000-images-idx3-ubyte.gz"))
        labels = read_idx(os.path.join(a.data, "fashion-mnist-test-1000-labels-idx1-ubyte.gz"))
        x = torch.from_numpy(images.astype(np.float32) / 255).unsqueeze(1)
        y = torch.from_numpy(labels.astype(np.int64))
        data = "bundled Fashion-MNIST test images (%d)" % len(y)
    else:
        model = ResNetStyle(2)
        for m in model.modules():  # He initialisation, as WeightInit.RELU; biases zero
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                nn.init.zeros_(m.bias)
        weights = "random (seed %d)" % a.seed
        n = max(a.images, a.pgd_images)
        gen = torch.Generator().manual_seed(a.seed)
        x = torch.rand(n, 3, 32, 32, generator=gen)
        y = torch.randint(0, 10, (n,), generator=gen)
        data = "random 3x32x32 (%d)" % n
    model.eval()
    for prm in model.parameters():
        prm.requires_grad_(False)
    if a.network == "cnn":
        with torch.no_grad():
            accuracy = float((model(x).argmax(1) == y).float().mean())

    n, n_pgd = min(a.images, len(y)), min(a.pgd_images, len(y))
    batches, pgd_batches = batches_of(x, y, n, a.batch), batches_of(x, y, n_pgd, a.batch)
    eps = a.eps

    def op_forward(xb, yb):
        with torch.no_grad():
            model(xb)

    results = [
        throughput("forward", n, batches, op_forward, a.repetitions),
        throughput("forward+input_gradient", n, batches, lambda xb, yb: input_gradient(model, xb, yb),
                   a.repetitions),
        throughput("fgsm", n, batches, lambda xb, yb: verify(model, xb, yb, eps, fgsm(model, xb, yb, eps)),
                   a.repetitions),
        throughput("pgd-%d" % PGD_STEPS, n_pgd, pgd_batches,
                   lambda xb, yb: verify(model, xb, yb, eps, pgd(model, xb, yb, eps, seed=a.seed)), a.repetitions),
    ]

    singles = batches_of(x, y, min(a.latency_runs, len(y)), 1)
    for xb, yb in singles[:5]:
        verify(model, xb, yb, eps, fgsm(model, xb, yb, eps))
    ms = []
    for i in range(a.latency_runs):
        xb, yb = singles[i % len(singles)]
        t0 = time.perf_counter()
        verify(model, xb, yb, eps, fgsm(model, xb, yb, eps))
        ms.append((time.perf_counter() - t0) * 1000)

    # Accuracy under both attacks, untimed: a check that the twin attacks as AdvLens does (for the bundled CNN,
    # the model card gives 0.093 for FGSM on the 1,000 images and 0.000 for PGD-20 at eps 0.1).
    def attacked_accuracy(attack, bs):
        hits = sum(int((~verify(model, xb, yb, eps, attack(xb, yb))[0]).sum()) for xb, yb in bs)
        return round(hits / sum(len(yb) for _, yb in bs), 4)

    check = {"clean_accuracy": None if accuracy is None else round(accuracy, 4),
             "fgsm_accuracy": attacked_accuracy(lambda xb, yb: fgsm(model, xb, yb, eps), batches),
             "pgd_accuracy": attacked_accuracy(lambda xb, yb: pgd(model, xb, yb, eps, seed=a.seed), pgd_batches)}

    out = {
        "command": "python3 bench/pytorch_twins.py " + " ".join(sys.argv[1:]),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "cpu": cpu_model(), "os": platform.platform(),
                    "python": platform.python_version(), "load_average": list(os.getloadavg()),
                    "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", ""),
                    "omp_num_threads": os.environ.get("OMP_NUM_THREADS", "")},
        "engine": {"torch": torch.__version__, "threads": torch.get_num_threads(),
                   "mkldnn": torch.backends.mkldnn.is_available()},
        "model": type(model).__name__, "weights": weights,
        "parameters": sum(prm.numel() for prm in model.parameters()),
        "data": data, "accuracy": check,
        "batch_size": a.batch, "eps_linf": eps,
        "pgd": {"steps": PGD_STEPS, "step_size": 2.5 * eps / PGD_STEPS, "random_start": True, "restarts": 1},
        "throughput": results,
        "single_image_fgsm_ms": {"runs": len(ms), "median": round(percentile(ms, 0.5), 2),
                                 "p90": round(percentile(ms, 0.9), 2)},
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
