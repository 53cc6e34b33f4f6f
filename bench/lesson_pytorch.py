#!/usr/bin/python3
"""The PyTorch side of bench/vs-pytorch.sh: lesson 000's code for CNN_V1 and CNN_V2 as written.

    /usr/bin/python3 bench/lesson_pytorch.py ARCHIVE STEPS THREADS [--profile]

Prints one `RESULT side=pytorch case=... value=... unit=...` line per case, the same cases as
bench/LessonBench.java. The models, transforms, DataLoader(num_workers=0), optimizers and the
train/eval loops are the lesson's; the dataset reads the CIFAR-10 binary archive that the Java side
reads and hands out PIL images exactly as torchvision's datasets.CIFAR10 does (torchvision reads the
Python-pickle version of the archive, which the generated set is not). Needs python3-torch and
python3-torchvision (Debian 1.13 / 0.14).
"""
import resource
import sys
import tarfile
import time

import numpy as np
import torch
from PIL import Image
from torch import nn, optim
from torch.utils.data import DataLoader, Dataset, random_split
from torchvision import transforms

BATCH = 128
SEED = 42
MEAN, STD = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)


class CifarArchive(Dataset):
    """CIFAR-10 binary records (label byte + 3072 bytes, R, G, B planes) from the .tar.gz."""

    def __init__(self, archive, train, transform):
        names = ["data_batch_%d.bin" % i for i in range(1, 6)] if train else ["test_batch.bin"]
        chunks = {}
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar.getmembers():
                base = member.name.rsplit("/", 1)[-1]
                if base in names:
                    chunks[base] = tar.extractfile(member).read()
        records = np.frombuffer(b"".join(chunks[n] for n in names), dtype=np.uint8).reshape(-1, 3073)
        self.targets = records[:, 0].astype(np.int64).tolist()
        self.data = records[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).copy()  # HWC, as torchvision
        self.transform = transform

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, index):  # torchvision.datasets.CIFAR10.__getitem__
        img, target = Image.fromarray(self.data[index]), self.targets[index]
        if self.transform is not None:
            img = self.transform(img)
        return img, target


class CNN_V1(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(),
        )
        self.classifier = nn.Sequential(
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Dropout(0.3), nn.Linear(128, num_classes))

    def forward(self, x):
        return self.classifier(self.features(x))


