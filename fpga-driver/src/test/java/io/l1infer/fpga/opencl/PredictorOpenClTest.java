package io.l1infer.fpga.opencl;

import io.l1infer.fpga.Predictor;
import io.l1infer.fpga.ThesisCsimData;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.testsupport.ProjectPaths;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one-call API on the OpenCL device (PoCL) gives the emulator's and the C simulation's answers. */
class PredictorOpenClTest
{
    @Test
    void openClPredictorReproducesTheCSimulationRawAndAsFloats()
    {
        final OpenClDevice device = OpenClTestDevices.require();
        final ThesisCsimData data = ThesisCsimData.load();
        final ModelBundle model = ModelBundle.load(ProjectPaths.thesisModel());
        try (Predictor openCl = Predictor.openCl(model, new OpenClDeviceSelector(device.platformName(),
            device.name(), OpenClDeviceSelector.DeviceTypeFilter.ALL, 0), 128);
            Predictor emulator = Predictor.emulator(model, 128))
        {
            final long[] out = new long[ThesisCsimData.EVENTS];
            openCl.predictRaw(data.rawInputs(), ThesisCsimData.EVENTS, out);
            assertArrayEquals(data.rawOutputs(), out);
            final float[][] fromDevice = openCl.predict(data.floatInputs());
            final float[][] fromEmulator = emulator.predict(data.floatInputs());
            for (int e = 0; e < ThesisCsimData.EVENTS; e++)
            {
                assertArrayEquals(fromEmulator[e], fromDevice[e], "event " + e);
            }
            assertEquals(fromEmulator[0][0], openCl.predict(data.floatInputs()[0])[0]);
        }
    }
}
