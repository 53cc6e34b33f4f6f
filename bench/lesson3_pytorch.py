#!/usr/bin/python3
"""Lesson 3편 (FashionMNIST) and the MNIST tutorial as their PyTorch code runs them, for the
seconds-per-epoch and accuracy figures in the README next to the Java notebooks' (07, 08).

    /usr/bin/python3 bench/lesson3_pytorch.py [--epochs 15] [--threads 2] [--only cnn,fc1,fcm,mnist]

Data: Fashion-MNIST from Debian's dataset-fashion-mnist, MNIST from build/test-data/mnist
(tests/fetch-test-data.sh). The models, optimizer, batch sizes and loops are the lessons'; the
datasets are read from the same IDX files the Java side reads (torchvision's FashionMNIST class
would download them; the MNIST tutorial used HuggingFace datasets). Needs python3-torch.
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, stem):
    for name in (stem, stem + ".gz"):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise SystemExit("missing %s in %s" % (stem, folder))


class Images(Dataset):
    """Per-sample access as torchvision's datasets give it (ToTensor, optional Normalize)."""

    def __init__(self, folder, train, mean=None, std=None):
        kind = "train" if train else "t10k"
        self.x = idx(find(folder, kind + "-images-idx3-ubyte"))
        self.y = idx(find(folder, kind + "-labels-idx1-ubyte")).astype(np.int64)
        self.mean, self.std = mean, std

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        x = torch.from_numpy(self.x[i].astype(np.float32) / 255.0).unsqueeze(0)
        if self.mean is not None:
            x = (x - self.mean) / self.std
        return x, int(self.y[i])


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1 = nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2))
        self.block2 = nn.Sequential(nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2))
        self.block3 = nn.Sequential(nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU())
        self.classifier = nn.Sequential(nn.Dropout(0.3), nn.Linear(3136, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10))

    def forward(self, x):
        x = self.block3(self.block2(self.block1(x)))
        return self.classifier(x.view(x.size(0), -1))


def run(name, model, train_loader, test_loader, epochs, flatten):
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    criterion = nn.CrossEntropyLoss()
    times = []
    for epoch in range(epochs):
        model.train()
        start = time.time()
        avg_cost = 0
        for X, Y in train_loader:
            if flatten:
                X = X.view(-1, 784)
            optimizer.zero_grad()
            cost = criterion(model(X), Y)
            cost.backward()
            optimizer.step()
            avg_cost += cost.item() / len(train_loader)
        times.append(time.time() - start)
        print("%s epoch %02d/%d | cost = %.6f | time = %.2fs" % (name, epoch + 1, epochs, avg_cost, times[-1]), flush=True)
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for X, Y in test_loader:
            if flatten:
                X = X.view(-1, 784)
            correct += (model(X).argmax(1) == Y).sum().item()
            total += Y.size(0)
    print("RESULT %s epochs=%d mean_seconds_per_epoch=%.2f median_seconds_per_epoch=%.2f test_accuracy=%.2f"
          % (name, epochs, sum(times) / len(times), float(np.median(times)), 100.0 * correct / total), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--mnist-epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--only", default="cnn,fc1,fcm,mnist")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    only = args.only.split(",")
    fashion = "/usr/share/datasets/fashion-mnist"
    if any(m in only for m in ("cnn", "fc1", "fcm")):
        train = DataLoader(Images(fashion, True), batch_size=64, shuffle=True)
        test = DataLoader(Images(fashion, False), batch_size=64)
        if "cnn" in only:
            run("CNN (3-Block)", ConvNet(), train, test, args.epochs, False)
        if "fc1" in only:
            run("FC 1-Layer", nn.Linear(784, 10), train, test, args.epochs, True)
        if "fcm" in only:
            fcm = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
            run("FC Multi-Layer", fcm, train, test, args.epochs, True)
    if "mnist" in only:
        folder = os.path.join(ROOT, "build", "test-data", "mnist")
        sample = torch.stack([Images(folder, True)[i][0] for i in range(1000)])
        mean, std = sample.mean().item(), sample.std().item()
        train = DataLoader(Images(folder, True, mean, std), batch_size=128, shuffle=True)
        test = DataLoader(Images(folder, False, mean, std), batch_size=1000)
        mlp = nn.Sequential(nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10))
        run("MNIST MLP", mlp, train, test, args.mnist_epochs, True)


if __name__ == "__main__":
    main()
