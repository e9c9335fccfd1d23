// l1infer: the Vitis kernel around an hls4ml io_parallel project, with the interface the OpenClAccelerator's
// precompiled-binary path drives: kernel_wrapper(unsigned batchsize, const in_t *in, out_t *out).
// in/out hold raw ap_fixed values event-major (event e's inputs at in[e * N_IN .. e * N_IN + N_IN - 1]) in device
// memory reached over AXI4 masters; batchsize and the two buffer addresses arrive on the AXI4-Lite control port.
// Build steps and what was (not) checked: README.md in this directory.

#include "myproject.h" // the hls4ml project's top-level header (defines.h: input_t, result_t, sizes)

// Name and sizes of the hls4ml top function; the Makefile passes them (see README.md).
#ifndef L1INFER_TOP
#define L1INFER_TOP myproject
#endif
#ifndef L1INFER_N_IN
#error "define L1INFER_N_IN: the model's input size (hls4ml's N_INPUT_1_1)"
#endif
#ifndef L1INFER_N_OUT
#error "define L1INFER_N_OUT: the model's output size (hls4ml's N_LAYER_<last>)"
#endif
// hls4ml releases up to 0.5 gave the top function two extra outputs (unsigned short &const_size_in_1,
// &const_size_out_1); set this to 1 for such projects, 0 for current ones.
#ifndef L1INFER_TOP_HAS_CONST_SIZE_ARGS
#define L1INFER_TOP_HAS_CONST_SIZE_ARGS 0
#endif

extern "C" {

void kernel_wrapper(unsigned batchsize, const input_t *in, result_t *out)
{
// Separate AXI4 masters for input and output, so reads of event e+1 overlap writes of event e.
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem0 depth = 27648
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem1 depth = 1024
#pragma HLS INTERFACE s_axilite port = in
#pragma HLS INTERFACE s_axilite port = out
#pragma HLS INTERFACE s_axilite port = batchsize
#pragma HLS INTERFACE s_axilite port = return

events:
    for (unsigned e = 0; e < batchsize; e++)
    {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
#pragma HLS PIPELINE
        input_t x[L1INFER_N_IN];
#pragma HLS ARRAY_PARTITION variable = x complete
        result_t y[L1INFER_N_OUT];
#pragma HLS ARRAY_PARTITION variable = y complete

    read_event:
        for (unsigned i = 0; i < L1INFER_N_IN; i++)
        {
            x[i] = in[e * L1INFER_N_IN + i];
        }

#if L1INFER_TOP_HAS_CONST_SIZE_ARGS
        unsigned short size_in;
        unsigned short size_out;
        L1INFER_TOP(x, y, size_in, size_out);
#else
        L1INFER_TOP(x, y);
#endif

    write_event:
        for (unsigned o = 0; o < L1INFER_N_OUT; o++)
        {
            out[e * L1INFER_N_OUT + o] = y[o];
        }
    }
}

}
