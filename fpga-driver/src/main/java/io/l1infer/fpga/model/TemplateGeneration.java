package io.l1infer.fpga.model;

/**
 * Which generation of hls4ml's {@code nnet_utils/nnet_activation.h} a layer's C++ follows, for the functions whose
 * implementation changed between releases (softmax, selu, hard_sigmoid); every other activation computes the same
 * in all three.
 *
 * <p>hls4ml 0.5 to 0.7 match {@link #EARLY} or {@link #V0_8} function by function: a release whose softmax config
 * declares a single {@code table_size} with {@code exp_table_t}/{@code inv_table_t} computes softmax as both of
 * those do (they are identical there); a release whose hard_sigmoid config declares {@code slope}/{@code shift} is
 * {@link #V0_8} for hard_sigmoid, one without them is {@link #EARLY}.
 */
public enum TemplateGeneration
{
    /**
     * The thesis firmware's release ({@code ../shared/reference/muon-pt-thesis-firmware/nnet_utils}): unscoped
     * {@code softmax_implementation} enum without argmax, hard_sigmoid with slope 0.2 and shift 0.5 as
     * {@code data_T} and a {@code data_T} intermediate, no hard_tanh.
     */
    EARLY,
    /**
     * hls4ml 0.8.x: softmax with one {@code table_size}, sums in {@code exp_table_t}, stable differences
     * {@code x - max} in {@code ap_fixed<W,I,AP_RND,AP_SAT>} of the input; argmax; hard_sigmoid/hard_tanh with
     * {@code slope_t slope}, {@code shift_t shift} and a full-precision intermediate; selu's positive branch
     * {@code res_T(1.0507...) * x}.
     */
    V0_8,
    /**
     * hls4ml 1.x (oracle: 1.3.0): softmax with {@code exp_table_size}, {@code inv_table_size}, {@code accum_t},
     * {@code inv_inp_t}, {@code inp_norm_t}, {@code exp_scale}, stable differences {@code max - x} into
     * {@code inp_norm_t} with a negated exp table, {@code n_outer}/{@code n_inner} slices ({@code softmax_multidim});
     * selu's positive branch {@code ap_ufixed<16,1>(1.0507009873554805) * x}.
     */
    V1
}
