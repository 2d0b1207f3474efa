#!/usr/bin/env python3
"""lrkit-bench's PyTorch peer for the compute-bound MLP: training throughput.

nn.Sequential of Linear+ReLU layers with a final Linear (logits), CrossEntropyLoss (softmax
cross-entropy), Adam lr 1e-3, on one synthetic batch (uniform features, random classes) reused every
step: the data pipeline is not what is measured. torch.set_num_threads(--threads) so the comparison
is at the same thread count.

Request {"op": "run", "steps": N} answers {"ms"}: the wall time of N training steps.
"""
import argparse
import time

from peer_serve import fail, serve

try:
    import torch
    import torch.nn as nn
except Exception as e:
    fail(f"import failed: {e}")

ap = argparse.ArgumentParser()
ap.add_argument("--sizes", required=True, help="comma-separated layer sizes, input first, classes last")
ap.add_argument("--batch", type=int, required=True)
ap.add_argument("--threads", type=int, required=True)
ap.add_argument("--seed", type=int, default=0)
args = ap.parse_args()
sizes = [int(s) for s in args.sizes.split(",")]
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)

layers = []
for i in range(len(sizes) - 1):
    layers.append(nn.Linear(sizes[i], sizes[i + 1]))
    if i < len(sizes) - 2:
        layers.append(nn.ReLU())
model = nn.Sequential(*layers)
loss_fn = nn.CrossEntropyLoss()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.rand(args.batch, sizes[0])
y = torch.randint(0, sizes[-1], (args.batch,))


def steps(n):
    for _ in range(n):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    return loss.item()


def run(msg):
    n = int(msg["steps"])
    t0 = time.perf_counter()
    steps(n)
    return {"ms": (time.perf_counter() - t0) * 1e3}


steps(3)  # warm-up
serve({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}, {"run": run})
