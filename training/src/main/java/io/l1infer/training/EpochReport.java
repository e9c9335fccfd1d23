package io.l1infer.training;

/**
 * Progress after one training epoch.
 *
 * @param epoch              1-based epoch number.
 * @param epochs             total epochs.
 * @param phase              "dense", "pruning" or "fine-tune".
 * @param trainLoss          mean weighted training loss over the epoch (on the quantized forward pass).
 * @param validationLoss     mean (unweighted) loss on the validation events.
 * @param validationSigma    core sigma of (pT_pred - pT_true) / pT_true on all validation events ({@link RobustSigma}).
 * @param sparsity           fraction of dense weights pruned.
 * @param learningRate       learning rate of the epoch's last step.
 * @param clippedFraction    share of the epoch's steps whose gradient norm was clipped.
 * @param wraps              values that wrapped in the epoch's training forward passes.
 * @param seconds            wall time since training started (simulation excluded).
 */
public record EpochReport(
    int epoch,
    int epochs,
    String phase,
    double trainLoss,
    double validationLoss,
    double validationSigma,
    double sparsity,
    double learningRate,
    double clippedFraction,
    long wraps,
    double seconds)
{
    /** One line for a progress log. */
    public String line()
    {
        return String.format(java.util.Locale.ROOT,
            "epoch %d/%d %-9s loss=%.5f val_loss=%.5f val_sigma=%.4f sparsity=%.3f lr=%.2e clipped=%.2f wraps=%d " +
                "t=%.1fs",
            epoch, epochs, phase, trainLoss, validationLoss, validationSigma, sparsity, learningRate, clippedFraction,
            wraps, seconds);
    }
}
