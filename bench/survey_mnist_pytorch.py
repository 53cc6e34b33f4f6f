#!/usr/bin/python3
"""Lesson "PyTorch 정리" §4 as its PyTorch code runs it: Config (batch 64, lr 0.001, 5 epochs),
ImageClassifier 784-500-10, Normalize((0.5,), (0.5,)), Adam, CrossEntropyLoss; test accuracy after
each epoch, for several seeds. The figure next to notebook 11's in the README.

    /usr/bin/python3 bench/survey_mnist_pytorch.py [--seeds 1,2,3] [--threads 2]

Data: MNIST from build/test-data/mnist (tests/fetch-test-data.sh), the IDX files the Java side
reads. Needs python3-torch.
"""
import argparse
import os

import torch
from torch import nn
from torch.utils.data import DataLoader

from lesson3_pytorch import ROOT, Images


class ImageClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 500)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = x.reshape(-1, 784)
        return self.fc2(self.relu(self.fc1(x)))


def run(seed, epochs, folder):
    torch.manual_seed(seed)
    train = DataLoader(Images(folder, True, 0.5, 0.5), batch_size=64, shuffle=True)
    test = DataLoader(Images(folder, False, 0.5, 0.5), batch_size=1000)
    model = ImageClassifier()
    assert sum(p.numel() for p in model.parameters()) == 397510
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    accuracies = []
    for _ in range(epochs):
        model.train()
        for x, y in train:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        model.eval()
        correct = 0
        with torch.no_grad():
            for x, y in test:
                correct += (model(x).argmax(1) == y).sum().item()
        accuracies.append(correct / len(test.dataset))
    return accuracies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    folder = os.path.join(ROOT, "build", "test-data", "mnist")
    for seed in args.seeds.split(","):
        accuracies = run(int(seed), args.epochs, folder)
        print("seed %s: test accuracy per epoch %s" % (seed, " ".join("%.4f" % a for a in accuracies)), flush=True)


if __name__ == "__main__":
    main()
