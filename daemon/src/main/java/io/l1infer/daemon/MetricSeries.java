package io.l1infer.daemon;

import java.util.Locale;

/**
 * The OpenMetrics series name of one l1infer Aeron counter, derived from its type id and label so that the metrics
 * endpoint and {@code l1infer-stat} (which shows labels) name the same thing the same way: {@code "l1infer: events
 * accepted"} is the counter {@code l1infer_events_accepted}, {@code "l1infer: rejects TRUNCATED"} is
 * {@code l1infer_rejects_by_reason{reason="TRUNCATED"}}, the latency gauges are
 * {@code l1infer_latency_last_interval_nanoseconds{quantile="0.99"}} and {@code l1infer_latency_last_interval_events}.
 *
 * @param family the metric family name.
 * @param gauge  true for a gauge, false for a counter (whose sample carries the {@code _total} suffix).
 * @param labels the label set in exposition syntax such as {@code {reason="TRUNCATED"}}, or empty.
 */
public record MetricSeries(String family, boolean gauge, String labels)
{
    /** First and last-plus-one type id of the counters l1infer allocates. */
    public static final int FIRST_TYPE_ID = 1000;
    public static final int END_TYPE_ID = 1100;

    private static final String LABEL_PREFIX = "l1infer: ";
    private static final String REJECTS = "rejects ";

    /** True when a counter of this type id is one of l1infer's. */
    public static boolean isL1inferType(final int typeId)
    {
        return typeId >= FIRST_TYPE_ID && typeId < END_TYPE_ID;
    }

    /**
     * The series of a counter.
     *
     * @param typeId the counter's type id.
     * @param label  the counter's label as AeronStat shows it.
     * @return the series.
     */
    public static MetricSeries of(final int typeId, final String label)
    {
        final String name = label.startsWith(LABEL_PREFIX) ? label.substring(LABEL_PREFIX.length()) : label;
        if (LatencyGauges.isLatencyGauge(typeId))
        {
            return switch (typeId)
            {
                case LatencyGauges.TYPE_LATENCY_P50 -> quantile("0.5");
                case LatencyGauges.TYPE_LATENCY_P99 -> quantile("0.99");
                case LatencyGauges.TYPE_LATENCY_P999 -> quantile("0.999");
                case LatencyGauges.TYPE_LATENCY_MAX -> quantile("1");
                default -> new MetricSeries("l1infer_latency_last_interval_events", true, "");
            };
        }
        if (typeId == DaemonCounter.REJECTS_TOTAL.typeId && name.startsWith(REJECTS) && !name.equals(REJECTS + "total"))
        {
            return new MetricSeries("l1infer_rejects_by_reason", false,
                "{reason=\"" + name.substring(REJECTS.length()) + "\"}");
        }
        final boolean gauge = typeId == DaemonCounter.RING_OCCUPANCY.typeId ||
            typeId == DaemonCounter.MEAN_BATCH_SIZE_X100.typeId;
        return new MetricSeries("l1infer_" + sanitize(name), gauge, "");
    }

    private static MetricSeries quantile(final String quantile)
    {
        return new MetricSeries("l1infer_latency_last_interval_nanoseconds", true, "{quantile=\"" + quantile + "\"}");
    }

    private static String sanitize(final String name)
    {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        s = s.replaceAll("^_+|_+$", "");
        return s.endsWith("_total") ? s.substring(0, s.length() - "_total".length()) : s;
    }

    /**
     * The sample name and labels as one exposition line starts, such as {@code l1infer_batches_total}.
     *
     * @return the sample's name with its labels.
     */
    public String sample()
    {
        return family + (gauge ? "" : "_total") + labels;
    }
}
