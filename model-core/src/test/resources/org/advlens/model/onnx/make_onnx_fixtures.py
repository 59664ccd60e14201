#!/usr/bin/python3
"""Writes the ONNX fixtures of the org.advlens.model.onnx tests (Debian: python3-torch 1.13, python3-onnx 1.12).

Run from this folder with Debian's interpreter (not a pyenv one): /usr/bin/python3 make_onnx_fixtures.py [NAME...]
(no names: all fixtures). Each model is built under its own seed, so one can be rewritten without changing others.

Every model has random weights from a fixed seed, a dynamic batch axis and opset 13. For each NAME.onnx,
NAME.expected.json holds what the Java tests compare against, computed by PyTorch (or numpy for the models written
with the onnx helper API):
  input_shape, input          a batch of two images (NCHW, or NHWC for the TensorFlow-style model), row-major
  logits                      the logits (before any final softmax), [2, classes]
  labels, loss_gradient       d/dinput of the summed softmax cross-entropy for those labels
  weights, logit_gradient     d/dinput of sum(weights * logits)

Models:
  plain_cnn       Conv-ReLU-MaxPool-Flatten-Gemm, 1x12x12 -> 5
  view_flatten    x.view(x.size(0), -1) (Shape/Gather/Unsqueeze/Concat/Reshape) and torch.flatten, Concat, 3x10x10 -> 4
  padded          ZeroPad2d (asymmetric Pad), strided padded conv, dilated grouped conv, reflect Pad, depthwise conv,
                  MaxPool with ceil_mode, non-square 1x9x11 -> 3
  bn_pool         BatchNorm (2-D and 1-D), AvgPool with padding (count_include_pad=False) and with ceil_mode,
                  AdaptiveAvgPool, 3x12x12 -> 6
  resnet_block    two residual blocks (Add), one with a strided 1x1 projection, GlobalAveragePool, 3x16x16 -> 10
  softmax_head    ends in Softmax (the loader strips it), 1x8x8 -> 4
  mixed_ops       Sub/Div normalisation, LeakyReLU, ConvTranspose, Sigmoid, Tanh, Clip, Concat, MatMul+Add, 1x8x8 -> 3
  nhwc_tf_style   NHWC input with Transpose, Reshape to a constant shape and MatMul+Add, as tf2onnx writes, 10x10x3 -> 5
  fashion_cnn     Fashion-MNIST shaped (1x28x28 -> 10), description in metadata_props "advlens"; trained for one
                  epoch when /usr/share/datasets/fashion-mnist (Debian dataset-fashion-mnist) is present
  gemm_metadata   onnx helper: Flatten, Dropout, Identity, Gemm(alpha, beta, transB) with float_data weights,
                  metadata_props "class_names" and "input_bounds" (numpy reference)
  unsupported_lstm, custom_op   onnx helper: an LSTM node and a node of a custom domain, for the error message
"""
import gzip
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
HERE = os.path.dirname(os.path.abspath(__file__))
FASHION = "/usr/share/datasets/fashion-mnist"
FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                   "Ankle boot"]


class PlainCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.pool = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(4 * 5 * 5, 5)

    def forward(self, x):
        return self.fc(self.flatten(self.pool(F.relu(self.conv(x)))))


class ViewFlatten(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3, padding=1)
        self.fc1 = nn.Linear(6 * 5 * 5, 8)
        self.fc2 = nn.Linear(8 + 6, 4)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.conv(x)), 2)
        a = F.relu(self.fc1(h.view(h.size(0), -1)))
        b = torch.flatten(F.adaptive_avg_pool2d(h, 1), 1)
        return self.fc2(torch.cat([a, b], dim=1))


