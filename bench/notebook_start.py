#!/usr/bin/python3
"""Case 4 of bench/vs-pytorch.sh: seconds from starting a notebook kernel to its first executed cell,
then the seconds of the first cell that makes a tensor (which loads the engine); then the kernel's
idle footprint: its resident memory after the setup cell and one small training cell (lesson 000's
CNN_V1, Adam, one epoch of 20 batches of 128, written as each side's notebook writes it), and for Java where
that memory goes (kr.dlcourse.setup.KernelMemory).

    /usr/bin/python3 bench/notebook_start.py java|pytorch

java runs the course kernel (dlcourse-java, ./install-kernel.sh); pytorch runs Debian's python3
kernel (python3-ipykernel) with torch. Prints RESULT lines like the other bench scripts.
"""
import os
import sys
import time

from jupyter_client.manager import KernelManager

KERNELS = {
    "java": ("dlcourse-java", "1 + 1",
             "NDManager manager = NDManager.newBaseManager();\n"
             "NDArray x = manager.create(new float[][] {{1, 2}, {3, 4}});\n"
             "x.matMul(x)"),
    "pytorch": ("python3", "1 + 1",
                "import torch\n"
                "x = torch.tensor([[1., 2.], [3., 4.]])\n"
                "x @ x"),
}


# One small training cell, as a notebook writes it: lesson 000's CNN_V1, Adam 1e-3, one epoch of
# 20 batches of 128 (2,560 random 32x32 colour images, normalized per batch); the model and its data
# stay alive afterwards, as notebook variables do.
TRAIN = {
    "java": """
Course.setup();
Random random = new Random(42);
byte[] pixels = new byte[2560 * 3 * 32 * 32];
random.nextBytes(pixels);
ImageDataset images = ImageDataset.of("random", pixels, random.ints(2560, 0, 10).toArray(),
    new Shape(3, 32, 32), Cifar10.CLASSES, Cifar10.CLASSES_KO);
Model model = Model.newInstance("CNN_V1");
model.setBlock(PyTorchInit.apply(Cifar10Models.cnnV1(10)));
Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build()));
trainer.initialize(new Shape(128, 3, 32, 32));
Training.fit(trainer, images.batches(128).shuffle(42).normalize(Normalization.CIFAR10), null, 1, FitOptions.named("CNN_V1"));
""",
    "pytorch": """
import sys
sys.path.insert(0, %r)
from lesson_pytorch import CNN_V1
torch.manual_seed(42)
images = torch.randint(0, 256, (2560, 3, 32, 32), dtype=torch.uint8)
labels = torch.randint(0, 10, (2560,))
mean, std = torch.tensor([0.4914, 0.4822, 0.4465]).view(1, 3, 1, 1), torch.tensor([0.2470, 0.2435, 0.2616]).view(1, 3, 1, 1)
loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images, labels), batch_size=128, shuffle=True)
model = CNN_V1()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.CrossEntropyLoss()
model.train()
for x, y in loader:
    x = (x.float() / 255 - mean) / std
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
""" % os.path.dirname(os.path.abspath(__file__)),
}

BREAKDOWN = """
KernelMemory m = KernelMemory.now();
System.out.printf("RESULT side=java case=idle_java_heap_used value=%d unit=MiB%n", m.heapUsedMiB());
System.out.printf("RESULT side=java case=idle_java_heap_committed value=%d unit=MiB%n", m.heapCommittedMiB());
System.out.printf("RESULT side=java case=idle_metaspace_and_code value=%d unit=MiB%n", m.metaspaceMiB() + m.codeCacheMiB());
System.out.printf("RESULT side=java case=idle_c_heap_in_use value=%d unit=MiB%n", m.cHeapInUseMiB());
System.out.printf("RESULT side=java case=idle_c_heap_free_kept value=%d unit=MiB%n", m.cHeapFreeKeptMiB());
"""


def execute(client, code):
    """Runs a cell; returns what it printed."""
    printed = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])

    reply = client.execute_interactive(code, timeout=300, output_hook=hook)
    if reply["content"]["status"] != "ok":
        sys.exit("the cell failed: %s\n%s" % (code, reply["content"]))
    return "".join(printed)


def resident_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024.0


def main():
    side = sys.argv[1] if len(sys.argv) > 1 else ""
    if side not in KERNELS:
        sys.exit(__doc__)
    kernel, first, tensor = KERNELS[side]
    start = time.perf_counter()
    manager = KernelManager(kernel_name=kernel)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=300)
        execute(client, first)
        started = time.perf_counter()
        execute(client, tensor)
        done = time.perf_counter()
        execute(client, TRAIN[side])
        time.sleep(1)  # what stays once the cell is done
        idle = resident_mib(manager.provisioner.process.pid)
        breakdown = execute(client, BREAKDOWN) if side == "java" else ""
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    for name, value in (("notebook_first_cell", started - start), ("notebook_first_tensor_cell", done - started)):
        print("RESULT side=%s case=%s value=%.4f unit=s" % (side, name, value), flush=True)
    print("RESULT side=%s case=idle_rss value=%.1f unit=MiB" % (side, idle))
    print(breakdown, end="", flush=True)


if __name__ == "__main__":
    main()
