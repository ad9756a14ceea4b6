"""Tests for helpers.plotting, inspecting the returned figures under the Agg backend."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS
from helpers.gradcheck import numerical_derivative
from helpers.plotting import (
    CLASS_COLOURS,
    CLASS_MARKERS,
    figure_and_axes,
    plot_activation,
    plot_activations,
    plot_decision_boundary,
    plot_neuron,
    plot_training_curves,
    plot_weight_and_bias,
    small_multiples,
)


def labelled_lines(ax):
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def legend_labels(ax):
    return [text.get_text() for text in ax.get_legend().get_texts()]


@pytest.mark.parametrize("name", ["relu", "tanh", "leaky_relu", "relu6"])
def test_plot_activation_draws_f_derivative_and_numerical_check(name):
    figure = plot_activation(name, check_points=7)
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    f, derivative, numerical = labelled_lines(ax)
    assert legend_labels(ax) == ["f", "f′", "numerical f′"]
    colour = to_hex(ACTIVATIONS[name].colour)
    assert to_hex(f.get_color()) == colour
    assert to_hex(derivative.get_color()) == colour
    assert derivative.get_linestyle() == "--"
    assert len(numerical.get_xdata()) == 7
    assert numerical.get_linestyle() == "None"
    # The markers really are the numerical derivative, and it agrees with the dashed line.
    activation = ACTIVATIONS[name]
    x = np.asarray(numerical.get_xdata())
    np.testing.assert_allclose(numerical.get_ydata(), numerical_derivative(activation, x))
    np.testing.assert_allclose(numerical.get_ydata(), activation.grad(x), atol=1e-8)
    np.testing.assert_allclose(f.get_ydata(), activation(np.asarray(f.get_xdata())))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_every_registry_activation_plots_with_its_formula_and_a_passing_check(name):
    activation = ACTIVATIONS[name]
    ax = plot_activation(name).axes[0]
    assert f"${activation.formula.strip('$')}$" in ax.get_title()  # mathtext could render it
    numerical = labelled_lines(ax)[2]
    x = np.asarray(numerical.get_xdata())
    np.testing.assert_allclose(numerical.get_ydata(), activation.grad(x), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", [name for name, entry in ACTIVATIONS.items() if entry.kinks])
def test_check_points_stay_away_from_kinks(name):
    # x from −6 to 6 in 13 points would put markers exactly on 0, ±3 and 6.
    figure = plot_activation(name, np.linspace(-6, 6, 200), check_points=13)
    numerical = labelled_lines(figure.axes[0])[2]
    x = np.asarray(numerical.get_xdata())
    assert len(x) == 13
    distances = np.abs(x[:, None] - np.array(ACTIVATIONS[name].kinks)[None, :])
    assert distances.min() > 1e-3


def test_default_range_shows_every_kink():
    figure = plot_activation("relu6")
    x = figure.axes[0].get_lines()[0].get_xdata()
    assert x.min() < 0 and x.max() > 6


def test_plot_activation_params_change_the_curve_and_title():
    default = plot_activation("leaky_relu", [-2.0, 2.0], check_points=0)
    steeper = plot_activation("leaky_relu", [-2.0, 2.0], params={"alpha": 0.2}, check_points=0)
    assert default.axes[0].get_lines()[0].get_ydata()[0] == pytest.approx(-0.02)
    assert steeper.axes[0].get_lines()[0].get_ydata()[0] == pytest.approx(-0.4)
    assert "α = 0.2" in steeper.axes[0].get_title()


def test_plot_activation_title_has_label_and_formula():
    activation = ACTIVATIONS["relu"]
    title = plot_activation("relu").axes[0].get_title()
    assert title.startswith(activation.label)
    assert activation.formula.strip("$") in title


def test_plot_activation_without_derivative_draws_only_f():
    figure = plot_activation("tanh", show_derivative=False)
    assert legend_labels(figure.axes[0]) == ["f"]


def test_plot_activation_accepts_an_activation_object_and_an_existing_ax():
    figure, (left, right) = plt.subplots(1, 2)
    returned = plot_activation(ACTIVATIONS["tanh"], ax=right)
    assert returned is figure
    assert len(right.get_lines()) == 3
    assert len(left.get_lines()) == 0


def test_plot_activation_style():
    ax = plot_activation("sigmoid").axes[0]
    assert not ax.spines["top"].get_visible()
    assert not ax.spines["right"].get_visible()
    assert any(line.get_visible() for line in ax.get_xgridlines())


def test_plot_activation_bad_arguments():
    with pytest.raises(ValueError, match="activation must be one of"):
        plot_activation("relu7")
    with pytest.raises(TypeError, match="activation must be a name"):
        plot_activation(3)
    with pytest.raises(ValueError, match="params has unknown names"):
        plot_activation("relu", params={"alpha": 0.1})
    with pytest.raises(ValueError, match="check_points must be at least 0"):
        plot_activation("relu", check_points=-1)
    with pytest.raises(ValueError, match="x must be 1-D"):
        plot_activation("relu", np.ones((2, 2)))
    with pytest.raises(ValueError, match="x must be finite"):
        plot_activation("relu", [0.0, np.inf])
    assert plt.get_fignums() == []  # nothing half-drawn was left behind


def test_plot_activations_uses_registry_colours_linestyles_labels():
    names = ["sigmoid", "tanh", "relu"]
    figure = plot_activations(names)
    ax = figure.axes[0]
    lines = labelled_lines(ax)
    assert len(lines) == 3
    for line, name in zip(lines, names, strict=True):
        assert to_hex(line.get_color()) == to_hex(ACTIVATIONS[name].colour)
        assert (
            line.get_linestyle()
            == plt.Line2D([], [], linestyle=ACTIVATIONS[name].linestyle).get_linestyle()
        )
    assert legend_labels(ax) == [ACTIVATIONS[name].label for name in names]


def test_plot_activations_derivative_plots_derivatives():
    x = np.linspace(-3, 3, 7)
    figure = plot_activations(["tanh"], x, derivative=True)
    np.testing.assert_allclose(
        figure.axes[0].get_lines()[0].get_ydata(), ACTIVATIONS["tanh"].grad(x)
    )
    assert figure.axes[0].get_ylabel() == "f′(x)"


def test_plot_activations_rejects_empty_names():
    with pytest.raises(ValueError, match="names must not be empty"):
        plot_activations([])


def xor_like():
    X = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, 1.0], [1.0, -1.0]] * 5)
    X += 0.05 * np.random.default_rng(0).normal(size=X.shape)
    y = np.array([0, 1, 0, 1] * 5)
    return X, y


def test_decision_boundary_with_labels():
    X, y = xor_like()
    figure = plot_decision_boundary(
        lambda P: (P[:, 0] * P[:, 1] < 0).astype(int), X, y, resolution=50, title="XOR"
    )
    ax = figure.axes[0]
    assert any(isinstance(c, ContourSet) for c in ax.collections)
    points = [c for c in ax.collections if not isinstance(c, ContourSet)]
    assert len(points) == 2
    for k, collection in enumerate(points):
        assert to_hex(collection.get_facecolor()[0]) == to_hex(CLASS_COLOURS[k])
        assert len(collection.get_offsets()) == np.sum(y == k)
    assert legend_labels(ax) == ["class 0", "class 1"]
    assert ax.get_title() == "XOR"


def test_decision_boundary_accepts_whole_float_labels():
    X, y = xor_like()
    ax = plot_decision_boundary(lambda P: P[:, 0] > 0, X, y.astype(float), resolution=20).axes[0]
    assert legend_labels(ax) == ["class 0", "class 1"]


def test_decision_boundary_marker_shapes_differ_per_class():
    X, y = xor_like()
    figure = plot_decision_boundary(lambda P: np.zeros(len(P), dtype=int), X, y, resolution=20)
    points = [c for c in figure.axes[0].collections if not isinstance(c, ContourSet)]
    paths = [collection.get_paths()[0].vertices.shape for collection in points]
    assert paths[0] != paths[1]  # circle vs square
    assert CLASS_MARKERS[0] != CLASS_MARKERS[1]


def test_decision_boundary_with_probabilities_draws_the_half_line():
    X, y = xor_like()

    def probability(P):
        return 1 / (1 + np.exp(-4 * P[:, 0]))

    ax = plot_decision_boundary(probability, X, y, resolution=40).axes[0]
    contours = [c for c in ax.collections if isinstance(c, ContourSet)]
    assert len(contours) == 2
    assert list(contours[1].levels) == [0.5]


def test_decision_boundary_multiclass_probabilities():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    y = np.array([0, 1, 2])

    def softmax_scores(P):
        scores = np.column_stack([-P.sum(axis=1), P[:, 0], P[:, 1]])
        return np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)

    ax = plot_decision_boundary(softmax_scores, X, y, resolution=30).axes[0]
    points = [c for c in ax.collections if not isinstance(c, ContourSet)]
    assert len(points) == 3


def test_decision_boundary_bad_arguments():
    X, y = xor_like()
    with pytest.raises(TypeError, match="predict must be callable"):
        plot_decision_boundary(None, X, y)
    with pytest.raises(ValueError, match="X must have shape"):
        plot_decision_boundary(lambda P: P[:, 0], X[:, :1], y)
    with pytest.raises(ValueError, match="y must be"):
        plot_decision_boundary(lambda P: P[:, 0], X, y[:-1])
    with pytest.raises(ValueError, match="y must be"):
        plot_decision_boundary(lambda P: P[:, 0], X, y + 0.5)
    with pytest.raises(ValueError, match="y must be"):
        plot_decision_boundary(lambda P: P[:, 0], X, y - 1)
    with pytest.raises(ValueError, match="predict must return"):
        plot_decision_boundary(lambda P: P[:3, 0], X, y)
    with pytest.raises(ValueError, match="labels or probabilities"):
        plot_decision_boundary(lambda P: P[:, 0] * 1.5, X, y)
    assert plt.get_fignums() == []


def test_training_curves_one_line_per_series():
    history = {"train loss": [1.0, 0.5, 0.25], "val loss": [1.1, 0.7, 0.6]}
    figure = plot_training_curves(history, logy=True, title="loss")
    ax = figure.axes[0]
    lines = labelled_lines(ax)
    assert len(lines) == 2
    np.testing.assert_array_equal(lines[0].get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(lines[1].get_ydata(), [1.1, 0.7, 0.6])
    assert legend_labels(ax) == ["train loss", "val loss"]
    assert ax.get_yscale() == "log"
    assert to_hex(lines[0].get_color()) != to_hex(lines[1].get_color())
    assert lines[0].get_linestyle() != lines[1].get_linestyle()


def test_training_curves_named_after_activations_use_their_style():
    figure = plot_training_curves({"relu": [1.0, 0.5], "tanh": [1.0, 0.8]})
    lines = labelled_lines(figure.axes[0])
    assert to_hex(lines[0].get_color()) == to_hex(ACTIVATIONS["relu"].colour)
    assert legend_labels(figure.axes[0]) == [ACTIVATIONS["relu"].label, ACTIVATIONS["tanh"].label]


def test_training_curves_bad_arguments():
    with pytest.raises(ValueError, match="history must be a non-empty dict"):
        plot_training_curves({})
    with pytest.raises(ValueError, match=r"history\['loss'\] has values <= 0"):
        plot_training_curves({"loss": [1.0, 0.0]}, logy=True)
    with pytest.raises(ValueError, match=r"history\['loss'\] must be a non-empty 1-D"):
        plot_training_curves({"loss": []})


def test_small_multiples_one_panel_per_value():
    seen = []

    def draw(ax, alpha):
        seen.append(alpha)
        plot_activation("leaky_relu", params={"alpha": alpha}, ax=ax, check_points=3)

    values = [0.0, 0.1, 0.2, 0.3, 0.5]
    figure = small_multiples(draw, values, ncols=3, panel_size=(2.0, 1.5), title="α", label="α")
    assert seen == values
    assert len(figure.axes) == 5  # the sixth grid cell is removed
    assert [ax.get_title() for ax in figure.axes] == [f"α = {v:g}" for v in values]
    width, height = figure.get_size_inches()
    assert (width, height) == (6.0, 3.0)
    assert figure._suptitle.get_text() == "α"
    assert plt.get_fignums() == [figure.number]


def test_small_multiples_label_callable_and_default():
    figure = small_multiples(lambda ax, v: ax.plot([0, v]), [1, 2], label=lambda v: f"n={v}")
    assert [ax.get_title() for ax in figure.axes] == ["n=1", "n=2"]
    figure = small_multiples(lambda ax, v: ax.plot([0, v]), [1.5, 2])
    assert [ax.get_title() for ax in figure.axes] == ["1.5", "2"]


def test_small_multiples_closes_its_figure_when_draw_fails():
    def draw(ax, value):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        small_multiples(draw, [1, 2])
    assert plt.get_fignums() == []


def test_small_multiples_bad_arguments():
    with pytest.raises(TypeError, match="draw must be callable"):
        small_multiples(None, [1])
    with pytest.raises(ValueError, match="values must not be empty"):
        small_multiples(lambda ax, v: None, [])
    with pytest.raises(ValueError, match="ncols must be at least 1"):
        small_multiples(lambda ax, v: None, [1], ncols=0)


def test_functions_never_show(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("plt.show() was called")

    monkeypatch.setattr(plt, "show", fail)
    X, y = xor_like()
    plot_activation("relu")
    plot_activations(["relu", "tanh"])
    plot_decision_boundary(lambda P: P[:, 0] > 0, X, y, resolution=10)
    plot_training_curves({"loss": [1.0]})
    small_multiples(lambda ax, v: None, [1])


def test_figure_and_axes_makes_a_figure_or_finds_the_root_of_a_given_axes():
    figure, ax = figure_and_axes(None, (3.0, 2.0))
    assert isinstance(figure, Figure) and ax.figure is figure
    assert tuple(figure.get_size_inches()) == (3.0, 2.0)
    root = plt.figure()
    inner_ax = root.subfigures(1, 2)[1].add_subplot()
    assert figure_and_axes(inner_ax, (9.0, 9.0)) == (root, inner_ax)  # not the SubFigure
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes or None, got str"):
        figure_and_axes("axes", (3.0, 2.0))


# --- one neuron: plot_neuron and plot_weight_and_bias (chapter 00) --------------------------------


@pytest.mark.parametrize(("w", "b", "name"), [(2.0, 4.0, "sigmoid"), (1.0, -1.0, "relu")])
def test_plot_neuron_draws_f_of_wx_plus_b_with_labels_and_the_centre(w, b, name):
    figure = plot_neuron(w, b, name)
    (ax,) = figure.axes
    curve, dot, centre_line = ax.get_lines()
    act = ACTIVATIONS[name]
    np.testing.assert_allclose(curve.get_ydata(), act(w * np.asarray(curve.get_xdata()) + b))
    assert to_hex(curve.get_color()) == to_hex(act.colour)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("input x", "output a")
    # The centre sits at x = −b/w, where z = 0: the dot at f(0), the dotted line through it.
    assert dot.get_xdata()[0] == pytest.approx(-b / w)
    assert dot.get_ydata()[0] == pytest.approx(float(act(0.0)))
    assert list(centre_line.get_xdata()) == pytest.approx([-b / w, -b / w])
    sign = "−" if b < 0 else "+"
    assert ax.get_title() == f"a = {act.label}({w:g}·x {sign} {abs(b):g})"


def test_plot_neuron_keeps_a_bounded_activation_in_its_band_and_survives_w_0():
    ax = plot_neuron(0.0, -3.0, "tanh").axes[0]
    assert ax.get_ylim() == pytest.approx((-1.1, 1.1))
    assert len(ax.get_lines()) == 1  # no centre: with w = 0, z never crosses 0
    assert ax.get_title() == "a = Tanh(0·x − 3)"
    low, high = plot_neuron(3.0, 3.0, "relu").axes[0].get_ylim()
    assert low < 0 < 21 < high  # ReLU: from its floor 0 to the data's top, 3·6 + 3


def test_plot_neuron_draws_on_a_given_axes_and_rejects_unknown_activations():
    figure, ax = plt.subplots()
    assert plot_neuron(1.0, 0.0, "relu", ax=ax) is figure
    with pytest.raises(ValueError, match="activation must be one of"):
        plot_neuron(1.0, 0.0, "relux")


def test_plot_weight_and_bias_shows_sharper_with_w_and_shifted_by_minus_b_over_w():
    figure = plot_weight_and_bias("sigmoid", weights=[0.5, 1, 2, 5], biases=[-2, 0, 4])
    left, right = figure.axes
    for ax in (left, right):
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("input x", "output a")
    assert legend_labels(left) == ["w = 0.5", "w = 1", "w = 2", "w = 5"]
    assert legend_labels(right) == ["b = −2: centre 1", "b = 0: centre 0", "b = 4: centre −2"]
    # Left: a larger weight, a steeper curve at the common centre x = 0.
    slopes = []
    for line in labelled_lines(left):
        x, a = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        slopes.append(np.max(np.gradient(a, x)))
    assert slopes == sorted(slopes) and slopes[-1] / slopes[0] == pytest.approx(10, rel=0.05)
    # Right: each curve crosses a = 0.5 at its dot, x = −b/w, with w = 2.
    dots = [line for line in right.get_lines() if line.get_label().startswith("_")]
    assert [d.get_xdata()[0] for d in dots] == pytest.approx([1.0, 0.0, -2.0])
    for line, centre in zip(labelled_lines(right), [1.0, 0.0, -2.0], strict=True):
        x, a = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        assert np.interp(0.5, a, x) == pytest.approx(centre, abs=1e-3)
    assert figure.get_suptitle() == "One neuron, a = Sigmoid(w·x + b)"


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"weights": []}, ValueError, "must not be empty"),
        ({"w_for_biases": 0}, ValueError, "must not be 0"),
        ({"biases": list(range(8))}, ValueError, "at most 7"),
        ({"activation": "nope"}, ValueError, "activation must be one of"),
    ],
)
def test_plot_weight_and_bias_rejects_bad_settings(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_weight_and_bias(**kwargs)
