"""Shared pieces of the reference-agreement scripts (bench/reference_smoothing.py, bench/reference_calibration.py).

- The PyTorch twin of the bundled CNN and the bundled images come from bench/pytorch_twins.py.
- The reference implementations are the original files, fetched into bench/reference/ at pinned commits (see
  bench/reference/README.md) and loaded as they are. They were written for a CUDA machine; `load_reference` runs
  them on the CPU without changing their text: `torch.randn_like(..., device='cuda')` draws on the CPU from
  torch's global generator, and `.cuda()` returns the module or tensor itself.
- `statsmodels.stats.proportion.proportion_confint(method="beta")` is replaced by the same Clopper-Pearson
  interval from scipy's beta quantiles when statsmodels is not installed (statsmodels computes it the same way).
- `run_advlens` runs `./advlens` from the repository root and returns its JSON.
"""
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import types

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_twins import ROOT, FashionCnn, load_dl4j_weights, read_idx  # noqa: E402

REFERENCE_DIR = os.path.join(ROOT, "bench", "reference")

# name -> (repository, commit, path, sha256 of the file as fetched)
REFERENCES = {
    "core": ("locuslab/smoothing", "bdfa2280bc075089305796973b4b1aa03b51ee85", "code/core.py",
             "194857134fbcf4770a3d1823b5902123b391a1cc828298d6e3b8a0a7f67fb4d6"),
    "temperature_scaling": ("gpleiss/temperature_scaling", "126a50975e0cd76c0496c44080bcaf7defca42b3",
                            "temperature_scaling.py",
                            "c2e14c12d48df74a03eb19ba312f7a5c90098c4832f3b49d99850498cda6fe67"),
}


def fetch_command(name):
    repo, commit, path, _ = REFERENCES[name]
    return "curl -fsSL -o %s https://raw.githubusercontent.com/%s/%s/%s" % (
        os.path.relpath(os.path.join(REFERENCE_DIR, name + ".py"), ROOT), repo, commit, path)


def reference_provenance(name):
    repo, commit, path, sha = REFERENCES[name]
    return {"repository": repo, "commit": commit, "path": path, "sha256": sha}


# ---------------------------------------------------------------- the twin and the data

def load_twin(model_path=None):
    """The PyTorch twin of the bundled CNN, weights decoded from the model zip, in eval mode, no gradients."""
    model = FashionCnn()
    load_dl4j_weights(model, model_path or os.path.join(ROOT, "resources/models/fashion-cnn.zip"))
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model


def load_images(limit=None):
    """The bundled Fashion-MNIST test images as [n, 1, 28, 28] float32 in [0, 1] and their int64 labels."""
    data = os.path.join(ROOT, "resources/data")
    images = read_idx(os.path.join(data, "fashion-mnist-test-1000-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(data, "fashion-mnist-test-1000-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.astype(np.float32) / 255).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    return (x, y) if limit is None else (x[:limit], y[:limit])


# ---------------------------------------------------------------- loading the references on the CPU

def _clopper_pearson(count, nobs, alpha=0.05, method="beta"):
    """statsmodels.stats.proportion.proportion_confint(count, nobs, alpha, method="beta"): the Clopper-Pearson
    interval, beta.ppf(alpha/2, count, nobs - count + 1) and beta.isf(alpha/2, count + 1, nobs - count), with
    0 and 1 at the ends."""
    from scipy.stats import beta
    if method != "beta":
        raise ValueError("only method='beta' is provided without statsmodels, got " + method)
    lower = 0.0 if count == 0 else float(beta.ppf(alpha / 2, count, nobs - count + 1))
    upper = 1.0 if count == nobs else float(beta.isf(alpha / 2, count + 1, nobs - count))
    return lower, upper


def clopper_pearson_source():
    proportion = sys.modules.get("statsmodels.stats.proportion")
    if proportion is None or proportion.proportion_confint is not _clopper_pearson:
        import statsmodels
        return "statsmodels %s proportion_confint(method='beta')" % statsmodels.__version__
    else:
        import scipy
        return "scipy %s beta.ppf (statsmodels not installed; the same Clopper-Pearson bound)" % scipy.__version__


def _install_statsmodels_stand_in():
    try:
        import statsmodels.stats.proportion  # noqa: F401
    except ImportError:
        proportion = types.ModuleType("statsmodels.stats.proportion")
        proportion.proportion_confint = _clopper_pearson
        stats = types.ModuleType("statsmodels.stats")
        stats.proportion = proportion
        root = types.ModuleType("statsmodels")
        root.stats = stats
        sys.modules.update({"statsmodels": root, "statsmodels.stats": stats,
                            "statsmodels.stats.proportion": proportion})


class _TorchOnCpu:
    """torch, except that randn_like ignores a device argument (the reference asks for 'cuda')."""

    def __getattr__(self, name):
        return getattr(torch, name)

    @staticmethod
    def randn_like(t, device=None, **kwargs):
        return torch.randn_like(t, **kwargs)


class cuda_is_cpu:
    """Within the block, Module.cuda() and Tensor.cuda() return the object itself."""

    def __enter__(self):
        self.saved = nn.Module.cuda, torch.Tensor.cuda
        nn.Module.cuda = lambda self, device=None: self
        torch.Tensor.cuda = lambda self, *args, **kwargs: self
        return self

    def __exit__(self, *exc):
        nn.Module.cuda, torch.Tensor.cuda = self.saved
        return False


def load_reference(name):
    """The reference module `name` from bench/reference/, checked against its pinned sha256."""
    path = os.path.join(REFERENCE_DIR, name + ".py")
    if not os.path.exists(path):
        sys.exit("missing %s: fetch the reference first (bench/reference/README.md):\n  %s"
                 % (os.path.relpath(path, ROOT), fetch_command(name)))
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != REFERENCES[name][3]:
        sys.exit("%s has sha256 %s, expected %s (the pinned commit's file)" % (path, digest, REFERENCES[name][3]))
    if name == "core":
        _install_statsmodels_stand_in()
    spec = importlib.util.spec_from_file_location("reference_" + name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if name == "core":
        module.torch = _TorchOnCpu()
    return module


# ---------------------------------------------------------------- the engine's side

def run_advlens(args):
    """Runs `./advlens ARGS` in the repository root; progress goes to our standard error, the JSON is returned."""
    command = [os.path.join(ROOT, "advlens")] + [str(a) for a in args]
    print("$ ./advlens " + " ".join(str(a) for a in args), file=sys.stderr)
    out = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, check=True).stdout.decode()
    return json.loads(out[out.index("{"):])
