package io.l1infer.training;

/** Receives the trainer's progress: what happened before training, and one report per epoch. */
public interface TrainingProgress
{
    /** Free-text step such as "simulated 300000 events in 4.1 s". */
    void note(String message);

    void epoch(EpochReport report);

    /** Progress that goes nowhere (tests). */
    TrainingProgress SILENT = new TrainingProgress()
    {
        @Override
        public void note(final String message)
        {
        }

        @Override
        public void epoch(final EpochReport report)
        {
        }
    };
}
