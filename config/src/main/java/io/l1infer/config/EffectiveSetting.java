package io.l1infer.config;

/**
 * The value a setting ended up with, in canonical text, and the layer it came from.
 *
 * @param setting the declaration.
 * @param text    the value in canonical form (relative paths already resolved), which parses back to the same value.
 * @param origin  where it came from, as in {@link RawSetting#origin()}.
 */
public record EffectiveSetting(Setting<?> setting, String text, String origin)
{
}
