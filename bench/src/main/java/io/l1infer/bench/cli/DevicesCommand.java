package io.l1infer.bench.cli;

import io.l1infer.fpga.opencl.OpenClDevices;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code devices}: the OpenCL platforms and devices this host offers, with their OpenCL versions. */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = "List OpenCL platforms and devices with their OpenCL versions.")
final class DevicesCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        OpenClDevices.describe().forEach(System.out::println);
        return 0;
    }
}
