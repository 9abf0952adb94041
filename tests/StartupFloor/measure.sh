#!/usr/bin/env bash
# The package's start-up floor: ReportAnalyzer time per analyzer assembly on a tiny project, each build in a fresh
# compiler process (-p:UseSharedCompilation=false, as many CI systems build), ours and the peers in the same build.
#   tests/StartupFloor/measure.sh [runs=5] [analyzer dir]   (default: builds src/CodeFixes in Release to a temp folder)
# Two sets of builds: ours with the SDK's own analyzers (what a user pays), then with the peers added.
# Prints each run and the median per assembly.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
runs=${1:-5} bin=${2:-}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
if [ -z "$bin" ]; then
  bin=$work/bin
  dotnet build "$root/src/CodeFixes" -c Release -o "$bin" -v q -nologo > "$work/pack.log" || { cat "$work/pack.log"; exit 1; }
fi
cp "$here"/*.cs "$here"/*.csproj "$here"/Directory.*.props "$work"/
dlls="$bin/AsyncAnalyzers.dll;$bin/AsyncAnalyzers.CodeFixes.dll"
for mode in alone peers; do
  peers=false; [ "$mode" = peers ] && peers=true
  dotnet restore "$work/StartupFloor.csproj" -p:FloorPeers=$peers -v q > "$work/restore.log" || { cat "$work/restore.log"; exit 1; }
  for i in $(seq 1 "$runs"); do
    dotnet build "$work/StartupFloor.csproj" --no-restore --no-incremental -nodeReuse:false -p:UseSharedCompilation=false \
      -p:ReportAnalyzer=true -p:FloorPeers=$peers "-p:FloorAnalyzers=\"$dlls\"" "-flp:v=detailed;logfile=$work/build.$mode.$i.log" > "$work/console.$i.log" 2>&1 \
      || { tail -20 "$work/console.$i.log"; exit 1; }
    # Assembly rows of the analyzer table (not the generator table): "<seconds> <percent> <assembly>, Version=..."
    awk -v mode="$mode" -v run="$i" '
      /Total analyzer execution time/ { on = 1; next }
      /Total generator execution time/ { on = 0; next }
      on && $3 ~ /,$/ && $4 ~ /^Version=/ { name = $3; sub(/,$/, "", name); t = $1; sub(/^</, "", t); printf "%s\t%s\t%.0f\n", mode, name, t * 1000 }
    ' "$work/build.$mode.$i.log"
  done
done > "$work/rows.tsv"
python3 - "$work/rows.tsv" "$runs" <<'PY'
import sys, collections, statistics
rows = [l.split('\t') for l in open(sys.argv[1]).read().splitlines()]
for mode, title in (("alone", "with the SDK's own analyzers only"), ("peers", "with Meziantou, VSTHRD and AsyncFixer in the same build")):
    by = collections.defaultdict(list)
    for m, asm, ms in rows:
        if m == mode: by[asm].append(int(ms))
    print(f"Start-up floor, tiny project, {title}: {sys.argv[2]} builds, fresh compiler process each (ms of ReportAnalyzer time)")
    for asm, v in sorted(by.items(), key=lambda kv: statistics.median(kv[1])):
        print(f"  {asm:55s} median {statistics.median(v):5.0f}   runs {' '.join(str(x) for x in v)}")
PY
