package io.l1infer.fpga.opencl;

/** One kernel being generated: its statements, and the program-scope constant tables it declares before itself. */
final class KernelText
{
    final StringBuilder body = new StringBuilder(16 * 1024);
    final StringBuilder tables = new StringBuilder();
    private final String kernelName;

    KernelText(final String kernelName)
    {
        this.kernelName = kernelName;
    }

    /** Declares a {@code __constant} array of raw values (int when all fit) and returns its name. */
    String table(final String suffix, final long[] values)
    {
        boolean fitsInt = true;
        for (final long v : values)
        {
            fitsInt &= v == (int)v;
        }
        final String name = kernelName + "_" + suffix;
        tables.append("__constant ").append(fitsInt ? "int " : "long ").append(name).append('[')
            .append(values.length).append("] = {");
        for (int i = 0; i < values.length; i++)
        {
            if (i % 16 == 0)
            {
                tables.append("\n   ");
            }
            tables.append(' ').append(fitsInt ? FixedPointCExpressions.intLiteral((int)values[i]) :
                FixedPointCExpressions.longLiteral(values[i])).append(',');
        }
        tables.append("\n};\n");
        return name;
    }
}
