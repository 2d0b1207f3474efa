"""PyTorch's fp32 training throughput on the GPU for the MLP that lrkit-bench's mlp suite trains, so the two
can be compared on the same machine (lrkit-bench's own PyTorch peer runs on the CPU).

    python3 packages/backend-cuda/bench/torch_mlp_cuda.py --sizes 784,1024,1024,10 --batch 1024

Prints one JSON line: device name, steps per second, samples per second. TF32 stays off (PyTorch's default
for matmul), so this is the fp32 number the issue's target is stated against.
"""
import argparse
import json
import time

import torch


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="784,1024,1024,10")
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.manual_seed(0)
    dev = torch.device("cuda")
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(args.batch, sizes[0], device=dev)
    y = torch.randint(0, sizes[-1], (args.batch,), device=dev)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step() -> None:
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()

    for _ in range(20):
        step()
    torch.cuda.synchronize()
    steps, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < args.seconds:
        step()
        steps += 1
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - t0
    print(json.dumps({
        "impl": "pytorch/cuda", "device": torch.cuda.get_device_name(0), "torch": torch.__version__,
        "sizes": sizes, "batch": args.batch, "steps_per_s": steps / elapsed, "samples_per_s": steps * args.batch / elapsed,
    }))


if __name__ == "__main__":
    main()
