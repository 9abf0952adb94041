#!/usr/bin/env bash
# corpus-ratio.sh <repo> <analyzer dir> [runs=3] : baseline builds (no analyzers), builds with ours alone, builds with ours + peers;
# prints wall times and ReportAnalyzer seconds per package (summed over compilations). CORPORA defaults to /tmp/corpora (see ../shared/corpora/README.md).
set -uo pipefail
repo=$1 bin=$2 runs=${3:-3}
export CORPORA=${CORPORA:-/tmp/corpora}
tools=${CORPUS_TOOLS:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpora/tools}
dlls="$bin/AsyncAnalyzers.dll;$bin/AsyncAnalyzers.CodeFixes.dll"
for i in $(seq 1 "$runs"); do
  for kind in baseline ours peers; do
    case $kind in
      baseline) out=$(bash $tools/run.sh "$repo" "r-$kind-$i") ;;
      ours) out=$(bash $tools/run.sh "$repo" "r-$kind-$i" "$dlls") ;;
      peers) out=$(PEERS=1 bash $tools/run.sh "$repo" "r-$kind-$i" "$dlls") ;;
    esac
    wall=$(echo "$out" | grep -o 'wall=[0-9.]*' | cut -d= -f2)
    log=$CORPORA/_logs/$repo.r-$kind-$i.log
    sums=$(python3 $tools/analyzer_report.py "$log" | sed -n '/per analyzer assembly/,$p' | tail -n +2 \
      | awk '{n=$2; if (n ~ /^AsyncAnalyzers$/) o+=$1; else if (n ~ /Meziantou/) m+=$1; else if (n ~ /Threading.Analyzers/) v+=$1; else if (n ~ /AsyncFixer/) f+=$1}
             END {printf "ours=%.2f meziantou=%.2f vsthrd=%.2f asyncfixer=%.2f", o, m, v, f}')
    echo -e "$repo\t$kind\t$i\twall=$wall\t$sums"
  done
done