class Padded(nn.Module):
    def __init__(self):
        super().__init__()
        self.pad = nn.ZeroPad2d((1, 2, 0, 1))  # left, right, top, bottom
        self.conv1 = nn.Conv2d(1, 4, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(4, 4, 3, padding=(1, 2), dilation=2, groups=2)
        self.conv3 = nn.Conv2d(4, 8, 3, groups=4)   # depthwise, channel multiplier 2
        self.pool = nn.MaxPool2d(2, ceil_mode=True)
        self.fc = nn.Linear(8 * 2 * 4, 3)

    def forward(self, x):
        h = F.relu(self.conv1(self.pad(x)))   # 1x10x14 -> 4x5x7
        h = F.relu(self.conv2(h))             # 4x3x7
        h = F.pad(h, (1, 1, 1, 1), mode="reflect")  # 4x5x9
        h = self.pool(F.relu(self.conv3(h)))  # 8x3x7 -> 8x2x4 (ceil_mode)
        return self.fc(torch.flatten(h, 1))


class BnPool(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.pool = nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False)
        self.conv2 = nn.Conv2d(8, 8, 3)
        self.pool2 = nn.AvgPool2d(3, stride=2, ceil_mode=True)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 6)
        self.bn2 = nn.BatchNorm1d(6)

    def forward(self, x):
        h = self.bn1(F.relu(self.conv1(x)))   # BatchNorm after ReLU: the exporter cannot fold it into the conv
        h = F.relu(self.conv2(self.pool(h)))  # 8x6x6 -> 8x4x4
        h = self.pool2(h)                     # 8x2x2 (ceil_mode: the last window hangs over the edge)
        return self.bn2(self.fc(torch.flatten(self.gap(h), 1)))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(h)) + self.shortcut(x))


class ResnetBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU())
        self.block1 = BasicBlock(8, 8, 1)
        self.block2 = BasicBlock(8, 16, 2)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        h = self.block2(self.block1(self.stem(x)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(h, 1), 1))


class SoftmaxHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 3, 3)
        self.fc = nn.Linear(3 * 6 * 6, 4)

    def logits(self, x):
        return self.fc(torch.flatten(F.relu(self.conv(x)), 1))

    def forward(self, x):
        return F.softmax(self.logits(x), dim=1)


class MixedOps(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.up = nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1)
        self.w = nn.Parameter(torch.randn(6 * 8 * 8, 3) * 0.05)
        self.b = nn.Parameter(torch.randn(3) * 0.1)

    def forward(self, x):
        x = (x - 0.5) / 0.25
        h = F.leaky_relu(self.conv(x), 0.1)                      # 4x8x8
        u = torch.sigmoid(self.up(h))                             # 2x16x16
        u = F.max_pool2d(u, 2)                                    # 2x8x8
        c = torch.cat([torch.tanh(h), u], dim=1) * 2.0            # 6x8x8
        c = F.hardtanh(c, -0.5, 0.5) + F.relu6(c * 4.0)
        return torch.flatten(c, 1) @ self.w + self.b


class NhwcTfStyle(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.w = nn.Parameter(torch.randn(8 * 8 * 4, 5) * 0.05)
        self.b = nn.Parameter(torch.randn(5) * 0.1)

    def forward(self, x):                      # x: [n, 10, 10, 3]
        h = F.relu(self.conv(x.permute(0, 3, 1, 2)))
        h = h.permute(0, 2, 3, 1).reshape(-1, 8 * 8 * 4)
        return torch.matmul(h, self.w) + self.b


class FashionCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.fc1 = nn.Linear(16 * 7 * 7, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.conv1(x)), 2)
        h = F.max_pool2d(F.relu(self.conv2(h)), 2)
        return self.fc2(F.relu(self.fc1(h.view(h.size(0), -1))))


