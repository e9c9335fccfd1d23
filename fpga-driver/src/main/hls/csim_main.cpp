// l1infer: C simulation driver for kernel_wrapper (g++ only, no Vitis): reads lines of raw inputs followed by
// the expected raw outputs (the format of expected-first1000.csv), runs them through kernel_wrapper in batches of
// the given size and reports every mismatch. Exit status 0 when every output matches.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "myproject.h"

#if L1INFER_DEFINE_NNET_TRACE
// hls4ml's C simulation keeps its layer-trace switches in globals that its own test bench defines.
namespace nnet
{
bool trace_enabled = false;
std::map<std::string, void *> *trace_outputs = NULL;
size_t trace_type_size = sizeof(double);
}
#endif

extern "C" void kernel_wrapper(unsigned batchsize, const input_t *in, result_t *out);

template <class T> static T from_raw(long long raw)
{
    // raw * 2^-F is exactly representable in a double for W <= 32, and converts exactly.
    return T(std::ldexp(static_cast<double>(raw), -(T::width - T::iwidth)));
}

template <class T> static long long to_raw(const T &v)
{
    return std::llround(std::ldexp(v.to_double(), T::width - T::iwidth));
}

int main(int argc, char **argv)
{
    if (argc < 3)
    {
        std::fprintf(stderr, "usage: %s expected.csv batchsize\n", argv[0]);
        return 2;
    }
    const unsigned batch = static_cast<unsigned>(std::atoi(argv[2]));
    std::ifstream file(argv[1]);
    if (!file || batch == 0)
    {
        std::fprintf(stderr, "cannot read %s or bad batch size %s\n", argv[1], argv[2]);
        return 2;
    }
    std::vector<input_t> in;
    std::vector<long long> expected;
    std::string line;
    unsigned lineNumber = 0;
    while (std::getline(file, line))
    {
        lineNumber++;
        if (line.empty())
        {
            continue;
        }
        std::stringstream fields(line);
        std::string field;
        std::vector<long long> values;
        while (std::getline(fields, field, ','))
        {
            values.push_back(std::atoll(field.c_str()));
        }
        if (values.size() != L1INFER_N_IN + L1INFER_N_OUT)
        {
            std::fprintf(stderr, "%s line %u: %zu fields, expected %d\n", argv[1], lineNumber, values.size(),
                L1INFER_N_IN + L1INFER_N_OUT);
            return 2;
        }
        for (int i = 0; i < L1INFER_N_IN; i++)
        {
            in.push_back(from_raw<input_t>(values[i]));
        }
        for (int o = 0; o < L1INFER_N_OUT; o++)
        {
            expected.push_back(values[L1INFER_N_IN + o]);
        }
    }
    const size_t events = expected.size() / L1INFER_N_OUT;
    std::vector<result_t> out(expected.size());
    for (size_t first = 0; first < events; first += batch)
    {
        const unsigned n = static_cast<unsigned>(events - first < batch ? events - first : batch);
        kernel_wrapper(n, &in[first * L1INFER_N_IN], &out[first * L1INFER_N_OUT]);
    }
    size_t mismatches = 0;
    for (size_t k = 0; k < expected.size(); k++)
    {
        const long long got = to_raw(out[k]);
        if (got != expected[k])
        {
            if (mismatches++ < 10)
            {
                std::printf("line %zu output %zu: expected %lld, kernel_wrapper gave %lld\n",
                    k / L1INFER_N_OUT + 1, k % L1INFER_N_OUT, expected[k], got);
            }
        }
    }
    std::printf("%zu events in batches of %u: %zu mismatches\n", events, batch, mismatches);
    return mismatches == 0 ? 0 : 1;
}
