"""The DARTS search supernet in PyTorch, the same function as betadarts' `darts` and `darts-8op` spaces.

Stem conv3x3 (in -> 3C) + BN; L cells, those at L/3 and 2L/3 reduction cells (stride 2 on the
edges from the two inputs, channels doubled); global average pool; linear. A cell reads the two
cells before it (the stem counts as both at the start), preprocessed by ReLU-Conv1x1-BN, or by
FactorizedReduce when the cell before the previous one reduced; 4 intermediate nodes, each the sum
of 14 mixed edges in all from every earlier node; output the concatenation of the 4 nodes. Edge
candidates: max_pool_3x3, avg_pool_3x3 (count_include_pad=False), skip_connect (identity,
FactorizedReduce at stride 2), sep_conv_3x3/5x5, dil_conv_3x3/5x5 (DARTS, as β-DARTS searches it:
its space s5), and none before them in DARTS_8OP (the original DARTS space); the pooling ops are
followed by BN; every cell BN is affine=False. Two α tensors of 14 x ops: normal and reduction cells.

With reference_style every candidate runs its own ReLU and `none` is computed as zeros (x.mul(0));
without it the edges leaving a node share the node's ReLU and `none` is skipped.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_layers import ReluConvBn

OPS_8 = ["none", "max_pool_3x3", "avg_pool_3x3", "skip_connect",
         "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5"]
OPS_7 = OPS_8[1:]
STEPS = 4  # intermediate nodes
EDGES = [(to, frm) for to in range(2, 2 + STEPS) for frm in range(to)]  # (to, from), in α row order
STEM_MULTIPLIER = 3


class Space:
    """One DARTS space as pytorch_step.py reads a space: name, α shapes, sizes and the supernet."""

    DEFAULT_CELLS = 8  # cells in all
    CELLS_LETTER = "L"
    # weights (α excluded) at 3 input channels, 10 classes, C=16, L=8 (the published search network);
    # none has no weights, so 7 and 8 ops give the same count
    KNOWN_WEIGHTS = {(3, 10, 16, 8): 1_930_618}

    def __init__(self, name, ops):
        self.NAME = name
        self.OPS = ops
        self.ALPHA_SHAPES = [(len(EDGES), len(ops)), (len(EDGES), len(ops))]  # normal, reduce

    def Supernet(self, in_channels, c, layers, classes, reference_style):
        return Supernet(in_channels, c, layers, classes, reference_style, self.OPS)


DARTS = Space("DARTS (7 ops)", OPS_7)
DARTS_8OP = Space("DARTS (8 ops)", OPS_8)


class Zero(nn.Module):
    """The `none` candidate as the published code computes it: zeros of the output's shape."""

    def __init__(self, stride):
        super().__init__()
        self.stride = stride

    def forward(self, x):
        return x.mul(0.0) if self.stride == 1 else x[:, :, ::self.stride, ::self.stride].mul(0.0)


class DilConv(nn.Module):
    """(ReLU), depthwise k x k convolution (stride, padding, dilation), pointwise 1x1, BN."""

    def __init__(self, c_in, c_out, kernel, stride, padding, dilation, relu):
        super().__init__()
        self.relu = relu
        self.depthwise = nn.Conv2d(c_in, c_in, kernel, stride, padding, dilation=dilation, groups=c_in, bias=False)
        self.pointwise = nn.Conv2d(c_in, c_out, 1, 1, 0, bias=False)
        self.bn = nn.BatchNorm2d(c_out, affine=False)

    def forward(self, x):
        return self.bn(self.pointwise(self.depthwise(F.relu(x) if self.relu else x)))


class SepConv(nn.Module):
    """Two undilated DilConv units; only the first has the stride. The second's ReLU is always its own."""

    def __init__(self, c, kernel, stride, padding, relu):
        super().__init__()
        self.a = DilConv(c, c, kernel, stride, padding, 1, relu)
        self.b = DilConv(c, c, kernel, 1, padding, 1, True)

    def forward(self, x):
        return self.b(self.a(x))


