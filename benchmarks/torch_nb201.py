"""The NAS-Bench-201 search supernet in PyTorch, the same function as betadarts' `nb201` space.

Stem conv3x3+BN, N search cells per stage (6 mixed edges over none / skip_connect /
nor_conv_1x1 / nor_conv_3x3 / avg_pool_3x3, BN affine=False in the cells), ResNet basic blocks
between stages, BN+ReLU, global pool, linear. One α tensor of 6x5.
"""
import torch.nn as nn
import torch.nn.functional as F

from torch_layers import ReluConvBn

NAME = "NB201"
OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
EDGES = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]  # (to, from), in α row order
ALPHA_SHAPES = [(len(EDGES), len(OPS))]
DEFAULT_CELLS = 5  # cells per stage
CELLS_LETTER = "N"
# weights (α excluded) at 3 input channels, 10 classes, C=16, N=5 (the published search network)
KNOWN_WEIGHTS = {(3, 10, 16, 5): 1_686_106}


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
        """`weights`: [softmax(α)] of shape 6x5."""
        (w,) = weights
        x = self.stem(images)
        for layer in self.layers:
            x = layer(x, w)
        x = F.relu(self.last_bn(x))
        return self.classifier(x.mean(dim=(2, 3)))
