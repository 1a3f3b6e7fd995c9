#!/usr/bin/env python3
"""One β-DARTS search step on the NAS-Bench-201 supernet, in plain PyTorch, timed.

The same function as `betadarts bench --space nb201`: stem conv3x3+BN, N search cells per stage
(6 mixed edges over none / skip_connect / nor_conv_1x1 / nor_conv_3x3 / avg_pool_3x3, BN
affine=False in the cells), ResNet basic blocks between stages, BN+ReLU, global pool, linear.
A step is one α step (Adam, lr 3e-4, betas 0.5/0.999, weight decay 1e-3, on
cross-entropy + λ·mean logsumexp(α) of a validation batch), then one weight step (SGD lr 0.025,
momentum 0.9, weight decay 3e-4, gradient norm clipped at 5, on a training batch). First order.

--reference-style (the default) does the work the published search code does: every op of a
mixed edge runs its own ReLU, `none` is computed as a tensor of zeros, weights keep
requires_grad during the α step and α during the weight step, so both backward passes compute
every gradient. --no-reference-style does only the work the result needs (what betadarts does).

Prints the median step time, per-phase medians and the peak resident memory (VmHWM).
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
EDGES = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]  # (to, from), in α row order


class ReluConvBn(nn.Module):
    def __init__(self, c_in, c_out, kernel, stride, padding, affine, relu=True):
        super().__init__()
        self.relu = relu
        self.conv = nn.Conv2d(c_in, c_out, kernel, stride, padding, bias=False)
        self.bn = nn.BatchNorm2d(c_out, affine=affine, momentum=0.1, eps=1e-5)

    def forward(self, x):
        return self.bn(self.conv(F.relu(x) if self.relu else x))


class MixedEdge(nn.Module):
    def __init__(self, c, reference_style):
        super().__init__()
        self.reference_style = reference_style
        relu = reference_style  # otherwise the cell passes the shared ReLU of the input
        self.conv1 = ReluConvBn(c, c, 1, 1, 0, affine=False, relu=relu)
        self.conv3 = ReluConvBn(c, c, 3, 1, 1, affine=False, relu=relu)

    def forward(self, x, x_relu, w):
        pooled = F.avg_pool2d(x, 3, 1, 1, count_include_pad=False)
        if self.reference_style:
            outs = [x.mul(0.0), x, self.conv1(x), self.conv3(x), pooled]
            return sum(wi * o for wi, o in zip(w, outs))
        return w[1] * x + w[2] * self.conv1(x_relu) + w[3] * self.conv3(x_relu) + w[4] * pooled


class Cell(nn.Module):
    def __init__(self, c, reference_style):
        super().__init__()
        self.reference_style = reference_style
        self.edges = nn.ModuleList(MixedEdge(c, reference_style) for _ in EDGES)

    def forward(self, x, weights):
        nodes = [x]
        relus = [None if self.reference_style else F.relu(x)]
        for to in range(1, 4):
            total = 0
            for e, (t, f) in enumerate(EDGES):
                if t == to:
                    total = total + self.edges[e](nodes[f], relus[f], weights[e])
            nodes.append(total)
            relus.append(None if self.reference_style else F.relu(total))
        return nodes[3]


class ResidualBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv_a = ReluConvBn(c_in, c_out, 3, 2, 1, affine=True)
        self.conv_b = ReluConvBn(c_out, c_out, 3, 1, 1, affine=True)
        self.down = nn.Conv2d(c_in, c_out, 1, 1, 0, bias=False)

    def forward(self, x, weights):
        return self.conv_b(self.conv_a(x)) + self.down(F.avg_pool2d(x, 2, 2, 0))


class Supernet(nn.Module):
    def __init__(self, in_channels, c, n, classes, reference_style):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(in_channels, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c))
        layers = []
        for stage in range(3):
            if stage > 0:
                layers.append(ResidualBlock(c, 2 * c))
                c *= 2
            layers.extend(Cell(c, reference_style) for _ in range(n))
        self.layers = nn.ModuleList(layers)
        self.last_bn = nn.BatchNorm2d(c)
        self.classifier = nn.Linear(c, classes)

    def forward(self, images, weights):
        x = self.stem(images)
        for layer in self.layers:
            x = layer(x, weights)
        x = F.relu(self.last_bn(x))
        return self.classifier(x.mean(dim=(2, 3)))


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--channels", type=int, default=16)
    p.add_argument("--cells", type=int, default=5)
    p.add_argument("--image-size", type=int, default=32)
    p.add_argument("--input-channels", type=int, default=3)
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=len(__import__("os").sched_getaffinity(0)))
    p.add_argument("--lambda-value", type=float, default=25.0, help="β-Decay weight λ of the α loss")
    p.add_argument("--reference-style", action=argparse.BooleanOptionalAction, default=True,
                   help="do the full work of the published code (default); --no-reference-style: only what the result needs")
    p.add_argument("--json", help="also write the figures to this JSON file")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = Supernet(a.input_channels, a.channels, a.cells, a.classes, a.reference_style)
    alpha = (1e-3 * torch.randn(len(EDGES), len(OPS))).requires_grad_(True)
    weights = list(net.parameters())
    sgd = torch.optim.SGD(weights, lr=0.025, momentum=0.9, weight_decay=3e-4)
    adam = torch.optim.Adam([alpha], lr=3e-4, betas=(0.5, 0.999), weight_decay=1e-3)
    net.train()

    shape = (a.batch, a.input_channels, a.image_size, a.image_size)
    total = a.warmup + a.steps
    batches = [(torch.randn(shape), torch.randint(0, a.classes, (a.batch,)),
                torch.randn(shape), torch.randint(0, a.classes, (a.batch,))) for _ in range(total)]

    phases = {k: [] for k in ("alpha_forward_backward", "alpha_update", "weight_forward_backward", "weight_update")}
    steps = []
    cpu = []
    for i, (xv, yv, xt, yt) in enumerate(batches):
        c0 = time.process_time()
        t0 = time.perf_counter()
        # α step on the validation batch
        if not a.reference_style:
            for w in weights:
                w.requires_grad_(False)
        adam.zero_grad()
        loss = F.cross_entropy(net(xv, F.softmax(alpha, dim=-1)), yv)
        loss = loss + a.lambda_value * torch.logsumexp(alpha, dim=-1).mean()
        loss.backward()
        t1 = time.perf_counter()
        adam.step()
        t2 = time.perf_counter()
        # weight step on the training batch
        if not a.reference_style:
            for w in weights:
                w.requires_grad_(True)
        sgd.zero_grad()
        op_weights = F.softmax(alpha, dim=-1)
        if not a.reference_style:
            op_weights = op_weights.detach()
        loss = F.cross_entropy(net(xt, op_weights), yt)
        loss.backward()
        t3 = time.perf_counter()
        nn.utils.clip_grad_norm_(weights, 5.0)
        sgd.step()
        t4 = time.perf_counter()
        if i >= a.warmup:
            for k, seconds in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                phases[k].append(seconds)
            steps.append(t4 - t0)
            cpu.append(time.process_time() - c0)

    result = {
        "implementation": "pytorch",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "reference_style": a.reference_style,
        "shape": {"batch": a.batch, "channels": a.channels, "cells": a.cells, "image_size": a.image_size,
                  "input_channels": a.input_channels, "classes": a.classes},
        "steps": a.steps,
        "step_seconds": {"median": statistics.median(steps), "min": min(steps), "max": max(steps)},
        "step_cpu_seconds": {"median": statistics.median(cpu), "min": min(cpu), "max": max(cpu)},
        "phases_median_seconds": {k: statistics.median(v) for k, v in phases.items()},
        "peak_rss_mb": peak_rss_mb(),
        "weights": sum(w.numel() for w in weights),
    }
    print(f"pytorch {torch.__version__}, {result['threads']} threads, "
          f"{'reference-style' if a.reference_style else 'needed work only'}: "
          f"NB201 C={a.channels} N={a.cells} batch {a.batch}, {a.steps} steps after {a.warmup} warm-up")
    for k, v in result["phases_median_seconds"].items():
        print(f"  {k:<26} {v:8.3f} s")
    s = result["step_seconds"]
    print(f"  {'step (median)':<26} {s['median']:8.3f} s   (min {s['min']:.3f}, max {s['max']:.3f})")
    c = result["step_cpu_seconds"]
    print(f"  {'step, process CPU time':<26} {c['median']:8.3f} s   (min {c['min']:.3f}, max {c['max']:.3f})")
    print(f"  {'peak resident memory':<26} {result['peak_rss_mb']:8.0f} MB")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
