package io.l1infer.training;

import io.l1infer.fpga.model.ModelBundle;

/**
 * What a training run produced.
 *
 * @param bundle             the exported model.
 * @param model              the trained network (masters, masks, quantized values).
 * @param validation         the held-out events.
 * @param agreement          trainer forward pass against the engine on the validation events.
 * @param wraps              values the exported model wrapped on the validation events.
 * @param last               the last epoch's report.
 * @param simulationSeconds  wall time of the simulation.
 * @param trainingSeconds    wall time of training, the engine check included.
 */
public record TrainingResult(
    ModelBundle bundle,
    QuantizedMlp model,
    TrainingSample validation,
    EngineAgreement agreement,
    WrapCensus wraps,
    EpochReport last,
    double simulationSeconds,
    double trainingSeconds)
{
}
