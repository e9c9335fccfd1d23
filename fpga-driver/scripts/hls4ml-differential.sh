#!/bin/sh
# The long differential run of the hls4ml importer against the real hls4ml C simulation: N seeded random projects
# per template release (1.3.0 and 0.8.1), compiled with g++ against ../shared/reference/hls4ml-v*/, compared event
# by event with import + FixedPointEmulator and import + the generated OpenCL kernel on PoCL (skipped with one line
# when no OpenCL device is there, unless CI=true). Needs g++ and ../shared. Usage: hls4ml-differential.sh [N] [SEED]
# (default 200 projects from seed 100000; the CI test runs 12 from seed 1000). Then as many dense_compressed projects
# with saturating accumulators per release (Hls4mlCompressedDenseTest, the same seed; the CI test runs 12 from 31000).
set -eu
cd "$(dirname "$0")/../.."
N="${1:-200}"
SEED="${2:-100000}"
exec mvn -B -q -pl fpga-driver -am test \
    -Dtest='Hls4mlDifferentialTest,Hls4mlCompressedDenseTest#saturatingAccumulatorsEqualTheCSimulationOnBothEngines' \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Dl1infer.hls4ml.differential.projects="$N" -Dl1infer.hls4ml.differential.seed="$SEED" \
    -Dl1infer.hls4ml.differential.batch=20 \
    -Dl1infer.hls4ml.compressed.projects="$N" -Dl1infer.hls4ml.compressed.seed="$SEED"
