#!/usr/bin/python3
"""PyTorch peer of lib/ensemble.ts for timing: K classical 2x2 autoencoders
(4-2-1-2-4) trained at once, full batch, with Adam.

Every parameter is one tensor with the networks in its first dimension, and
the layers are batched matrix products (torch.bmm). The loss is the sum over
networks of each network's mean squared error, so each network gets its own
gradient, and torch.optim.Adam (elementwise) updates each one on its own.
Adam's epsilon is 1e-7, as in tfjs.

Usage:
  /usr/bin/python3 tools/ensemble_torch.py --weights FILE --networks K --steps S
      [--learning-rate LR] [--threads T] [--losses-out FILE]

--weights contains the initial weights as float32 [K, 29], layer by layer
(kernel [inputs, units] row-major, then bias), as lib/network.ts lays them
out. Prints one JSON line: {"seconds": training time, "threads": T}.
--losses-out receives the final mean squared error per network, float32 [K].
"""
import argparse
import json
import time

import numpy as np
import torch

# (inputs, units) of encoder, bottleneck, decoder_hidden, decoder_output.
LAYERS = [(4, 2), (2, 1), (1, 2), (2, 4)]
PARAMETERS = sum(i * u + u for i, u in LAYERS)  # 29
IMAGES = [[0, 0, 1, 1], [1, 0, 1, 0], [1, 1, 0, 0], [0, 1, 0, 1]]


def load_parameters(path, networks):
    """Reads [K, 29] float32 weights and splits them into per-layer tensors."""
    flat = np.fromfile(path, dtype=np.float32)
    if flat.size != networks * PARAMETERS:
        raise SystemExit(
            f"{path} contains {flat.size} values, expected {networks} x {PARAMETERS}; check --networks")
    flat = torch.from_numpy(flat.reshape(networks, PARAMETERS))
    tensors, offset = [], 0
    for inputs, units in LAYERS:
        kernel = flat[:, offset:offset + inputs * units].reshape(networks, inputs, units)
        offset += inputs * units
        bias = flat[:, offset:offset + units].reshape(networks, 1, units)
        offset += units
        tensors += [kernel.clone().requires_grad_(), bias.clone().requires_grad_()]
    return tensors


def per_network_loss(x, params):
    """Mean squared error of each network over its 4 images x 4 pixels, shape [K]."""
    w1, b1, w2, b2, w3, b3, w4, b4 = params
    h = torch.relu(torch.bmm(x, w1) + b1)
    z = torch.bmm(h, w2) + b2
    g = torch.relu(torch.bmm(z, w3) + b3)
    y = torch.sigmoid(torch.bmm(g, w4) + b4)
    return ((x - y) ** 2).mean(dim=(1, 2))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", required=True, help="initial weights, float32 [K, 29]")
    parser.add_argument("--networks", type=int, required=True, help="number of networks K")
    parser.add_argument("--steps", type=int, required=True, help="Adam steps")
    parser.add_argument("--learning-rate", type=float, default=0.01, help="Adam learning rate")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    parser.add_argument("--losses-out", help="file for the final loss per network, float32 [K]")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    params = load_parameters(args.weights, args.networks)
    x = torch.tensor(IMAGES, dtype=torch.float32).expand(args.networks, 4, 4).contiguous()

    start = time.perf_counter()
    optimizer = torch.optim.Adam(params, lr=args.learning_rate, eps=1e-7)
    for _ in range(args.steps):
        optimizer.zero_grad()
        per_network_loss(x, params).sum().backward()
        optimizer.step()
    seconds = time.perf_counter() - start

    if args.losses_out:
        with torch.no_grad():
            per_network_loss(x, params).numpy().astype(np.float32).tofile(args.losses_out)
    print(json.dumps({"seconds": seconds, "threads": args.threads}))


if __name__ == "__main__":
    main()
