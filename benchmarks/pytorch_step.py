#!/usr/bin/env python3
"""One β-DARTS search step on a supernet (NAS-Bench-201 or DARTS), in plain PyTorch, timed.

The same function as `betadarts bench --space nb201` (torch_nb201.py) or `--space darts` and
`--space darts-8op` (torch_darts.py). A step is one α step (Adam, lr 3e-4, betas 0.5/0.999, weight decay 1e-3, on
cross-entropy + λ·mean over the edges of every α tensor of logsumexp(α_edge), on a validation
batch), then one weight step (SGD lr 0.025, momentum 0.9, weight decay 3e-4, gradient norm clipped
at 5, on a training batch). First order.

--reference-style (the default) does the work the published search code does: every op of a
mixed edge runs its own ReLU, `none` is computed as a tensor of zeros, weights keep
requires_grad during the α step and α during the weight step, so both backward passes compute
every gradient. --no-reference-style does only the work the result needs (what betadarts does).

Prints the median step time, per-phase medians and the peak resident memory (VmHWM); with
--device cuda the device finishes each phase before its time is taken (torch.cuda.synchronize) and
the peak GPU memory (allocated and reserved by PyTorch's caching allocator) is printed too.
--count-params prints the number of weights (α excluded) and, at the published network's shape,
checks it against the known count.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import torch_darts
import torch_nb201

SPACES = {"nb201": torch_nb201, "darts": torch_darts.DARTS, "darts-8op": torch_darts.DARTS_8OP}


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def beta_decay(alphas):
    """mean over all edges (rows) of all α tensors of logsumexp over the row."""
    return torch.cat([torch.logsumexp(alpha, dim=-1) for alpha in alphas]).mean()


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--space", choices=sorted(SPACES), default="nb201")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--channels", type=int, default=16)
    p.add_argument("--cells", type=int,
                   help="cells per stage (nb201, default 5) or cells in all (darts, darts-8op, default 8)")
    p.add_argument("--image-size", type=int, default=32)
    p.add_argument("--input-channels", type=int, default=3)
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    p.add_argument("--lambda-value", type=float, default=25.0, help="β-Decay weight λ of the α loss")
    p.add_argument("--reference-style", action=argparse.BooleanOptionalAction, default=True,
                   help="do the full work of the published code (default); --no-reference-style: only what the result needs")
    p.add_argument("--count-params", action="store_true",
                   help="print the number of weights (α excluded) and exit; at the published shape, exit 1 if it differs")
    p.add_argument("--json", help="also write the figures to this JSON file")
    p.add_argument("--device", default="cpu", help="cpu (default), cuda or cuda:N")
    a = p.parse_args()
    if a.cells is None:
        a.cells = SPACES[a.space].DEFAULT_CELLS
    return a


def count_params(a, space, weights):
    count = sum(w.numel() for w in weights)
    known = space.KNOWN_WEIGHTS.get((a.input_channels, a.classes, a.channels, a.cells))
    check = "" if known is None else f" (published network: {known}, {'same' if count == known else 'DIFFERENT'})"
    print(f"{space.NAME} C={a.channels} {space.CELLS_LETTER}={a.cells}, {a.input_channels} input channels, "
          f"{a.classes} classes: {count} weights{check}")
    return known is None or count == known


def run_steps(a, net, alphas, batches):
    """Runs every step; returns the per-phase times, step times and step CPU times of the timed ones."""
    device = torch.device(a.device)

    def clock():
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        return time.perf_counter()

    weights = list(net.parameters())
    sgd = torch.optim.SGD(weights, lr=0.025, momentum=0.9, weight_decay=3e-4)
    adam = torch.optim.Adam(alphas, lr=3e-4, betas=(0.5, 0.999), weight_decay=1e-3)
    net.train()
    phases = {k: [] for k in ("alpha_forward_backward", "alpha_update", "weight_forward_backward", "weight_update")}
    steps = []
    cpu = []
    for i, (xv, yv, xt, yt) in enumerate(batches):
        c0 = time.process_time()
        t0 = clock()
        # α step on the validation batch
        if not a.reference_style:
            for w in weights:
                w.requires_grad_(False)
        adam.zero_grad()
        loss = F.cross_entropy(net(xv, [F.softmax(alpha, dim=-1) for alpha in alphas]), yv)
        loss = loss + a.lambda_value * beta_decay(alphas)
        loss.backward()
        t1 = clock()
        adam.step()
        t2 = clock()
        # weight step on the training batch
        if not a.reference_style:
            for w in weights:
                w.requires_grad_(True)
        sgd.zero_grad()
        op_weights = [F.softmax(alpha, dim=-1) for alpha in alphas]
        if not a.reference_style:
            op_weights = [w.detach() for w in op_weights]
        loss = F.cross_entropy(net(xt, op_weights), yt)
        loss.backward()
        t3 = clock()
        nn.utils.clip_grad_norm_(weights, 5.0)
        sgd.step()
        t4 = clock()
        if i >= a.warmup:
            for k, seconds in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                phases[k].append(seconds)
            steps.append(t4 - t0)
            cpu.append(time.process_time() - c0)
    return phases, steps, cpu


def main():
    a = parse_args()
    space = SPACES[a.space]
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    device = torch.device(a.device)
    net = space.Supernet(a.input_channels, a.channels, a.cells, a.classes, a.reference_style).to(device)
    if a.count_params:
        sys.exit(0 if count_params(a, space, net.parameters()) else 1)
    alphas = [(1e-3 * torch.randn(rows, ops, device=device)).requires_grad_(True) for rows, ops in space.ALPHA_SHAPES]

    shape = (a.batch, a.input_channels, a.image_size, a.image_size)
    total = a.warmup + a.steps
    batches = [(torch.randn(shape, device=device), torch.randint(0, a.classes, (a.batch,), device=device),
                torch.randn(shape, device=device), torch.randint(0, a.classes, (a.batch,), device=device))
               for _ in range(total)]
    phases, steps, cpu = run_steps(a, net, alphas, batches)

    result = {
        "implementation": "pytorch",
        "space": a.space,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "reference_style": a.reference_style,
        "shape": {"batch": a.batch, "channels": a.channels, "cells": a.cells, "image_size": a.image_size,
                  "input_channels": a.input_channels, "classes": a.classes},
        "steps": a.steps,
        "step_seconds": {"median": statistics.median(steps), "min": min(steps), "max": max(steps)},
        "step_cpu_seconds": {"median": statistics.median(cpu), "min": min(cpu), "max": max(cpu)},
        "phases_median_seconds": {k: statistics.median(v) for k, v in phases.items()},
        "device": str(device),
        "peak_rss_mb": peak_rss_mb(),
        "weights": sum(w.numel() for w in net.parameters()),
    }
    if device.type == "cuda":
        result["gpu"] = torch.cuda.get_device_name(device)
        result["peak_gpu_allocated_mb"] = torch.cuda.max_memory_allocated(device) / 1048576.0
        result["peak_gpu_reserved_mb"] = torch.cuda.max_memory_reserved(device) / 1048576.0
    print(f"pytorch {torch.__version__} on {result.get('gpu', 'cpu')}, {result['threads']} threads, "
          f"{'reference-style' if a.reference_style else 'needed work only'}: "
          f"{space.NAME} C={a.channels} {space.CELLS_LETTER}={a.cells} batch {a.batch}, "
          f"{a.steps} steps after {a.warmup} warm-up")
    for k, v in result["phases_median_seconds"].items():
        print(f"  {k:<26} {v:8.3f} s")
    s = result["step_seconds"]
    print(f"  {'step (median)':<26} {s['median']:8.3f} s   (min {s['min']:.3f}, max {s['max']:.3f})")
    c = result["step_cpu_seconds"]
    print(f"  {'step, process CPU time':<26} {c['median']:8.3f} s   (min {c['min']:.3f}, max {c['max']:.3f})")
    print(f"  {'peak resident memory':<26} {result['peak_rss_mb']:8.0f} MB")
    if device.type == "cuda":
        print(f"  {'peak GPU memory':<26} {result['peak_gpu_allocated_mb']:8.0f} MB allocated, "
              f"{result['peak_gpu_reserved_mb']:.0f} MB reserved")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
