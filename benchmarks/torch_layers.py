"""Layers both PyTorch supernets of pytorch_step.py are made of."""
import torch.nn as nn
import torch.nn.functional as F


class ReluConvBn(nn.Module):
    """ReLU, convolution without bias, batch norm. Without `relu` the caller applies the ReLU
    (and may share it between the edges that leave one node)."""

    def __init__(self, c_in, c_out, kernel, stride, padding, affine, relu=True):
        super().__init__()
        self.relu = relu
        self.conv = nn.Conv2d(c_in, c_out, kernel, stride, padding, bias=False)
        self.bn = nn.BatchNorm2d(c_out, affine=affine, momentum=0.1, eps=1e-5)

    def forward(self, x):
        return self.bn(self.conv(F.relu(x) if self.relu else x))