def randomise_batchnorm(model, gen):
    """Non-trivial running statistics and affine parameters, so BatchNorm is not the identity."""
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            n = m.num_features
            m.running_mean.copy_(torch.randn(n, generator=gen) * 0.3)
            m.running_var.copy_(torch.rand(n, generator=gen) * 1.5 + 0.5)
            m.weight.data.copy_(torch.rand(n, generator=gen) + 0.5)
            m.bias.data.copy_(torch.randn(n, generator=gen) * 0.2)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def train_fashion(model):
    """One epoch of Adam on the Fashion-MNIST training set; returns two test images in [0, 1]."""
    images = read_idx(os.path.join(FASHION, "train-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(FASHION, "train-labels-idx1-ubyte.gz"))
    x_all = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    y_all = torch.from_numpy(labels.astype(np.int64))
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    gen = torch.Generator().manual_seed(5)
    model.train()
    for idx in torch.randperm(len(x_all), generator=gen).split(128):
        opt.zero_grad()
        F.cross_entropy(model(x_all[idx]), y_all[idx]).backward()
        opt.step()
    model.eval()
    test = read_idx(os.path.join(FASHION, "t10k-images-idx3-ubyte.gz"))
    test_labels = read_idx(os.path.join(FASHION, "t10k-labels-idx1-ubyte.gz"))
    with torch.no_grad():
        x_test = torch.from_numpy(test.astype(np.float32) / 255.0).unsqueeze(1)
        accuracy = (model(x_test).argmax(1).numpy() == test_labels).mean()
    print(f"fashion_cnn: test accuracy {accuracy:.3f} after one epoch")
    return x_test[:2].clone(), float(accuracy)


def export(model, name, input_shape, logits_fn=None, metadata=None, image=None):
    """Exports model to NAME.onnx and writes NAME.expected.json from PyTorch's logits and input gradients."""
    model.eval()
    gen = torch.Generator().manual_seed(sum(map(ord, name)))
    x = image if image is not None else torch.rand((2,) + tuple(input_shape), generator=gen)
    path = os.path.join(HERE, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=OPSET, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    proto = onnx.load(path)
    onnx.checker.check_model(proto)
    for key, value in (metadata or {}).items():
        proto.metadata_props.add(key=key, value=value)
    onnx.save(proto, path)

    logits_fn = logits_fn or model
    xg = x.clone().requires_grad_(True)
    z = logits_fn(xg)
    k = z.shape[1]
    weights = torch.randn((2, k), generator=gen)
    labels = torch.tensor([1 % k, (k - 1)])
    (grad_w,) = torch.autograd.grad((weights * z).sum(), xg)
    xg2 = x.clone().requires_grad_(True)
    (grad_ce,) = torch.autograd.grad(F.cross_entropy(logits_fn(xg2), labels, reduction="sum"), xg2)
    expected = {
        "input_shape": list(x.shape),
        "input": flat(x),
        "logits": flat(z),
        "labels": labels.tolist(),
        "loss_gradient": flat(grad_ce),
        "weights": flat(weights),
        "logit_gradient": flat(grad_w),
    }
    write_json(name, expected)
    print(f"{name}: {os.path.getsize(path)} bytes, ops {sorted({n.op_type for n in proto.graph.node})}")


def flat(t):
    return [float(v) for v in t.detach().numpy().astype(np.float64).ravel()]


def write_json(name, expected):
    with open(os.path.join(HERE, name + ".expected.json"), "w") as f:
        json.dump(expected, f)
        f.write("\n")


def gemm_metadata():
    """Flatten -> Dropout -> Identity -> Gemm(alpha=0.5, beta=2, transB=1), weights as float_data, numpy reference."""
    rng = np.random.default_rng(11)
    b_mat = rng.normal(0, 0.3, (3, 16)).astype(np.float32)   # [classes, features], transB=1
    c_vec = rng.normal(0, 0.1, (3,)).astype(np.float32)
    nodes = [
        helper.make_node("Flatten", ["input"], ["flat"], name="flatten", axis=1),
        helper.make_node("Dropout", ["flat"], ["dropped"], name="dropout"),
        helper.make_node("Identity", ["dropped"], ["same"], name="identity"),
        helper.make_node("Gemm", ["same", "B", "C"], ["output"], name="gemm", alpha=0.5, beta=2.0, transB=1),
    ]
    graph = helper.make_graph(
        nodes, "gemm_metadata",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 1, 4, 4])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 3])],
        initializer=[helper.make_tensor("B", TensorProto.FLOAT, b_mat.shape, b_mat.ravel().tolist()),
                     helper.make_tensor("C", TensorProto.FLOAT, c_vec.shape, c_vec.tolist())])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="advlens-fixtures")
    model.metadata_props.add(key="class_names", value=json.dumps(["cat", "dog", "bird"]))
    model.metadata_props.add(key="input_bounds", value="[0, 255]")
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "gemm_metadata.onnx"))

    x = (rng.random((2, 1, 4, 4)) * 255).astype(np.float32)
    flat_x = x.reshape(2, 16).astype(np.float64)
    z = 0.5 * flat_x @ b_mat.T.astype(np.float64) + 2.0 * c_vec
    weights = rng.normal(0, 1, (2, 3))
    labels = np.array([1, 2])
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    ce = p - np.eye(3)[labels]
    write_json("gemm_metadata", {
        "input_shape": list(x.shape), "input": x.astype(np.float64).ravel().tolist(), "logits": z.ravel().tolist(),
        "labels": labels.tolist(), "loss_gradient": (0.5 * ce @ b_mat).ravel().tolist(),
        "weights": weights.ravel().tolist(), "logit_gradient": (0.5 * weights @ b_mat).ravel().tolist()})
    print("gemm_metadata: written")