class FactorizedReduce(nn.Module):
    """(ReLU), two 1x1 stride-2 convolutions of c_out/2 channels, the second on the input shifted by
    one pixel (padded with a zero row and column first on an odd size), concatenated, BN."""

    def __init__(self, c_in, c_out, relu):
        super().__init__()
        self.relu = relu
        self.conv_1 = nn.Conv2d(c_in, c_out // 2, 1, 2, 0, bias=False)
        self.conv_2 = nn.Conv2d(c_in, c_out // 2, 1, 2, 0, bias=False)
        self.bn = nn.BatchNorm2d(c_out, affine=False)

    def forward(self, x):
        if self.relu:
            x = F.relu(x)
        padded = x if x.shape[2] % 2 == 0 and x.shape[3] % 2 == 0 else F.pad(x, (0, 1, 0, 1))
        return self.bn(torch.cat([self.conv_1(x), self.conv_2(padded[:, :, 1:, 1:])], dim=1))


def candidate(op, c, stride, relu):
    """One candidate on an edge and whether it reads the input's ReLU (when not running its own)."""
    if op == "none":
        return Zero(stride), False
    if op == "max_pool_3x3":
        return nn.Sequential(nn.MaxPool2d(3, stride, 1), nn.BatchNorm2d(c, affine=False)), False
    if op == "avg_pool_3x3":
        return nn.Sequential(nn.AvgPool2d(3, stride, 1, count_include_pad=False),
                             nn.BatchNorm2d(c, affine=False)), False
    if op == "skip_connect":
        return (nn.Identity(), False) if stride == 1 else (FactorizedReduce(c, c, relu), True)
    if op.startswith("sep_conv_"):
        k = int(op[-1])
        return SepConv(c, k, stride, k // 2, relu), True
    if op.startswith("dil_conv_"):
        k = int(op[-1])
        return DilConv(c, c, k, stride, k - 1, 2, relu), True
    raise ValueError(op)


class MixedEdge(nn.Module):
    def __init__(self, c, stride, reference_style, ops):
        super().__init__()
        self.reference_style = reference_style
        self.names = ops
        built = [candidate(op, c, stride, relu=reference_style) for op in ops]
        self.ops = nn.ModuleList(m for m, _ in built)
        self.on_relu = [r for _, r in built]

    def forward(self, x, x_relu, w):
        if self.reference_style:
            return sum(wi * op(x) for wi, op in zip(w, self.ops))
        total = None
        for i, (op, on_relu) in enumerate(zip(self.ops, self.on_relu)):
            if self.names[i] == "none":
                continue
            term = w[i] * op(x_relu if on_relu else x)
            total = term if total is None else total + term
        return total


class Cell(nn.Module):
    def __init__(self, c_prev_prev, c_prev, c, reduction, reduction_prev, reference_style, ops):
        super().__init__()
        self.reduction = reduction
        self.reference_style = reference_style
        self.preprocess0 = (FactorizedReduce(c_prev_prev, c, relu=True) if reduction_prev
                            else ReluConvBn(c_prev_prev, c, 1, 1, 0, affine=False))
        self.preprocess1 = ReluConvBn(c_prev, c, 1, 1, 0, affine=False)
        self.edges = nn.ModuleList(MixedEdge(c, 2 if reduction and frm < 2 else 1, reference_style, ops)
                                   for _, frm in EDGES)

    def forward(self, s0, s1, weights):
        nodes = [self.preprocess0(s0), self.preprocess1(s1)]
        shared = not self.reference_style
        relus = [F.relu(n) if shared else None for n in nodes]
        for to in range(2, 2 + STEPS):
            total = 0
            for e, (t, f) in enumerate(EDGES):
                if t == to:
                    total = total + self.edges[e](nodes[f], relus[f], weights[e])
            nodes.append(total)
            relus.append(F.relu(total) if shared and to < 1 + STEPS else None)  # the last node feeds no edge
        return torch.cat(nodes[2:], dim=1)


class Supernet(nn.Module):
    def __init__(self, in_channels, c, layers, classes, reference_style, ops):
        super().__init__()
        stem = STEM_MULTIPLIER * c
        self.stem = nn.Sequential(nn.Conv2d(in_channels, stem, 3, 1, 1, bias=False), nn.BatchNorm2d(stem))
        c_prev_prev, c_prev, reduction_prev = stem, stem, False
        cells = []
        for i in range(layers):
            reduction = i in (layers // 3, 2 * layers // 3)
            if reduction:
                c *= 2
            cells.append(Cell(c_prev_prev, c_prev, c, reduction, reduction_prev, reference_style, ops))
            c_prev_prev, c_prev, reduction_prev = c_prev, STEPS * c, reduction
        self.cells = nn.ModuleList(cells)
        self.classifier = nn.Linear(c_prev, classes)

    def forward(self, images, weights):
        """`weights`: [softmax(α_normal), softmax(α_reduce)], each 14 x ops."""
        normal, reduce = weights
        s0 = s1 = self.stem(images)
        for cell in self.cells:
            s0, s1 = s1, cell(s0, s1, reduce if cell.reduction else normal)
        return self.classifier(s1.mean(dim=(2, 3)))
