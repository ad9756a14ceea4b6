"""How much does readability cost? One SGD training step of ``helpers.nn`` against the same maths.

The step is forward, softmax cross-entropy loss, backward and SGD update of a 784-256-256-10 ReLU
MLP on a batch of 256 random float64 examples (MNIST-shaped). It is timed for

- ``helpers.nn``: ``Sequential`` of ``Dense`` and ``Activation("relu")`` layers,
- plain numpy: the same computation written out by hand in this file, as a numpy expert would,
- PyTorch on the CPU in float64, when ``import torch`` works (skipped with the reason otherwise).

Before timing, one step of each implementation from identical weights must give identical
weights (to 1e-12), so the contestants provably compute the same thing. Timings are interleaved
(A, B, C, A, B, C, ...) so that a slow moment of the machine hits all of them, and the best of N
is reported: the minimum is the least noisy estimate of what the code itself costs.

    python benchmarks/nn_step.py [--repeats 50]
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable

import numpy as np

from helpers.nn import SGD, SoftmaxCrossEntropy, mlp

SIZES = (784, 256, 256, 10)
BATCH = 256
LR = 0.01


Step = Callable[[], float]  # one training step; returns the loss before the update
Weights = Callable[[], list[np.ndarray]]  # the current parameters, W1, b1, W2, b2, W3, b3


def helpers_step(X: np.ndarray, y: np.ndarray, seed: int) -> tuple[Step, Weights]:
    model = mlp(SIZES, "relu", rng=seed)
    loss = SoftmaxCrossEntropy()
    optimiser = SGD(model, lr=LR)

    def step() -> float:
        value = loss.forward(model.forward(X), y)
        model.backward(loss.backward(), input_grad=False)
        optimiser.step()
        return value

    return step, lambda: list(model.params().values())


def numpy_step(X: np.ndarray, y: np.ndarray, weights: list[np.ndarray]) -> tuple[Step, Weights]:
    """The textbook version: every expression allocates its result."""
    W1, b1, W2, b2, W3, b3 = (w.copy() for w in weights)
    onehot = np.eye(SIZES[-1])[y]
    n = len(X)

    def step() -> float:
        z1 = X @ W1 + b1
        a1 = np.maximum(z1, 0.0)
        z2 = a1 @ W2 + b2
        a2 = np.maximum(z2, 0.0)
        z3 = a2 @ W3 + b3
        shifted = z3 - z3.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        value = -np.sum(onehot * log_probs) / n
        d3 = (np.exp(log_probs) - onehot) / n
        dW3, db3 = a2.T @ d3, d3.sum(axis=0)
        d2 = (d3 @ W3.T) * (z2 > 0)
        dW2, db2 = a1.T @ d2, d2.sum(axis=0)
        d1 = (d2 @ W2.T) * (z1 > 0)
        dW1, db1 = X.T @ d1, d1.sum(axis=0)
        for param, grad in ((W1, dW1), (b1, db1), (W2, dW2), (b2, db2), (W3, dW3), (b3, db3)):
            param -= LR * grad
        return float(value)

    return step, lambda: [W1, b1, W2, b2, W3, b3]


def numpy_tuned_step(X: np.ndarray, y: np.ndarray, weights: list) -> tuple[Step, Weights]:
    """The same maths with fewer temporaries: gradient buffers reused, biases added in place,
    the label column picked by index instead of a one-hot product."""
    params = [w.copy() for w in weights]
    grads = [np.empty_like(w) for w in params]
    W1, b1, W2, b2, W3, b3 = params
    dW1, db1, dW2, db2, dW3, db3 = grads
    rows, n = np.arange(len(X)), len(X)

    def step() -> float:
        z1 = X @ W1
        z1 += b1
        a1 = np.maximum(z1, 0.0)
        z2 = a1 @ W2
        z2 += b2
        a2 = np.maximum(z2, 0.0)
        z3 = a2 @ W3
        z3 += b3
        z3 -= z3.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(z3).sum(axis=1))
        value = np.sum(log_norm - z3[rows, y]) / n
        d3 = np.exp(z3 - log_norm[:, None])
        d3[rows, y] -= 1.0
        d3 /= n
        np.matmul(a2.T, d3, out=dW3)
        np.sum(d3, axis=0, out=db3)
        d2 = d3 @ W3.T
        d2 *= z2 > 0
        np.matmul(a1.T, d2, out=dW2)
        np.sum(d2, axis=0, out=db2)
        d1 = d2 @ W2.T
        d1 *= z1 > 0
        np.matmul(X.T, d1, out=dW1)
        np.sum(d1, axis=0, out=db1)
        for param, grad in zip(params, grads, strict=True):
            grad *= LR
            param -= grad
        return float(value)

    return step, lambda: params


def torch_step(X: np.ndarray, y: np.ndarray, weights: list[np.ndarray]) -> tuple[Step, Weights]:
    import torch

    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y.astype(np.int64))
    params = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in weights]
    W1, b1, W2, b2, W3, b3 = params
    optimiser = torch.optim.SGD(params, lr=LR)

    def step() -> float:
        optimiser.zero_grad(set_to_none=True)
        hidden = torch.relu(torch.relu(X_t @ W1 + b1) @ W2 + b2)
        loss = torch.nn.functional.cross_entropy(hidden @ W3 + b3, y_t)
        loss.backward()
        optimiser.step()
        return float(loss.detach())

    return step, lambda: [p.detach().numpy() for p in params]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50, help="timed steps per implementation")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    X = rng.standard_normal((BATCH, SIZES[0]))
    y = rng.integers(0, SIZES[-1], size=BATCH)
    contestants: dict[str, tuple[Step, Weights]] = {"helpers.nn": helpers_step(X, y, seed=1)}
    start = [w.copy() for w in contestants["helpers.nn"][1]()]
    contestants["plain numpy"] = numpy_step(X, y, start)
    contestants["plain numpy, tuned"] = numpy_tuned_step(X, y, start)
    try:
        contestants["PyTorch (CPU)"] = torch_step(X, y, start)
        import torch

        torch_note = f"torch {torch.__version__}, {torch.get_num_threads()} threads"
    except ImportError as error:
        torch_note = f"PyTorch skipped ({error})"

    # From the same weights, one step each must give the same loss and the same new weights.
    losses = {name: step() for name, (step, _) in contestants.items()}
    expected = contestants["helpers.nn"][1]()
    for name, (_, weights) in contestants.items():
        gap = max(float(np.max(np.abs(a - b))) for a, b in zip(weights(), expected, strict=True))
        if gap > 1e-12 or abs(losses[name] - losses["helpers.nn"]) > 1e-12:
            raise SystemExit(f"{name} computes something else: weights differ by {gap:.1e}")

    for step, _ in contestants.values():  # warm up caches, BLAS threads and the allocator
        for _ in range(3):
            step()
    timings: dict[str, list[float]] = {name: [] for name in contestants}
    for _ in range(args.repeats):
        for name, (step, _) in contestants.items():
            begin = time.perf_counter()
            step()
            timings[name].append(time.perf_counter() - begin)

    best = {name: min(times) for name, times in timings.items()}
    baselines = [
        name for name in ("plain numpy", "plain numpy, tuned", "PyTorch (CPU)") if name in best
    ]
    print(f"One SGD step, batch {BATCH}, {'-'.join(map(str, SIZES))} ReLU MLP, float64, "
          f"best of {args.repeats} (interleaved)")  # fmt: skip
    print(f"numpy {np.__version__}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs; {torch_note}")  # fmt: skip
    print("All implementations agree: same loss and same updated weights (to 1e-12).\n")
    print("| implementation | best (ms) | median (ms) |" + "".join(f" × {b} |" for b in baselines))
    print("|---|---:|---:|" + "---:|" * len(baselines))
    for name, times in timings.items():
        ratios = "".join(f" {best[name] / best[b]:.2f} |" for b in baselines)
        print(f"| {name} | {best[name] * 1e3:.2f} | {np.median(times) * 1e3:.2f} |{ratios}")
    print()
    for baseline, goal in (
        ("plain numpy", 1.2),
        ("plain numpy, tuned", 1.2),
        ("PyTorch (CPU)", 1.5),
    ):
        if baseline in best:
            ratio = best["helpers.nn"] / best[baseline]
            verdict = "met" if ratio <= goal else "NOT met"
            print(f"helpers.nn / {baseline}: {ratio:.2f} (goal ≤ {goal:.2f}: {verdict})")
        else:
            print(f"helpers.nn / {baseline}: not measured ({torch_note})")


if __name__ == "__main__":
    main()
