#!/usr/bin/env python3
"""lrkit-bench's PyTorch peer for scheduler.step(): ns per step for each built-in.

Each request builds a fresh SGD optimizer (one parameter, lr 0.1, momentum 0.9) and the scheduler that
matches lrkit's bench spec of the same name (apps/bench/src/suites/scheduler-specs.ts: keep the two in
step), then times `steps` calls of scheduler.step() (step(metric) for ReduceLROnPlateau).

Request {"op": "step", "name": NAME, "steps": N} answers {"ns_per_step"}; an unknown name is an error.
"""
import math
import time
import warnings

from peer_serve import fail, serve

warnings.filterwarnings("ignore")
try:
    import torch
    from torch.optim import lr_scheduler as L
    from torch.optim.swa_utils import SWALR
except Exception as e:
    fail(f"import failed: {e}")


def make(name, opt, steps):
    if name == "step":
        return L.StepLR(opt, step_size=30, gamma=0.1)
    if name == "multi-step":
        return L.MultiStepLR(opt, milestones=[30, 80], gamma=0.1)
    if name == "constant":
        return L.ConstantLR(opt, factor=0.5, total_iters=5)
    if name == "linear":
        return L.LinearLR(opt, start_factor=0.5, end_factor=1.0, total_iters=100)
    if name == "exponential":
        return L.ExponentialLR(opt, gamma=0.99999)
    if name == "polynomial":
        return L.PolynomialLR(opt, total_iters=steps, power=2.0)
    if name == "cosine-annealing":
        return L.CosineAnnealingLR(opt, T_max=1000, eta_min=0.0)
    if name == "cosine-annealing-warm-restarts":
        return L.CosineAnnealingWarmRestarts(opt, T_0=100, T_mult=2, eta_min=0.0)
    if name == "cyclic":
        return L.CyclicLR(opt, base_lr=0.001, max_lr=0.1, step_size_up=100)
    if name == "one-cycle":
        return L.OneCycleLR(opt, max_lr=0.1, total_steps=steps + 1)
    if name == "reduce-on-plateau":
        return L.ReduceLROnPlateau(opt, mode="min", patience=10)
    if name == "sequential":
        return L.SequentialLR(
            opt,
            [L.LinearLR(opt, start_factor=0.1, total_iters=10), L.ExponentialLR(opt, gamma=0.99999)],
            milestones=[10],
        )
    if name == "chained":
        return L.ChainedScheduler([L.StepLR(opt, step_size=30, gamma=0.5), L.ExponentialLR(opt, gamma=0.99999)])
    if name == "swa":
        return SWALR(opt, swa_lr=0.05, anneal_epochs=10, anneal_strategy="cos")
    if name == "lambda":
        return L.LambdaLR(opt, lr_lambda=lambda epoch: 0.99999**epoch)
    if name == "multiplicative":
        return L.MultiplicativeLR(opt, lr_lambda=lambda epoch: 0.99999)
    raise ValueError(f"no PyTorch equivalent for {name!r}")


def step(msg):
    name = msg["name"]
    n = int(msg["steps"])
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9)
    sched = make(name, opt, n)
    if isinstance(sched, L.ReduceLROnPlateau):
        t0 = time.perf_counter_ns()
        for _ in range(n):
            sched.step(1.0)
        t1 = time.perf_counter_ns()
    else:
        t0 = time.perf_counter_ns()
        for _ in range(n):
            sched.step()
        t1 = time.perf_counter_ns()
    lr = opt.param_groups[0]["lr"]
    if not math.isfinite(lr):
        raise ValueError(f"{name}: lr became {lr}")
    return {"ns_per_step": (t1 - t0) / n}


for warm in ("step", "cyclic", "one-cycle"):
    step({"name": warm, "steps": 200})
serve({"ready": True, "torch": torch.__version__}, {"step": step})
