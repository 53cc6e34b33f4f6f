#!/usr/bin/python3
"""The PyTorch side of `bench/vs-pytorch.sh --project`: lesson 39's CIFAR10CNN and a ResNet-18 built
from its ResBlock, trained with the lesson's loop (section 4: SGD lr 0.1, momentum 0.9, weight decay
5e-4; CrossEntropyLoss; loss.item() and argmax accuracy every batch) on fixed in-memory batches of 128.

    /usr/bin/python3 bench/project_pytorch.py CNN_BATCHES RESNET_BATCHES THREADS

After 2 warm-up batches it times CNN_BATCHES (RESNET_BATCHES) batches and prints seconds per
50,000-image epoch, extrapolated, as `RESULT side=pytorch case=... value=... unit=s/epoch` lines,
the same cases as bench/ProjectBench.java. Needs python3-torch (Debian 1.13).
"""
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

BATCH = 128
WARMUP = 2
EPOCH_IMAGES = 50_000
SEED = 42


class CIFAR10CNN(nn.Module):  # lesson 39, section 3, as written
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            # Block 1: 32 → 16
            nn.Conv2d(3, 64, 3, padding=1),
            nn.BatchNorm2d(64),
            nn.ReLU(),
            nn.Conv2d(64, 64, 3, padding=1),
            nn.BatchNorm2d(64),
            nn.ReLU(),
            nn.MaxPool2d(2, 2),
            nn.Dropout2d(0.25),

            # Block 2: 16 → 8
            nn.Conv2d(64, 128, 3, padding=1),
            nn.BatchNorm2d(128),
            nn.ReLU(),
            nn.Conv2d(128, 128, 3, padding=1),
            nn.BatchNorm2d(128),
            nn.ReLU(),
            nn.MaxPool2d(2, 2),
            nn.Dropout2d(0.25),

            # Block 3: 8 → 4
            nn.Conv2d(128, 256, 3, padding=1),
            nn.BatchNorm2d(256),
            nn.ReLU(),
            nn.Conv2d(256, 256, 3, padding=1),
            nn.BatchNorm2d(256),
            nn.ReLU(),
            nn.MaxPool2d(2, 2),
            nn.Dropout2d(0.25),
        )

        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(256 * 4 * 4, 512),
            nn.ReLU(),
            nn.Dropout(0.5),
            nn.Linear(512, num_classes)
        )

    def forward(self, x):
        x = self.features(x)
        x = self.classifier(x)
        return x


class ResBlock(nn.Module):  # lesson 39, section 3, as written
    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, out_ch, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_ch)
        self.conv2 = nn.Conv2d(out_ch, out_ch, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_ch)

        self.shortcut = nn.Sequential()
        if stride != 1 or in_ch != out_ch:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_ch, out_ch, 1, stride, bias=False),
                nn.BatchNorm2d(out_ch)
            )

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        return F.relu(out)


class ResNet18(nn.Module):
    """torchvision's resnet18 as section 7 adapts it to CIFAR (3×3 conv1, no max pooling, fc 10),
    built from the ResBlock above, as ProjectModels.resNet18 and notebook 15 build it."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.layer1 = nn.Sequential(ResBlock(64, 64), ResBlock(64, 64))
        self.layer2 = nn.Sequential(ResBlock(64, 128, 2), ResBlock(128, 128))
        self.layer3 = nn.Sequential(ResBlock(128, 256, 2), ResBlock(256, 256))
        self.layer4 = nn.Sequential(ResBlock(256, 512, 2), ResBlock(512, 512))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, num_classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def seconds_per_epoch(model, batches):
    """The lesson's training loop (section 4) over WARMUP + batches batches; seconds per epoch."""
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    data = [(torch.randn(BATCH, 3, 32, 32), torch.randint(0, 10, (BATCH,))) for _ in range(4)]
    model.train()
    train_loss, correct, total = 0, 0, 0
    start = None
    for i in range(WARMUP + batches):
        if i == WARMUP:
            start = time.perf_counter()
        data_, target = data[i % len(data)]
        optimizer.zero_grad()
        output = model(data_)
        loss = criterion(output, target)
        loss.backward()
        optimizer.step()

        train_loss += loss.item()
        pred = output.argmax(dim=1)
        correct += (pred == target).sum().item()
        total += target.size(0)
    per_batch = (time.perf_counter() - start) / batches
    return per_batch * EPOCH_IMAGES / BATCH


def result(name, value, unit):
    print("RESULT side=pytorch case=%s value=%.4f unit=%s" % (name, value, unit), flush=True)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    cnn_batches, resnet_batches, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(SEED)
    result("threads", torch.get_num_threads(), "threads")
    result("project_epoch_cifar10cnn", seconds_per_epoch(CIFAR10CNN(), cnn_batches), "s/epoch")
    result("project_epoch_resnet18", seconds_per_epoch(ResNet18(), resnet_batches), "s/epoch")


if __name__ == "__main__":
    main()
