# Sourced by test.sh. Debian's chromium (installed only when missing) for every suite that drives a browser with
# playwright-core: the cluster tests (a browser through nginx), e2e and npm-client. Installed here, before any
# suite runs, because the suites run in name order and the cluster suite comes before e2e.
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (apt)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || return 1
fi
