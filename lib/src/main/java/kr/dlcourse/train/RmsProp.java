package kr.dlcourse.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PyTorch's {@code optim.RMSprop} (not centered, no momentum): for every parameter, {@code v = α·v +
 * (1 − α)·g²} and {@code w −= lr · g / (√v + ε)}, with PyTorch's defaults α = 0.99 and ε = 1e-8.
 * DJL 0.35.1's own {@code Optimizer.rmsprop()} is not implemented by the PyTorch engine (its update
 * throws "Not implemented"), so the course brings this one.
 *
 * <pre>{@code
 * Optimizer rmsprop = RmsProp.builder().optLearningRateTracker(Tracker.fixed(1e-4f)).build();
 * }</pre>
 */
public final class RmsProp extends Optimizer {

  private final ParameterTracker learningRateTracker;
  private final float alpha;
  private final float epsilon;
  private final Map<String, Map<Device, NDArray>> squares = new ConcurrentHashMap<>();

  private RmsProp(Builder builder) {
    super(builder);
    learningRateTracker = builder.learningRateTracker;
    alpha = builder.alpha;
    epsilon = builder.epsilon;
  }

  /** A builder with PyTorch's defaults: lr 0.01, alpha 0.99, eps 1e-8. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    float lr = learningRateTracker.getNewValue(parameterId, updateCount(parameterId));
    NDArray g = grad.mul(rescaleGrad);
    if (clipGrad > 0) {
      g = g.clip(-clipGrad, clipGrad);
    }
    if (getWeightDecay() != 0) {
      g = g.add(weight.mul(getWeightDecay()));
    }
    NDArray v = withDefaultState(squares, parameterId, weight.getDevice(), k -> weight.zerosLike());
    v.muli(alpha).addi(g.square().muli(1 - alpha));
    NDArray step = g.div(v.sqrt().addi(epsilon)).muli(lr);
    weight.subi(step);
    try (NDArray accumulated = weight.getGradient()) {
      accumulated.muli(0); // the engine's own optimizers zero the weight's gradient after an update
    }
    g.close();
    step.close();
  }

  /** Builds an {@link RmsProp}. */
  public static final class Builder extends OptimizerBuilder<Builder> {

    private ParameterTracker learningRateTracker = Tracker.fixed(0.01f);
    private float alpha = 0.99f;
    private float epsilon = 1e-8f;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** The learning rate (PyTorch's {@code lr}), fixed or scheduled. */
    public Builder optLearningRateTracker(ParameterTracker tracker) {
      this.learningRateTracker = tracker;
      return this;
    }

    /** The smoothing constant (PyTorch's {@code alpha}, default 0.99). */
    public Builder optAlpha(float alpha) {
      this.alpha = alpha;
      return this;
    }

    /** Added to the denominator (PyTorch's {@code eps}, default 1e-8). */
    public Builder optEpsilon(float epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    public RmsProp build() {
      return new RmsProp(this);
    }
  }
}
