package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.ActivationTables;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.SoftmaxImplementation;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.TemplateGeneration;

import static io.l1infer.fpga.opencl.FixedPointCExpressions.convert;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.longLiteral;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.valueType;

/**
 * OpenCL C of hls4ml's softmax in each implementation, inside the event's work-item, as the CPU's SoftmaxKernel
 * computes it: exp table indices from the top bits of the raw pattern, {@code nnet::reduce}'s balanced sum tree
 * with one conversion per addition, one inverse lookup, each output the exact product converted to {@code res_T};
 * legacy's n*n table lookups of differences; argmax's first maximum. Tables from the CPU engine's builders.
 */
final class SoftmaxC
{
    // One layer's generation state: the slice methods below read it instead of each taking the same list.
    private final StringBuilder b;
    private final SoftmaxLayer s;
    private final int l;
    private final FixedPointType in;
    private final Tables t;

    private SoftmaxC(final StringBuilder b, final SoftmaxLayer s, final int l, final FixedPointType in, final Tables t)
    {
        this.b = b;
        this.s = s;
        this.l = l;
        this.in = in;
        this.t = t;
    }

    static void append(final KernelText k, final SoftmaxLayer s, final int l, final FixedPointType in)
    {
        final int slice = s.sliceSize();
        final int[][] slices = new int[s.nOuter() * s.nInner()][slice];
        for (int i = 0; i < s.nOuter(); i++)
        {
            for (int kk = 0; kk < s.nInner(); kk++)
            {
                for (int j = 0; j < slice; j++)
                {
                    slices[i * s.nInner() + kk][j] = i * slice * s.nInner() + j * s.nInner() + kk;
                }
            }
        }
        final SoftmaxC layer = new SoftmaxC(k.body, s, l, in, tables(k, s, l, in));
        for (int c = 0; c < slices.length; c++)
        {
            switch (s.implementation())
            {
                case LATENCY -> layer.latency(slices[c], c, false);
                case STABLE -> layer.latency(slices[c], c, true);
                case LEGACY -> layer.legacy(slices[c], c);
                case ARGMAX -> layer.argmax(slices[c]);
                default -> throw new IllegalStateException(s.implementation().name());
            }
        }
    }

    private record Tables(String exp, String inv, FixedPointType diffType, FixedPointType expIndexType)
    {
    }

    private static Tables tables(final KernelText k, final SoftmaxLayer s, final int l, final FixedPointType in)
    {
        final boolean v1 = s.generation() == TemplateGeneration.V1;
        switch (s.implementation())
        {
            case LATENCY:
            case STABLE:
            {
                final boolean stable = s.implementation() == SoftmaxImplementation.STABLE;
                final FixedPointType diffType = !stable ? null : v1 ? s.normType() :
                    FixedPointType.of(true, in.width(), in.integerBits(), Quantization.AP_RND, Overflow.AP_SAT);
                final FixedPointType expIndexType = v1 && stable ? diffType : in;
                final int expBits = s.expTable().addressBits();
                final int invBits = s.invTable().addressBits();
                if (expBits > expIndexType.width() || invBits > s.invInputType().width())
                {
                    throw new IllegalArgumentException(s.name() + ": a softmax table needs more address bits than " +
                        "its index type has");
                }
                final long[] exp = ActivationTables.softmaxExp(expIndexType, s.expTable(), s.expScale(), v1,
                    v1 && stable);
                // exp_res = accum_t(exp_table[index]): converted once here, as the CPU kernel converts each read
                final long[] expAcc = new long[exp.length];
                for (int i = 0; i < exp.length; i++)
                {
                    expAcc[i] = s.accumType().convert(exp[i], s.expTable().type().fractionBits());
                }
                final long[] inv = ActivationTables.softmaxInvert(s.invInputType(), s.invTable());
                return new Tables(k.table("e" + l, expAcc), k.table("n" + l, inv), diffType, expIndexType);
            }
            case LEGACY:
            {
                final FixedPointType tt = s.tableType();
                final long[] exp = ActivationTables.legacyExp(s.legacyExpTable());
                final long[] inv = ActivationTables.legacyInvert(s.legacyInvertTable());
                final long[] invRes = new long[inv.length];
                for (int i = 0; i < inv.length; i++)
                {
                    invRes[i] = s.resultType().convert(inv[i], tt.fractionBits());
                }
                return new Tables(k.table("e" + l, exp), k.table("n" + l, invRes), null, null);
            }
            default:
                return new Tables(null, null, null, null);
        }
    }

