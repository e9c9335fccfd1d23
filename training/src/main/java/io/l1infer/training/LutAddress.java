package io.l1infer.training;

import io.l1infer.codec.MuonPrimitives;


/**
 * The addresses of the classic pT lookup tables, from primitives in their hardware encoding.
 */
final class LutAddress
{
    /** Phi counts (1/4096 rad) per 30-degree sector, as the track finder rounds pi/6 * 4096 = 2144.66. */
    static final int COUNTS_PER_SECTOR = 2144;
    /** Addresses are 10-bit signed: -512..511; tables are indexed by |address| 0..512. */
    static final int ENTRIES = 513;

    private LutAddress()
    {
    }

    /**
     * phi(outer) - phi(inner) in 12-bit units, corrected by 2144 counts per sector of separation (the shorter way
     * round the 12 sectors), wrapped to 10 bits signed. Its sign is the charge's (negative muons positive here).
     */
    static int deltaPhi(final MuonPrimitives p, final int inner, final int outer)
    {
        int sectors = p.sector(outer) - p.sector(inner);
        if (sectors > 6)
        {
            sectors -= 12;
        }
        else if (sectors < -6)
        {
            sectors += 12;
        }
        final int difference = p.phi(outer) - p.phi(inner) + COUNTS_PER_SECTOR * sectors;
        return wrap10(difference);
    }

    /** Two's complement wrap to 10 bits. */
    static int wrap10(final int value)
    {
        return (value << 22) >> 22;
    }
}
