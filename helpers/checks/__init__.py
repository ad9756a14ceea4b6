"""Exercise checks. Each ``check_*`` takes the learner's function, prints a ✓ line when it is right
and raises ``AssertionError`` saying which input failed, expected versus got, the named mistake
and a hint when not.

Each check is a table (``_runner``: cases, reference, tolerances, a catalogue of known mistakes)
in one module per chapter, re-exported here, so a notebook writes
``from helpers.checks import check_collapse_linear``.
"""

from __future__ import annotations

from ._runner import ExerciseFailure
from .ch00_start import check_neuron_prediction, check_weighted_sum
from .ch01_nonlinearity import (
    check_collapse_linear,
    check_step_features,
    check_step_slope,
    check_xor_forward,
)
from .ch02_forward import (
    check_count_parameters,
    check_dense_forward,
    check_mlp_forward,
    check_tanh_std_prediction,
)
from .ch03_loss import (
    check_binary_cross_entropy,
    check_centred_difference,
    check_choose_learning_rate,
    check_gradient_descent_step,
)
from .ch04_chain_rule import (
    check_add_backward,
    check_composite_derivative,
    check_divide_backward,
    check_multiply_backward,
    check_neuron_gradients,
)
from .ch05_backprop import (
    check_backprop_one_hidden,
    check_dense_backward,
    check_fixed_backward,
    check_softmax_ce_delta,
)
from .ch06_sigmoid import (
    check_first_layer_signal,
    check_logistic_regression_gradient,
    check_stable_sigmoid,
)
from .ch07_tanh import (
    check_matching_rates,
    check_scaled_tanh,
    check_stable_tanh_derivative,
    check_tanh_from_sigmoid,
)
from .ch08_relu import check_dead_unit_fraction, check_he_std, check_relu, check_uniform_limit
from .ch09_leaky_prelu import check_channel_alpha_gradient, check_dead_unit_mask, check_leaky_relu
from .ch10_elu import check_elu, check_elu_derivative, check_elu_gaussian_mean
from .ch11_softmax import (
    check_nan_diagnosis,
    check_softmax_vjp,
    check_stable_log_softmax,
    check_stable_softmax,
)
from .ch12_maxout import (
    check_maxout_backward,
    check_maxout_error_prediction,
    check_maxout_forward,
    check_maxout_parameter_count,
)
from .ch13_choosing import (
    check_choose_output,
    check_dead_at_start,
    check_dead_units,
    check_spread_kinks,
    check_tied_with_best,
)
from .ch14_modern import (
    check_gelu_tanh,
    check_gelu_tanh_derivative,
    check_hard_swish,
    check_hard_swish_int8,
    check_int8_round_trip,
    check_kink_disagreements,
    check_tanh_cliff,
)

# One list of the checks: the imports above (pyproject.toml lets ruff accept them unused).
__all__ = ["ExerciseFailure", *sorted(name for name in dir() if name.startswith("check_"))]

_RENAMED = {"check_tanh_derivative_stable": "check_stable_tanh_derivative"}


def __getattr__(name: str) -> object:
    """Old check names, kept so that notebooks saved with an earlier version keep working."""
    if name in _RENAMED:
        import warnings

        warnings.warn(f"{name} is now {_RENAMED[name]}", DeprecationWarning, stacklevel=2)
        return globals()[_RENAMED[name]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
