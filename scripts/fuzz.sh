#!/usr/bin/env bash
# Fuzz the core's parsers (issue 10): each cargo-fuzz target runs for a fixed number of inputs.
#   scripts/fuzz.sh [RUNS] [TARGET...]   (RUNS: inputs per target, default 100000; all six targets)
# Prints the inputs run and libFuzzer's final coverage (cov:, ft:) per target, then the total.
# Stops at the first crash and names its input (fuzz/artifacts/TARGET/); fix the core and keep
# the input as a regression test in crates/core/tests/, which the normal `cargo test` runs.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`). Not part of
# scripts/test.sh: the regression inputs run in the normal `cargo test`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-100000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scan csv_import marc_import profile email date)

# Inputs that are not in git and never written to: the shipped profiles, the reference MARC.
declare -A extra_seeds=(
    [profile]="$root/assets/profiles"
    [marc_import]="$root/../shared/reference/marc-ja"
)

cd "$root/fuzz"
cargo +nightly fuzz build --release

total=0
printf '%-12s %12s %8s %8s  %s\n' target inputs cov ft result
for t in "${targets[@]}"; do
    corpus="corpus/$t"
    mkdir -p "$corpus" "artifacts/$t"
    seeds=()
    [ -d "seeds/$t" ] && seeds+=("seeds/$t")
    [ -n "${extra_seeds[$t]:-}" ] && [ -d "${extra_seeds[$t]}" ] && seeds+=("${extra_seeds[$t]}")
    log="artifacts/$t/last-run.log"
    if cargo +nightly fuzz run --release "$t" "$corpus" "${seeds[@]}" -- \
        -runs="$runs" -max_len=4096 -print_final_stats=1 >"$log" 2>&1; then
        result=ok
    else
        result=CRASH
    fi
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
    [ -n "$done_line" ] || done_line=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    inputs=$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}' | tail -1)
    [ -n "$inputs" ] || inputs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$done_line")
    cov=$(grep -oE 'cov: [0-9]+' <<<"$done_line" | awk '{print $2}')
    ft=$(grep -oE 'ft: [0-9]+' <<<"$done_line" | awk '{print $2}')
    printf '%-12s %12s %8s %8s  %s\n' "$t" "${inputs:-?}" "${cov:-?}" "${ft:-?}" "$result"
    total=$((total + ${inputs:-0}))
    if [ "$result" = CRASH ]; then
        grep -E 'Test unit written to|panicked at|ERROR: ' "$log" >&2 || tail -20 "$log" >&2
        echo "fuzz: $t crashed; log in fuzz/$log" >&2
        exit 1
    fi
done
printf '%-12s %12s\n' total "$total"
