#!/usr/bin/python3
"""Writes the Keras 2 HDF5 fixtures of KerasImportTest without TensorFlow (needs python3-h5py and numpy).

keras-tiny-cnn.h5: Sequential Conv2D(2, 3x3, relu, input 6x6x1, channels_last) -> Flatten -> Dense(3, softmax),
saved the way Keras 2.2.4 saves model.save("file.h5") (model_config + model_weights, no training config).
keras-tiny-cnn.expected.json: an input image (6x6, row-major) and the logits numpy computes for it.
weights-only.h5: an HDF5 file with weights but no model_config (what model.save_weights writes).
Run from this folder: /usr/bin/python3 make_keras_fixtures.py
"""
import json

import h5py
import numpy as np

rng = np.random.default_rng(7)
conv_k = rng.normal(0, 0.5, (3, 3, 1, 2)).astype(np.float32)  # HWIO
conv_b = rng.normal(0, 0.1, (2,)).astype(np.float32)
dense_k = rng.normal(0, 0.5, (4 * 4 * 2, 3)).astype(np.float32)
dense_b = rng.normal(0, 0.1, (3,)).astype(np.float32)

glorot = {"class_name": "VarianceScaling",
          "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform", "seed": None}}
zeros = {"class_name": "Zeros", "config": {}}
common = {"kernel_initializer": glorot, "bias_initializer": zeros, "kernel_regularizer": None,
          "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
          "bias_constraint": None, "use_bias": True, "trainable": True}
model_config = {"class_name": "Sequential", "config": {"name": "tiny", "layers": [
    {"class_name": "Conv2D", "config": dict(common, name="conv2d_1", batch_input_shape=[None, 6, 6, 1],
                                            dtype="float32", filters=2, kernel_size=[3, 3], strides=[1, 1],
                                            padding="valid", data_format="channels_last", dilation_rate=[1, 1],
                                            activation="relu")},
    {"class_name": "Flatten", "config": {"name": "flatten_1", "trainable": True, "data_format": "channels_last"}},
    {"class_name": "Dense", "config": dict(common, name="dense_1", units=3, activation="softmax")},
]}}


def forward(img):
    """Logits (before the softmax) for one 6x6 image, in Keras' NHWC conventions."""
    x = img.reshape(6, 6, 1)
    conv = np.zeros((4, 4, 2), np.float64)
    for i in range(4):
        for j in range(4):
            patch = x[i:i + 3, j:j + 3, :]
            for f in range(2):
                conv[i, j, f] = np.sum(patch * conv_k[:, :, :, f]) + conv_b[f]
    conv = np.maximum(conv, 0)
    return conv.reshape(-1) @ dense_k + dense_b


with h5py.File("keras-tiny-cnn.h5", "w") as f:
    f.attrs["keras_version"] = np.bytes_("2.2.4")
    f.attrs["backend"] = np.bytes_("tensorflow")
    f.attrs["model_config"] = np.bytes_(json.dumps(model_config))
    w = f.create_group("model_weights")
    w.attrs["layer_names"] = np.array([b"conv2d_1", b"flatten_1", b"dense_1"])
    w.attrs["backend"] = np.bytes_("tensorflow")
    w.attrs["keras_version"] = np.bytes_("2.2.4")
    for name, arrays in (("conv2d_1", {"kernel:0": conv_k, "bias:0": conv_b}), ("flatten_1", {}),
                         ("dense_1", {"kernel:0": dense_k, "bias:0": dense_b})):
        g = w.create_group(name)
        g.attrs["weight_names"] = np.array([(name + "/" + k).encode() for k in arrays], dtype="S")
        for k, v in arrays.items():
            g.create_dataset(name + "/" + k, data=v)

image = ((np.arange(36) * 0.37) % 1.0).astype(np.float32)
with open("keras-tiny-cnn.expected.json", "w") as out:
    json.dump({"image": image.tolist(), "logits": forward(image).tolist()}, out, indent=1)

with h5py.File("weights-only.h5", "w") as f:
    g = f.create_group("dense_1")
    g.create_dataset("dense_1/kernel:0", data=dense_k)