class CNN_V2(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.Conv2d(32, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.MaxPool2d(2), nn.Dropout(0.2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.MaxPool2d(2), nn.Dropout(0.3),
            nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(),
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Dropout(0.4), nn.Linear(128, num_classes))

    def forward(self, x):
        return self.net(x)


def train_epoch(model, loader, loss_fn, optim_):  # the lesson's, on CPU
    model.train(); tl = 0; tc = 0; n = 0
    for x, y in loader:
        optim_.zero_grad()
        out = model(x); loss = loss_fn(out, y)
        loss.backward(); optim_.step()
        tl += loss.item() * x.size(0)
        tc += (out.argmax(1) == y).sum().item(); n += x.size(0)
    return tl / n, tc / n, n


@torch.no_grad()
def eval_epoch(model, loader, loss_fn):  # the lesson's, on CPU
    model.eval(); tl = 0; tc = 0; n = 0
    for x, y in loader:
        out = model(x); loss = loss_fn(out, y)
        tl += loss.item() * x.size(0)
        tc += (out.argmax(1) == y).sum().item(); n += x.size(0)
    return tl / n, tc / n, n


def step_rate(model, optimizer, steps):
    """Images per second of zero_grad, forward, loss, backward, step on one in-memory batch."""
    criterion = nn.CrossEntropyLoss()
    x = torch.randn(BATCH, 3, 32, 32)
    y = torch.randint(0, 10, (BATCH,))
    model.train()

    def run(n):
        for _ in range(n):
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()

    run(3)  # warm-up, as on the Java side
    start = time.perf_counter()
    run(steps)
    return steps * BATCH / (time.perf_counter() - start)


def conv_only_rate(steps):
    """Images per second if a CNN_V2 step did nothing but the lesson's five convolutions (forward,
    weight and bias gradients, input gradient but for the first), as on the Java side."""
    convs = [m for m in CNN_V2().net if isinstance(m, nn.Conv2d)]
    sizes = [32, 32, 16, 16, 8]
    seconds_per_batch = 0.0
    for i, (conv, size) in enumerate(zip(convs, sizes)):
        x = torch.randn(BATCH, conv.in_channels, size, size)
        dy = torch.randn(BATCH, conv.out_channels, size, size)  # the gradient from the layer above
        for s in range(-3, steps):  # three warm-up passes
            if s == 0:
                start = time.perf_counter()
            conv(x.detach().requires_grad_(i > 0)).backward(dy)
        seconds_per_batch += (time.perf_counter() - start) / steps
    return BATCH / seconds_per_batch


def matmul_peak():
    """The best GFLOP/s of square float32 matrix products (1024 and 2048), as on the Java side."""
    best = 0.0
    for n in (1024, 2048):
        a, b = torch.rand(n, n), torch.rand(n, n)
        for _ in range(3):
            start, products = time.perf_counter(), 0
            while True:  # at least 0.3 s per round
                torch.mm(a, b)
                products += 1
                if time.perf_counter() - start >= 0.3:
                    break
            best = max(best, products * 2.0 * n ** 3 / (time.perf_counter() - start) / 1e9)
    return best


class Timed:
    """Wraps one transform and adds up the seconds spent in it (profile mode)."""

    def __init__(self, transform):
        self.transform, self.seconds = transform, 0.0

    def __call__(self, img):
        start = time.perf_counter()
        out = self.transform(img)
        self.seconds += time.perf_counter() - start
        return out


def profile_epoch(model, optimizer, train_set, criterion):
    timed = [Timed(t) for t in aug_tf().transforms]
    train_set.dataset.transform = transforms.Compose(timed)
    loader = DataLoader(train_set, batch_size=BATCH, shuffle=True, num_workers=0)
    model.train()
    data = compute = 0.0
    batches = iter(loader)
    while True:
        start = time.perf_counter()
        try:
            x, y = next(batches)
        except StopIteration:
            break
        loaded = time.perf_counter()
        optimizer.zero_grad()
        out = model(x); loss = criterion(out, y)
        loss.backward(); optimizer.step()
        loss.item(); (out.argmax(1) == y).sum().item()
        compute += time.perf_counter() - loaded
        data += loaded - start
    result("profile_epoch_data", data, "s")
    result("profile_epoch_compute", compute, "s")
    for t in timed:
        result("profile_transform_" + type(t.transform).__name__, t.seconds, "s")


def aug_tf():  # lesson 000 section 5
    return transforms.Compose([
        transforms.RandomHorizontalFlip(),
        transforms.RandomCrop(32, padding=4),
        transforms.ColorJitter(brightness=0.2, contrast=0.2, saturation=0.2),
        transforms.ToTensor(),
        transforms.Normalize(MEAN, STD),
    ])


def result(name, value, unit):
    print("RESULT side=pytorch case=%s value=%.4f unit=%s" % (name, value, unit), flush=True)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    archive, steps, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    profile = "--profile" in sys.argv[4:]
    torch.set_num_threads(threads)
    torch.manual_seed(SEED)
    result("threads", torch.get_num_threads(), "threads")

    # case 1: compute only
    cnn = CNN_V1()
    result("train_step_cnn_v1", step_rate(cnn, optim.Adam(cnn.parameters(), lr=1e-3), steps), "images/s")
    cnn2 = CNN_V2()
    result("train_step_cnn_v2", step_rate(cnn2, optim.SGD(cnn2.parameters(), lr=0.01, momentum=0.9), steps), "images/s")
    result("conv_only_cnn_v2", conv_only_rate(steps), "images/s")

    # case 2: lesson 000 section 5, one epoch
    test_tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    train_full_aug = CifarArchive(archive, True, aug_tf())
    val_len = int(len(train_full_aug) * 0.2)
    train_set2, _ = random_split(train_full_aug, [len(train_full_aug) - val_len, val_len])
    train_loader2 = DataLoader(train_set2, batch_size=BATCH, shuffle=True, num_workers=0)
    cnn2 = CNN_V2()
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(cnn2.parameters(), lr=0.01, momentum=0.9)
    start = time.perf_counter()
    _, _, n = train_epoch(cnn2, train_loader2, criterion, optimizer)
    seconds = time.perf_counter() - start
    result("epoch_cnn_v2_augmented", seconds, "s")
    result("epoch_images", n, "images")
    result("epoch_rate", n / seconds, "images/s")

    # case 3: evaluation over the test set
    test_loader = DataLoader(CifarArchive(archive, False, test_tf), batch_size=BATCH, shuffle=False, num_workers=0)
    start = time.perf_counter()
    _, _, n = eval_epoch(cnn2, test_loader, criterion)
    result("eval_cnn_v2", n / (time.perf_counter() - start), "images/s")

    if profile:
        profile_epoch(cnn2, optimizer, train_set2, criterion)
    result("matmul_peak", matmul_peak(), "GFLOP/s")
    result("peak_rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, "MiB")


if __name__ == "__main__":
    main()
