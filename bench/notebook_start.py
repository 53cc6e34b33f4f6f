#!/usr/bin/python3
"""Case 4 of bench/vs-pytorch.sh: seconds from starting a notebook kernel to its first executed cell,
then the seconds of the first cell that makes a tensor (which loads the engine).

    /usr/bin/python3 bench/notebook_start.py java|pytorch

java runs the course kernel (dlcourse-java, ./install-kernel.sh); pytorch runs Debian's python3
kernel (python3-ipykernel) with torch. Prints RESULT lines like the other bench scripts.
"""
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


def execute(client, code):
    msg_id = client.execute(code)
    while True:
        reply = client.get_shell_msg(timeout=300)
        if reply["parent_header"].get("msg_id") == msg_id:
            if reply["content"]["status"] != "ok":
                sys.exit("the cell failed: %s\n%s" % (code, reply["content"]))
            return


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
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    for name, value in (("notebook_first_cell", started - start), ("notebook_first_tensor_cell", done - started)):
        print("RESULT side=%s case=%s value=%.4f unit=s" % (side, name, value), flush=True)


if __name__ == "__main__":
    main()
