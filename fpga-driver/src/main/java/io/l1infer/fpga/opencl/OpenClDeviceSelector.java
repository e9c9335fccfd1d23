package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.AcceleratorException;
import org.jocl.CL;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which OpenCL device to open: the daemon's {@code l1infer.opencl.platform}, {@code .device},
 * {@code .device.type} and {@code .device.index}. Platform and device names match by case-insensitive substring
 * (empty matches all); the index counts among the matching devices in listing order.
 *
 * @param platform substring of the platform name; empty for any.
 * @param device   substring of the device name; empty for any.
 * @param type     device types to consider.
 * @param index    which of the matching devices, from 0.
 */
public record OpenClDeviceSelector(String platform, String device, DeviceTypeFilter type, int index)
{
    /** Device types, as the configuration words all, cpu, gpu and accelerator. */
    public enum DeviceTypeFilter
    {
        ALL(CL.CL_DEVICE_TYPE_ALL),
        CPU(CL.CL_DEVICE_TYPE_CPU),
        GPU(CL.CL_DEVICE_TYPE_GPU),
        ACCELERATOR(CL.CL_DEVICE_TYPE_ACCELERATOR);

        private final long mask;

        DeviceTypeFilter(final long mask)
        {
            this.mask = mask;
        }

        /** True when a device of CL_DEVICE_TYPE {@code type} passes. */
        public boolean accepts(final long type)
        {
            return this == ALL || (type & mask) != 0;
        }

        /**
         * The filter for a configuration word.
         *
         * @throws IllegalArgumentException naming the word and the accepted ones.
         */
        public static DeviceTypeFilter parse(final String word)
        {
            for (final DeviceTypeFilter f : values())
            {
                if (f.name().equalsIgnoreCase(word == null ? "" : word.trim()))
                {
                    return f;
                }
            }
            throw new IllegalArgumentException("OpenCL device type '" + word +
                "' is not one of all, cpu, gpu, accelerator");
        }

        @Override
        public String toString()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OpenClDeviceSelector
    {
        platform = Objects.requireNonNull(platform, "platform").trim();
        device = Objects.requireNonNull(device, "device").trim();
        Objects.requireNonNull(type, "type");
        if (index < 0)
        {
            throw new IllegalArgumentException("OpenCL device index must be >= 0: " + index);
        }
    }

    /** The first device of any platform and type. */
    public static OpenClDeviceSelector any()
    {
        return new OpenClDeviceSelector("", "", DeviceTypeFilter.ALL, 0);
    }

    /** True when {@code d} passes the platform, device and type criteria (the index is not considered). */
    public boolean matches(final OpenClDevice d)
    {
        return contains(d.platformName(), platform) && contains(d.name(), device) && type.accepts(d.type());
    }

    /**
     * Choose among the devices of this machine.
     *
     * @throws AcceleratorException when OpenCL is unavailable or nothing matches; the message lists every device.
     */
    public OpenClDevice select()
    {
        return select(OpenClDevices.list());
    }

    /**
     * Choose among {@code available}.
     *
     * @throws AcceleratorException when nothing matches or the index is too large, listing every device.
     */
    public OpenClDevice select(final List<OpenClDevice> available)
    {
        final List<OpenClDevice> matching = new ArrayList<>();
        for (final OpenClDevice d : available)
        {
            if (matches(d))
            {
                matching.add(d);
            }
        }
        if (index < matching.size())
        {
            return matching.get(index);
        }
        final StringBuilder sb = new StringBuilder();
        if (matching.isEmpty())
        {
            sb.append("no OpenCL device matches ").append(this);
        }
        else
        {
            sb.append("OpenCL device index ").append(index).append(" requested but only ").append(matching.size())
                .append(matching.size() == 1 ? " device matches " : " devices match ").append(criteria());
        }
        if (available.isEmpty())
        {
            sb.append("; no OpenCL device is available at all (is an ICD such as pocl-opencl-icd installed?)");
        }
        else
        {
            sb.append("; available devices:");
            for (final OpenClDevice d : available)
            {
                sb.append("\n  ").append(matches(d) ? "* " : "  ").append(d.describe());
            }
        }
        throw new AcceleratorException(sb.toString());
    }

    private String criteria()
    {
        return "platform ~ '" + platform + "', device ~ '" + device + "', type " + type;
    }

    @Override
    public String toString()
    {
        return criteria() + ", index " + index;
    }

    private static boolean contains(final String text, final String part)
    {
        return part.isEmpty() || text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