def unsupported_models():
    rng = np.random.default_rng(3)
    w = rng.normal(0, 0.3, (1, 12, 4)).astype(np.float32)   # [directions, 4 * hidden, input]
    r = rng.normal(0, 0.3, (1, 12, 3)).astype(np.float32)
    lstm = helper.make_graph(
        [helper.make_node("Reshape", ["input", "seq_shape"], ["seq"], name="to_sequence"),
         helper.make_node("LSTM", ["seq", "W", "R"], ["", "h_last"], name="lstm_1", hidden_size=3),
         helper.make_node("Reshape", ["h_last", "out_shape"], ["output"], name="to_logits")],
        "unsupported_lstm",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 1, 4, 4])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 3])],
        initializer=[numpy_helper.from_array(w, "W"), numpy_helper.from_array(r, "R"),
                     numpy_helper.from_array(np.array([4, 1, 4], np.int64), "seq_shape"),
                     numpy_helper.from_array(np.array([1, 3], np.int64), "out_shape")])
    model = helper.make_model(lstm, opset_imports=[helper.make_opsetid("", OPSET)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "unsupported_lstm.onnx"))

    custom = helper.make_graph(
        [helper.make_node("Flatten", ["input"], ["flat"], name="flatten"),
         helper.make_node("FancyActivation", ["flat"], ["fancy"], name="fancy_1", domain="com.example.custom"),
         helper.make_node("Gemm", ["fancy", "B"], ["output"], name="gemm", transB=1)],
        "custom_op",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 1, 4, 4])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 2])],
        initializer=[numpy_helper.from_array(rng.normal(0, 0.3, (2, 16)).astype(np.float32), "B")])
    model = helper.make_model(custom, opset_imports=[helper.make_opsetid("", OPSET),
                                                     helper.make_opsetid("com.example.custom", 1)])
    onnx.save(model, os.path.join(HERE, "custom_op.onnx"))
    print("unsupported_lstm, custom_op: written")


def seeded(name, build):
    """Builds a model under a seed of its own, so that regenerating one fixture leaves the others unchanged."""
    torch.manual_seed(sum(map(ord, name)) * 7919)
    return build()


def main(selected):
    torch.set_num_threads(2)

    def wanted(name):
        return not selected or name in selected

    gen = torch.Generator().manual_seed(99)
    simple = [("plain_cnn", PlainCnn, (1, 12, 12)), ("view_flatten", ViewFlatten, (3, 10, 10)),
              ("padded", Padded, (1, 9, 11)), ("mixed_ops", MixedOps, (1, 8, 8)),
              ("nhwc_tf_style", NhwcTfStyle, (10, 10, 3))]
    for name, cls, shape in simple:
        if wanted(name):
            export(seeded(name, cls), name, shape)
    for name, cls, shape in [("bn_pool", BnPool, (3, 12, 12)), ("resnet_block", ResnetBlock, (3, 16, 16))]:
        if wanted(name):
            model = seeded(name, cls)
            randomise_batchnorm(model, gen)
            export(model, name, shape)
    if wanted("softmax_head"):
        head = seeded("softmax_head", SoftmaxHead)
        export(head, "softmax_head", (1, 8, 8), logits_fn=head.logits)

    if wanted("fashion_cnn"):
        fashion = seeded("fashion_cnn", FashionCnn)
        image, accuracy = None, None
        if os.path.isdir(FASHION):
            image, accuracy = train_fashion(fashion)
        description = {"name": "Fashion-MNIST CNN (ONNX fixture)",
                       "input": {"channels": 1, "height": 28, "width": 28, "layout": "NCHW", "bounds": [0, 1]},
                       "classes": FASHION_CLASSES}
        metadata = {"advlens": json.dumps(description)}
        if accuracy is not None:
            metadata["test_accuracy"] = f"{accuracy:.4f}"
        export(fashion, "fashion_cnn", (1, 28, 28), metadata=metadata, image=image)

    if wanted("gemm_metadata"):
        gemm_metadata()
    if wanted("unsupported_lstm") or wanted("custom_op"):
        unsupported_models()


if __name__ == "__main__":
    main(set(sys.argv[1:]))
