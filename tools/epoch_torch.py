#!/usr/bin/python3
"""PyTorch peer of one 32x32 training epoch of the classical autoencoder, for
timing: 1024-2-1-2-1024 (relu, linear, relu, sigmoid), mean squared error,
Adam (epsilon 1e-7 as in tfjs), mini-batches in a seeded shuffled order.

Usage:
  /usr/bin/python3 tools/epoch_torch.py --images FILE --count N [--epochs E]
      [--batch-size B] [--learning-rate LR] [--threads T]

--images contains float32 [N, 1024] pixels in [0, 1]. Runs one warm-up epoch,
then E timed epochs, and prints one JSON line:
{"epoch_seconds": [one value per timed epoch], "threads": T}.
"""
import argparse
import json
import time

import numpy as np
import torch

PIXELS = 1024


def build_model():
    """Builds the CA of lib/network.ts layerShapes("ca", 1024): Glorot-uniform kernels, zero biases."""
    layers = [
        torch.nn.Linear(PIXELS, 2), torch.nn.ReLU(),
        torch.nn.Linear(2, 1),
        torch.nn.Linear(1, 2), torch.nn.ReLU(),
        torch.nn.Linear(2, PIXELS), torch.nn.Sigmoid(),
    ]
    for layer in layers:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    return torch.nn.Sequential(*layers)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", required=True, help="float32 [N, 1024] images")
    parser.add_argument("--count", type=int, required=True, help="number of images N")
    parser.add_argument("--epochs", type=int, default=5, help="timed epochs after one warm-up epoch")
    parser.add_argument("--batch-size", type=int, default=32, help="images per step")
    parser.add_argument("--learning-rate", type=float, default=0.001, help="Adam learning rate")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    flat = np.fromfile(args.images, dtype=np.float32)
    if flat.size != args.count * PIXELS:
        raise SystemExit(
            f"{args.images} contains {flat.size} values, expected {args.count} x {PIXELS}; check --count")
    images = torch.from_numpy(flat.reshape(args.count, PIXELS))
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate, eps=1e-7)
    loss_function = torch.nn.MSELoss()
    generator = torch.Generator().manual_seed(2)

    epoch_seconds = []
    for epoch in range(args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(args.count, generator=generator)
        for first in range(0, args.count, args.batch_size):
            batch = images[order[first:first + args.batch_size]]
            optimizer.zero_grad()
            loss_function(model(batch), batch).backward()
            optimizer.step()
        if epoch > 0:
            epoch_seconds.append(time.perf_counter() - start)
    print(json.dumps({"epoch_seconds": epoch_seconds, "threads": args.threads}))


if __name__ == "__main__":
    main()
