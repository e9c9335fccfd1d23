package io.l1infer.fpga.hls4ml;

/** A place in one of an hls4ml project's files, for messages: the file relative to the project and a 1-based line. */
public record SourceLocation(String file, int line)
{
    @Override
    public String toString()
    {
        return file + ":" + line;
    }
}