    private void latency(final int[] idx, final int c, final boolean stable)
    {
        final boolean v1 = s.generation() == TemplateGeneration.V1;
        final String p = "m" + l + "_" + c;
        final int fin = in.fractionBits();
        if (stable)
        {
            b.append("    long ").append(p).append("max = ").append(OpenClKernelSource.value(l - 1, idx[0]))
                .append(";\n");
            for (int j = 1; j < idx.length; j++)
            {
                b.append("    ").append(p).append("max = max(").append(p).append("max, (long)")
                    .append(OpenClKernelSource.value(l - 1, idx[j])).append(");\n");
            }
        }
        final int expBits = s.expTable().addressBits();
        final FixedPointType acc = s.accumType();
        final ExactType wideIn = new ExactType(true, 128, fin);
        for (int j = 0; j < idx.length; j++)
        {
            final String x = "(long)" + OpenClKernelSource.value(l - 1, idx[j]);
            final String index;
            if (!stable)
            {
                index = topBits(x, in, expBits);
            }
            else if (v1)
            {
                index = topBits(convert(p + "max - " + x, wideIn, t.diffType()), t.diffType(), expBits);
            }
            else
            {
                final String d = convert(x + " - " + p + "max", wideIn, t.diffType());
                index = topBits(convert(d, wideIn, in), in, expBits);
            }
            b.append("    const long ").append(p).append("e").append(j).append(" = ").append(t.exp()).append('[')
                .append(index).append("];\n");
        }
        final String sum = reduce(b, p, 0, idx.length, acc);
        final String invInput = convert(sum, new ExactType(true, 128, acc.fractionBits()), s.invInputType());
        final int invBits = s.invTable().addressBits();
        b.append("    const long ").append(p).append("inv = ").append(t.inv()).append('[')
            .append(topBits("(long)(" + invInput + ")", s.invInputType(), invBits)).append("];\n");
        if (DenseC.magnitudeBits(acc) + DenseC.magnitudeBits(s.invTable().type()) > 62)
        {
            throw new IllegalArgumentException(s.name() + ": product of " + acc + " and " + s.invTable().type() +
                " is wider than 62 bits, not generated for OpenCL");
        }
        final ExactType product = new ExactType(true, 128, acc.fractionBits() + s.invTable().type().fractionBits());
        for (int j = 0; j < idx.length; j++)
        {
            b.append("    const ").append(valueType(s.resultType())).append(' ')
                .append(OpenClKernelSource.value(l, idx[j])).append(" = ")
                .append(convert(p + "e" + j + " * " + p + "inv", product, s.resultType())).append(";\n");
        }
    }

    /** {@code nnet::reduce<T, N, Op_add<T>>}: left half the largest power of two below N, each sum converted. */
    private static String reduce(final StringBuilder b, final String p, final int from, final int n,
        final FixedPointType t)
    {
        if (n == 1)
        {
            return p + "e" + from;
        }
        final int left = n == 2 ? 1 : Integer.highestOneBit(n - 1);
        final String a = reduce(b, p, from, left, t);
        final String c = reduce(b, p, from + left, n - left, t);
        final String name = p + "r" + from + "_" + n;
        final ExactType sum = new ExactType(true, 128, t.fractionBits());
        final String converted = t.width() <= 61 ? convert(a + " + " + c, sum, t) :
            FixedPointCExpressions.convertWide("l1x_add_hi(" + a + ", " + c + ")",
                "(as_ulong(" + a + ") + as_ulong(" + c + "))", sum, t);
        b.append("    const long ").append(name).append(" = ").append(converted).append(";\n");
        return name;
    }

    private void legacy(final int[] idx, final int c)
    {
        final String p = "m" + l + "_" + c;
        final FixedPointType tt = s.tableType();
        final long tableOne = tt.convert(1, 0);
        final long expOffset = s.expTable().scaledSize(8, 16) & 0xFFFFFFFFL;
        final ExactType wideTable = new ExactType(true, 128, tt.fractionBits());
        final int diffMagnitude = DenseC.magnitudeBits(in) + 1;
        for (int ii = 0; ii < idx.length; ii++)
        {
            final String a = p + "a" + ii;
            b.append("    long ").append(a).append(" = 0L;\n");
            for (int jj = 0; jj < idx.length; jj++)
            {
                final String e;
                if (ii == jj)
                {
                    e = longLiteral(tableOne);
                }
                else
                {
                    final String d = "((long)" + OpenClKernelSource.value(l - 1, idx[jj]) + " - (long)" +
                        OpenClKernelSource.value(l - 1, idx[ii]) + ")";
                    final String round = TableActivationC.scaledQuotient(d, in.fractionBits(), diffMagnitude,
                        s.expTable().size(), 4, false);
                    final String j = p + "j" + ii + "_" + jj;
                    b.append("    const int ").append(j).append(" = clamp(as_int(as_uint(").append(round)
                        .append(") + ").append(expOffset).append("u), 0, ").append(s.expTable().size() - 1)
                        .append(");\n");
                    e = "(long)" + t.exp() + "[" + j + "]";
                }
                b.append("    ").append(a).append(" = ").append(convert(a + " + " + e, wideTable, tt)).append(";\n");
            }
        }
        for (int ii = 0; ii < idx.length; ii++)
        {
            final String index = TableActivationC.scaledQuotient(p + "a" + ii, tt, s.invTable().size(), 6, false);
            b.append("    const ").append(valueType(s.resultType())).append(' ')
                .append(OpenClKernelSource.value(l, idx[ii])).append(" = (").append(valueType(s.resultType()))
                .append(')').append(t.inv()).append("[clamp(").append(index).append(", 0, ")
                .append(s.invTable().size() - 1).append(")];\n");
        }
    }

    private void argmax(final int[] idx)
    {
        final String p = "m" + l + "_" + idx[0];
        final long one = s.resultType().convert(1, 0);
        b.append("    long ").append(p).append("max = ").append(OpenClKernelSource.value(l - 1, idx[0]))
            .append(";\n    int ").append(p).append("at = 0;\n");
        for (int j = 1; j < idx.length; j++)
        {
            final String x = OpenClKernelSource.value(l - 1, idx[j]);
            b.append("    if (").append(x).append(" > ").append(p).append("max)\n    {\n        ").append(p)
                .append("max = ").append(x).append(";\n        ").append(p).append("at = ").append(j)
                .append(";\n    }\n");
        }
        for (int j = 0; j < idx.length; j++)
        {
            b.append("    const ").append(valueType(s.resultType())).append(' ')
                .append(OpenClKernelSource.value(l, idx[j])).append(" = ").append(p).append("at == ").append(j)
                .append(" ? ").append(longLiteral(one)).append(" : 0;\n");
        }
    }

    /** {@code x(W-1, W-n)}: the top n bits of the W-bit pattern as an index. */
    private static String topBits(final String x, final FixedPointType t, final int n)
    {
        return "(int)((" + x + " >> " + (t.width() - n) + ") & " + ((1L << n) - 1) + "L)";
    }
}
