"""The request loop every lrkit-bench PyTorch peer runs.

A peer sets itself up (imports, data, warm-up), prints one JSON line ("hello"), then answers each JSON
request line on stdin with one JSON line on stdout. Errors become {"error": "..."} lines, so the Node side
can put the reason in the result row. Timings are taken inside the peer with time.perf_counter, around
the measured work only.
"""
import json
import sys
import traceback


def fail(message):
    print(json.dumps({"error": message}), flush=True)
    sys.exit(1)


def serve(hello, handlers):
    print(json.dumps(hello), flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            msg = json.loads(line)
            op = msg.get("op")
            if op not in handlers:
                raise ValueError(f"unknown op {op!r}")
            out = handlers[op](msg)
        except Exception as e:  # the reason travels to the result row
            traceback.print_exc(file=sys.stderr)
            out = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(out), flush=True)


def training_args(add=None):
    """The options of the peers that train the tabular jobs (--threads, --epochs, --batch, plus what `add`
    puts on the parser), parsed, with torch's thread count set from --threads (0: torch's default)."""
    import argparse

    import torch

    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--batch", type=int, default=32)
    if add:
        add(ap)
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    return args


def fit(model, loss_fn, x, y, args):
    """The peers' training run: Adam lr 1e-3, StepLR(step_size=10, gamma=0.1) stepped per epoch, args.epochs
    epochs of shuffled minibatches of args.batch. Returns the epochs' wall time in ms (the optimizer and the
    scheduler are made before the clock starts, as lrkit's trainMs leaves its set-up out)."""
    import time

    import torch
    from torch.optim import lr_scheduler
    from torch.utils.data import DataLoader, TensorDataset

    loader = DataLoader(TensorDataset(x, y), batch_size=args.batch, shuffle=True)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = lr_scheduler.StepLR(opt, step_size=10, gamma=0.1)
    t1 = time.perf_counter()
    for _ in range(args.epochs):
        model.train()
        for xb, yb in loader:
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
        sched.step()
    loop_ms = (time.perf_counter() - t1) * 1e3
    model.eval()
    return loop_ms
