package io.l1infer.systemtest;

import io.l1infer.client.PrimitiveList;
import io.l1infer.codec.MuonPrimitives;
import io.l1infer.daemon.ThesisInputs;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;

/**
 * A pool of simulated accepted muon events (toy barrel simulation, seeded) as client primitive lists, with the
 * engine's raw answer for each; event id {@code e} uses pool entry {@code e % size}.
 */
final class SimulatedEvents
{
    final PrimitiveList[] primitives;
    final int[] expectedRaw;
    final long seed;

    SimulatedEvents(final ModelBundle model, final int size, final long seed)
    {
        this.seed = seed;
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), seed);
        final ToyEvent event = new ToyEvent();
        final MuonFeatures features = new MuonFeatures();
        final double[] values = new double[MuonFeatures.FEATURE_COUNT];
        final FixedPointType type = model.input().type();
        primitives = new PrimitiveList[size];
        final int[][] inputs = new int[size][MuonFeatures.FEATURE_COUNT];
        for (int e = 0; e < size; e++)
        {
            simulation.nextAccepted(event);
            final MuonPrimitives t = event.primitives();
            primitives[e] = new PrimitiveList();
            for (int i = 0; i < t.count(); i++)
            {
                primitives[e].add(t.station(i), t.wheel(i), t.sector(i), t.phi(i), t.phiB(i), t.quality(i),
                    t.ts2tag(i), t.bx(i));
            }
            if (features.build(t, values, 0) < MuonFeatures.MIN_PRIMITIVES)
            {
                throw new IllegalStateException("seed " + seed + " event " + e + ": accepted but not buildable");
            }
            for (int f = 0; f < values.length; f++)
            {
                inputs[e][f] = (int)type.fromDouble(values[f]);
            }
        }
        expectedRaw = ThesisInputs.offline(model, inputs);
    }

    PrimitiveList of(final long eventId)
    {
        return primitives[(int)(eventId % primitives.length)];
    }

    int expected(final long eventId)
    {
        return expectedRaw[(int)(eventId % expectedRaw.length)];
    }

    /** Wheel of the primitive that decides the event's partition. */
    int partitionWheel(final long eventId)
    {
        final PrimitiveList p = of(eventId);
        return p.wheel(p.partitionPrimitive());
    }
}
