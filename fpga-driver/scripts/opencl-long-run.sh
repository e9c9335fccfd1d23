#!/usr/bin/env bash
# The longer run of the OpenCL kernel generator's differential tests (CI runs one seed of each, sized to minutes):
# for each seed, the conversions against g++ + ap_types with more type pairs, and the activation and wide-type models
# against the CPU engine with more models. Usage: fpga-driver/scripts/opencl-long-run.sh [SEEDS...] (default 1 2 3).
# Needs PoCL (pocl-opencl-icd, ocl-icd-opencl-dev), g++ and ../shared; stops at the first failure, whose message
# names the seed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seeds=("$@")
if [ ${#seeds[@]} -eq 0 ]; then
    seeds=(1 2 3)
fi
for seed in "${seeds[@]}"; do
    echo "== seed $seed"
    mvn -B -q -pl fpga-driver -am test \
        -Dtest='ExactConversionVsApTypesTest,OpenClActivationModelsTest,OpenClWideTypesTest' \
        -Dsurefire.failIfNoSpecifiedTests=false \
        -Dl1infer.test.seed="$seed" \
        -Dl1infer.test.conversion.cases="${CONVERSION_CASES:-600}" \
        -Dl1infer.test.activation.models="${ACTIVATION_MODELS:-120}" \
        -Dl1infer.test.wide.models="${WIDE_MODELS:-120}"
done
echo "all seeds passed: ${seeds[*]}"
