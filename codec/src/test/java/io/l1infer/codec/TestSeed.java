package io.l1infer.codec;

/**
 * The seed of every random generator in these tests: fixed so runs repeat, overridable with
 * {@code -Dl1infer.test.seed=N} to explore, and always quoted in failure messages.
 */
final class TestSeed
{
    static final long SEED = Long.getLong("l1infer.test.seed", 0x1C0DEC7001L);

    private TestSeed()
    {
    }
}
