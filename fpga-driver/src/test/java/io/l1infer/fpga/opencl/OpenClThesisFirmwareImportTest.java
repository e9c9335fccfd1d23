package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.hls4ml.Hls4mlImporter;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelBundleWriter;
import io.l1infer.testsupport.SharedReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real thesis firmware directory, imported as {@code model import --hls4ml} does (in memory, and written as a
 * bundle and loaded back), reproduces every line of {@code expected-first1000.csv} on the generated OpenCL kernel.
 */
class OpenClThesisFirmwareImportTest
{
    @TempDir
    Path work;

    @Test
    void importedFirmwareReproducesTheCSimulationOnOpenCl()
    {
        final Path firmware = SharedReference.require("reference/muon-pt-thesis-firmware",
            "hls4ml import of the thesis firmware on OpenCL");
        final OpenClDevice device = OpenClTestDevices.require();
        final ModelBundle imported = Hls4mlImporter.importProject(firmware);
        final Path bundle = work.resolve("muon-pt-thesis-imported");
        ModelBundleWriter.write(imported, bundle);
        final ModelBundle written = ModelBundle.load(bundle);
        // one device build: the written bundle's kernel is the in-memory import's, character for character
        assertEquals(OpenClKernelSource.program("imported", imported), OpenClKernelSource.program("imported", written),
            "kernel of the written bundle");
        final ThesisReferenceData data = ThesisReferenceData.load();
        try (OpenClProgram program = OpenClProgram.fromSource(device, OpenClKernelSource.program("imported", written),
            ""))
        {
            for (final int batch : new int[] {1000, 37})
            {
                assertEquals(0, mismatches(program, "imported", written, data, batch),
                    "batch size " + batch + ": lines differing from expected-first1000.csv");
            }
        }
    }

    private static int mismatches(
        final OpenClProgram program,
        final String kernel,
        final ModelBundle model,
        final ThesisReferenceData data,
        final int batch)
    {
        int mismatches = 0;
        try (OpenClAccelerator accelerator = new OpenClAccelerator(program, kernel, model, batch, 1,
            MappedBufferPolicy.PERSISTENT))
        {
            final BatchBuffers buf = accelerator.buffers(0);
            for (int first = 0; first < data.size(); first += batch)
            {
                final int n = Math.min(batch, data.size() - first);
                for (int b = 0; b < n; b++)
                {
                    buf.putInputs(b, data.inputs[first + b], 0);
                }
                accelerator.infer(0, n);
                for (int b = 0; b < n; b++)
                {
                    mismatches += buf.getOutput(b, 0) == data.expected[first + b] ? 0 : 1;
                }
            }
        }
        return mismatches;
    }
}
