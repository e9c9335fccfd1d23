package io.l1infer.config;

import io.aeron.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingTest
{
    @Test
    void intRangeAcceptsBoundsAndRefusesOutside()
    {
        final Setting<Integer> setting = Setting.intInRange("t.batch", "5", "Batch.", 1, 10);
        assertEquals(1, setting.parse("1"));
        assertEquals(10, setting.parse(" 10 "));
        assertEquals("must be an integer between 1 and 10", refusal(setting, "11"));
        assertEquals("must be an integer between 1 and 10", refusal(setting, "0"));
        assertEquals("must be an integer between 1 and 10", refusal(setting, "ten"));
        assertEquals("must be an integer between 1 and 10", refusal(setting, "99999999999999999999"));
        assertEquals(5, setting.defaultValue());
    }

    @Test
    void unboundedIntDescribesItselfAsAnyInteger()
    {
        final Setting<Integer> setting =
            Setting.intInRange("t.stream", "0", "Stream.", Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertEquals(Integer.MIN_VALUE, setting.parse(String.valueOf(Integer.MIN_VALUE)));
        assertEquals("an integer", setting.allowedValues());
        assertEquals("must be an integer", refusal(setting, "2147483648"));
    }

    @Test
    void halfOpenRangesSayWhichBoundHolds()
    {
        final Setting<Integer> atLeast = Setting.intInRange("t.big", "0", "Big.", 0, Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, atLeast.parse(String.valueOf(Integer.MAX_VALUE)));
        assertEquals("must be an integer >= 0", refusal(atLeast, "-1"));
        assertEquals("must be an integer >= 0", refusal(atLeast, String.valueOf(1L << 40)));
        final Setting<Integer> atMost = Setting.intInRange("t.low", "0", "Low.", Integer.MIN_VALUE, 9);
        assertEquals("must be an integer <= 9", refusal(atMost, "10"));
    }

    @Test
    void powerOfTwoRefusesOtherNumbers()
    {
        final Setting<Integer> setting = Setting.powerOfTwo("t.ring", "4096", "Ring.", 2, 1 << 20);
        assertEquals(2, setting.parse("2"));
        assertEquals(1 << 20, setting.parse("1048576"));
        assertEquals("must be a power of two between 2 and 1048576", refusal(setting, "1000"));
        assertEquals("must be a power of two between 2 and 1048576", refusal(setting, "1"));
        assertEquals("must be a power of two between 2 and 1048576", refusal(setting, "2097152"));
    }

    @Test
    void boolAcceptsOnlyTrueAndFalse()
    {
        final Setting<Boolean> setting = Setting.bool("t.on", "true", "On.");
        assertEquals(Boolean.FALSE, setting.parse("false"));
        assertEquals(Boolean.TRUE, setting.parse("true"));
        for (final String bad : new String[] { "yes", "1", "TRUE", "", "flase" })
        {
            assertEquals("must be true or false", refusal(setting, bad), bad);
        }
    }

    @Test
    void oneOfUsesLowerCaseWordsWithDashes()
    {
        final Setting<ThreadingMode> setting =
            Setting.oneOf("t.threading", "shared", "Threading.", ThreadingMode.class);
        assertEquals(ThreadingMode.SHARED_NETWORK, setting.parse("shared-network"));
        assertEquals("shared-network", setting.format(ThreadingMode.SHARED_NETWORK));
        assertEquals("invoker | shared | shared-network | dedicated", setting.allowedValues());
        assertEquals("must be one of invoker | shared | shared-network | dedicated",
            refusal(setting, "SHARED_NETWORK"));
    }

    @Test
    void durationIsInNanosecondsWithinBounds()
    {
        final Setting<Long> setting = Setting.duration("t.timeout", "10s", "Timeout.", 1_000_000L, 3_600_000_000_000L);
        assertEquals(10_000_000_000L, setting.defaultValue());
        assertEquals(1_000_000L, setting.parse("1ms"));
        assertEquals("must be a duration between 1ms and 1h", refusal(setting, "999us"));
        assertEquals("must be a duration between 1ms and 1h", refusal(setting, "2h"));
        assertTrue(refusal(setting, "10").startsWith("must be a whole number with a unit"));
    }

    @Test
    void byteSizeHonoursBoundsAndPowerOfTwo()
    {
        final Setting<Integer> term = Setting.byteSize("t.term", "16m", "Term.", 64 << 10, 1 << 30, true);
        assertEquals(16 << 20, term.defaultValue());
        assertEquals(64 << 10, term.parse("65536"));
        assertEquals("16m", term.format(16 << 20));
        assertEquals("must be a power of two between 64k and 1g bytes", refusal(term, "100k"));
        assertEquals("must be a power of two between 64k and 1g bytes", refusal(term, "32k"));
        assertEquals("must be a power of two between 64k and 1g bytes", refusal(term, "2g"));

        final Setting<Integer> any = Setting.byteSize("t.any", "1m", "Any.", 1 << 10, 1 << 20, false);
        assertEquals(100 << 10, any.parse("100k"));
        assertEquals(64 << 10, any.parse("64K"));
        assertEquals("1536k", any.format(1536 << 10));
        assertEquals("1000", any.format(1000));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "k", "1.5m", "-1k", "+64k", "16mb", "16 MiB", "0x10", "99999999999999999999g" })
    void byteSizeRefusesTextThatIsNotASize(final String text)
    {
        final Setting<Integer> any = Setting.byteSize("t.any", "1m", "Any.", 0, Integer.MAX_VALUE, false);
        assertEquals("must be a size between 0 and 2147483647 bytes (suffix k, m or g for x1024, x1024^2, x1024^3)",
            refusal(any, text), text);
    }

    @Test
    void byteSizeTextParsesBackToTheSameValue()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Setting<Integer> any = Setting.byteSize("t.any", "1m", "Any.", 0, 1 << 30, false);
        for (int i = 0; i < 10_000; i++)
        {
            final int bytes = random.nextInt(1 << 20) << random.nextInt(11);
            assertEquals(bytes, any.parse(any.format(bytes)), "seed " + seed + ", bytes " + bytes);
        }
    }

    @Test
    void wordAndOptionalSettings()
    {
        final Setting<String> type = Setting.word("t.type", "all", "Type.", "all", "cpu", "gpu");
        assertEquals("gpu", type.parse(" gpu "));
        assertEquals("all | cpu | gpu", type.allowedValues());
        assertEquals("must be one of all | cpu | gpu", refusal(type, "GPU"));

        final Setting<Optional<String>> group = Setting.optionalMatching(
            "t.group", "", "Group.", Pattern.compile("[a-z]+"), "a group name, or empty");
        assertEquals(Optional.empty(), group.defaultValue());
        assertEquals(Optional.of("daq"), group.parse("daq"));
        assertEquals("must be a group name, or empty", refusal(group, "D A Q"));

        final Setting<Optional<Integer>> mask = Setting.optionalOctalMask("t.umask", "", "Umask.");
        assertEquals(Optional.of(7), mask.parse("0007"));
        assertEquals(Optional.of(0777), mask.parse("777"));
        assertEquals("0027", mask.format(Optional.of(027)));
        assertEquals("", mask.format(Optional.empty()));
        assertEquals("must be an octal mask such as 0007, or empty", refusal(mask, "0008"));
    }

    @Test
    void pathsMayNotBeEmptyButOptionalPathsMay()
    {
        final Setting<Path> dir = Setting.path("t.dir", "models", "Dir.");
        assertEquals(Path.of("a/b"), dir.parse("a/b"));
        assertEquals("must be a non-empty path", refusal(dir, "  "));
        assertTrue(refusal(dir, "a\0b").startsWith("must be a valid path"));

        final Setting<Optional<Path>> log = Setting.optionalPath("t.log", "", "Log.");
        assertEquals(Optional.empty(), log.defaultValue());
        assertEquals(Optional.of(Path.of("/tmp/x.hlog")), log.parse("/tmp/x.hlog"));
        assertEquals("", log.format(Optional.empty()));
    }

    @Test
    void matchingRefusesTextOutsideThePattern()
    {
        final Setting<String> name = Setting.matching(
            "t.kernel", "kernel_wrapper", "Kernel.", Pattern.compile("[A-Za-z_][A-Za-z0-9_]*"), "a C identifier");
        assertEquals("k2", name.parse("k2"));
        assertEquals("must be a C identifier", refusal(name, "2k"));
        assertEquals("must be a C identifier", refusal(name, "kernel wrapper"));
    }

    @Test
    void intRangeMustLieWithinBounds()
    {
        final Setting<IntRange> wheels = Setting.intRange("t.wheels", "-2..2", "Wheels.", new IntRange(-2, 2));
        assertEquals(new IntRange(-1, 0), wheels.parse("-1..0"));
        assertEquals("must be FROM..TO with -2 <= FROM <= TO <= 2", refusal(wheels, "-3..0"));
        assertEquals("must have FROM <= TO in FROM..TO", refusal(wheels, "1..0"));
    }

    @Test
    void textKeepsInnerSpacesAndMayBeEmpty()
    {
        final Setting<String> platform = Setting.text("t.platform", "", "Platform.");
        assertEquals("", platform.defaultValue());
        assertEquals("Portable Computing Language", platform.parse("  Portable Computing Language "));
    }

    @Test
    void everyFormatParsesBackToTheSameValue()
    {
        for (final Setting<?> setting : DaemonSettings.CATALOGUE.settings())
        {
            assertFormatRoundTrips(setting);
        }
    }

    @Test
    void badDefaultFailsAtDeclarationNamingTheKey()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Setting.powerOfTwo("t.ring", "1000", "Ring.", 2, 1024));
        assertEquals("t.ring: the declared default 1000 is invalid: must be a power of two between 2 and 1024",
            ex.getMessage());
    }

    @Test
    void declarationNeedsAOneLineDocAndADottedLowerCaseKey()
    {
        assertThrows(IllegalArgumentException.class, () -> Setting.text("t.x", "", "two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> Setting.text("t.x", "", " "));
        assertThrows(IllegalArgumentException.class, () -> Setting.text("Ring.Size", "", "Doc."));
        assertThrows(IllegalArgumentException.class, () -> Setting.text("nodots", "", "Doc."));
    }

    @Test
    void theRecordsOwnConstructorChecksTheDeclarationAsTheFactoriesDo()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Setting<Integer>("t.n", "x", "N.", "an integer", Integer::valueOf, String::valueOf,
                (value, paths) -> value));
        assertEquals("t.n: the declared default x is invalid: must be an integer", ex.getMessage());
        assertThrows(NullPointerException.class,
            () -> new Setting<String>("t.n", "", "N.", "any text", null, (text) -> text, (value, paths) -> value));
        final Setting<Integer> direct = new Setting<>("t.n", " 7 ", "N.", "an integer", Integer::valueOf,
            String::valueOf, (value, paths) -> value);
        assertEquals(7, direct.defaultValue());
        assertEquals("t.n", direct.toString());
    }

    private static <T> void assertFormatRoundTrips(final Setting<T> setting)
    {
        final T value = setting.defaultValue();
        assertEquals(value, setting.parse(setting.format(value)), setting.key());
    }

    private static String refusal(final Setting<?> setting, final String text)
    {
        return assertThrows(IllegalArgumentException.class, () -> setting.parse(text), text).getMessage();
    }
}
