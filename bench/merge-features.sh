#!/bin/sh
# Start the browser in $BENCH_BROWSER with every --disable-features flag merged into one, as
# puppeteer 24 merges them for the pipeline. pagedjs-cli brings puppeteer 20, which passes its
# own --disable-features list and then ours, and Chromium keeps only the last list it is given:
# without this, the peer would run with some of the pipeline's flags (and none of its own).
features=''
count=$#
for arg in "$@"; do
  case "$arg" in
    --disable-features=*) features="${features:+$features,}${arg#--disable-features=}" ;;
    *) set -- "$@" "$arg" ;;
  esac
done
shift "$count"
exec "$BENCH_BROWSER" "$@" ${features:+"--disable-features=$features"}
