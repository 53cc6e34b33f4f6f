#!/usr/bin/env python3
"""PyTorch's side of the course's ResNet-18 proof (TorchvisionResNetTest).

Builds torchvision's resnet18 with a fixed seed, gives every BatchNorm random statistics and
affine values (so that a loader mixing them up cannot pass), and writes into OUT_DIR:

  resnet18.safetensors  its state_dict in the safetensors format, written by hand (Debian's
                        torch 1.13 has no safetensors package): 8-byte little-endian header
                        length, JSON header (names sorted), raw little-endian tensors
  input.f32             a fixed input batch (2, 3, 64, 64), raw float32
  logits.f32            PyTorch's eval-mode logits for it (2, 1000)
  cifar.safetensors     the lesson's CIFAR version of the same net (conv1 3x3 stride 1,
                        maxpool = Identity, fc = Linear(512, 10))
  cifar_input.f32       a batch (2, 3, 32, 32)
  cifar_logits.f32      its eval-mode logits (2, 10)

Usage: python3 tests/torch_resnet18.py OUT_DIR
"""
import json
import struct
import sys
from pathlib import Path

import torch
import torchvision

DTYPES = {torch.float32: "F32", torch.int64: "I64"}


def write_safetensors(state_dict, path):
    header, blobs, offset = {}, [], 0
    for name in sorted(state_dict):
        t = state_dict[name].detach().contiguous().cpu()
        data = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # the format pads the header to a multiple of 8 with spaces
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def randomize_batchnorm(model):
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.normal_(0.0, 0.1)
                m.running_mean.normal_(0.0, 0.1)
                m.running_var.uniform_(0.5, 1.5)
                m.num_batches_tracked.fill_(7)


def save_raw(tensor, path):
    Path(path).write_bytes(tensor.detach().contiguous().numpy().astype("<f4").tobytes())


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(2)
    torch.manual_seed(0)
    model = torchvision.models.resnet18()  # num_classes=1000, random weights
    randomize_batchnorm(model)
    model.eval()
    x = torch.randn(2, 3, 64, 64)
    with torch.no_grad():
        logits = model(x)
    write_safetensors(model.state_dict(), out / "resnet18.safetensors")
    save_raw(x, out / "input.f32")
    save_raw(logits, out / "logits.f32")

    # The lesson's changes (§7): 3x3 stride-1 conv1, no max-pool, fc -> 10 classes.
    model.fc = torch.nn.Linear(model.fc.in_features, 10)
    model.conv1 = torch.nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
    model.maxpool = torch.nn.Identity()
    model.eval()
    xc = torch.randn(2, 3, 32, 32)
    with torch.no_grad():
        cifar_logits = model(xc)
    write_safetensors(model.state_dict(), out / "cifar.safetensors")
    save_raw(xc, out / "cifar_input.f32")
    save_raw(cifar_logits, out / "cifar_logits.f32")
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(json.dumps({"torch": torch.__version__, "torchvision": torchvision.__version__,
                      "cifar_trainable": trainable}))


if __name__ == "__main__":
    main()
