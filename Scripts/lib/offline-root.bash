# Minimal Debian 12 roots for Scripts/offline-kit and Scripts/test-offline-install (sourced, not run; bash, root only).
#
#   offline_root_mirror                     the Debian mirror URI the host's apt uses (debian.sources or sources.list)
#   offline_root_tarball [--refresh]        prints the path of the cached pristine `debootstrap --variant=minbase
#                                           bookworm` root (a tar under .build-offline/), making it first if missing
#   offline_root_extract TARBALL DIR        a fresh copy of the root in DIR (which must not exist)
#   offline_root_run [--no-network [--loopback]] [--user NAME] DIR COMMAND...   (--loopback: the loopback interface up)
#                                           COMMAND in DIR under chroot, in new mount and PID namespaces (and with
#                                           --no-network a new network namespace: only a loopback that is down), with
#                                           /proc and a small /dev mounted there; every mount goes with the namespace;
#                                           --user runs it as NAME (setpriv inside the root)
#   offline_root_remove DIR                 removes DIR, refusing while anything is mounted below it
#
# The callers set `set -euo pipefail` and run from the checkout's top directory.

offline_root_cache="${OFFLINE_ROOT_CACHE:-.build-offline}"
offline_root_suite=bookworm
offline_root_arch=amd64

offline_root_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    # The first deb822 stanza of Types: deb whose Suites name bookworm itself (not -security / -updates).
    uri="$(awk -v suite="$offline_root_suite" '
      function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uris != "" && found == "") { split(uris, u, " "); found = u[1] } types = ""; suites = ""; uris = "" }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]*#/ { next }
      tolower($1) == "types:" { $1 = ""; types = $0 }
      tolower($1) == "suites:" { $1 = ""; suites = $0 }
      tolower($1) == "uris:" { $1 = ""; uris = $0 }
      END { flush(); print found }' /etc/apt/sources.list.d/debian.sources)"
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri="$(awk -v suite="$offline_root_suite" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i + 1) == suite) { print $i; exit } }' /etc/apt/sources.list)"
  fi
  [ -n "$uri" ] || { echo "offline-root: no 'deb … $offline_root_suite' source in the host's apt configuration" >&2; return 1; }
  printf '%s\n' "${uri%/}"
}

offline_root_tarball() {
  local refresh=0 mirror key tarball staging status=0
  [ "${1:-}" != --refresh ] || refresh=1
  mirror="$(offline_root_mirror)"
  key="$(printf '%s\n' "$mirror" | sha256sum | cut -c1-8)"
  tarball="$offline_root_cache/debootstrap-$offline_root_suite-minbase-$offline_root_arch-$key.tar"
  if [ "$refresh" -eq 1 ] || [ ! -s "$tarball" ]; then
    mkdir -p "$offline_root_cache"
    staging="$(mktemp -d "$offline_root_cache/debootstrap.XXXXXX")"
    echo "offline-root: debootstrap --variant=minbase $offline_root_suite from $mirror" >&2
    # In its own mount namespace, so that nothing debootstrap mounts (/proc, /sys, /dev in containers) outlives it.
    unshare --mount --propagation private \
      debootstrap --variant=minbase --arch="$offline_root_arch" "$offline_root_suite" "$staging/root" "$mirror" \
      > "$staging.log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
      tail -n 30 "$staging.log" >&2
      offline_root_remove "$staging"
      echo "offline-root: debootstrap failed ($status); its log is $staging.log" >&2
      return 1
    fi
    rm -rf "$staging/root/var/cache/apt/archives/"*.deb "$staging/root/var/lib/apt/lists/"*_Packages 2>/dev/null || true
    tar --numeric-owner --xattrs --acls -C "$staging/root" -cf "$staging/root.tar" .
    mv -f "$staging/root.tar" "$tarball"
    offline_root_remove "$staging"
    rm -f "$staging.log"
    printf '%s\n' "$mirror" > "$tarball.mirror"
    echo "offline-root: cached $tarball ($(du -h "$tarball" | cut -f1))" >&2
  fi
  printf '%s\n' "$tarball"
}

offline_root_extract() {
  local tarball="$1" dir="$2"
  [ ! -e "$dir" ] || { echo "offline-root: $dir exists" >&2; return 1; }
  mkdir -p "$dir"
  tar --numeric-owner --xattrs --acls -C "$dir" -xf "$tarball"
}

offline_root_run() {
  local network=() user="" loopback=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --no-network) network=(--net); shift ;;
      --loopback) loopback=1; shift ;;
      --user) user="$2"; shift 2 ;;
      *) break ;;
    esac
  done
  local dir="$1"
  shift
  [ -x "$dir/bin/sh" ] || { echo "offline-root: $dir is not a root" >&2; return 1; }
  # bash stays PID 1 of the new PID namespace (like init it waits and reaps: a program that is PID 1 does not get its
  # children's exit reported as it expects); --kill-child takes the namespace down if unshare is killed.
  unshare --mount --propagation private --pid --fork --kill-child "${network[@]}" \
    /bin/bash -c '
      set -euo pipefail
      dir="$1" user="$2" loopback="$3"
      shift 3
      # An isolated station still has its loopback interface (the console listens there): up, and nothing else.
      if [ "$loopback" = 1 ]; then PATH="$PATH:/usr/sbin:/sbin" ip link set lo up; fi
      mount -t proc proc "$dir/proc"
      mount -t tmpfs -o mode=0755,size=4m,nosuid dev "$dir/dev"
      for node in null zero full random urandom tty; do
        : > "$dir/dev/$node"
        mount --bind "/dev/$node" "$dir/dev/$node"
      done
      mkdir -p "$dir/dev/pts" "$dir/dev/shm"
      mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$dir/dev/pts"
      ln -s pts/ptmx "$dir/dev/ptmx"
      ln -s /proc/self/fd "$dir/dev/fd"
      ln -s /proc/self/fd/0 "$dir/dev/stdin"
      ln -s /proc/self/fd/1 "$dir/dev/stdout"
      ln -s /proc/self/fd/2 "$dir/dev/stderr"
      mount -t tmpfs -o mode=1777,nosuid,nodev tmp "$dir/dev/shm"
      if [ -n "$user" ]; then
        set -- /usr/bin/setpriv --reuid="$user" --regid="$user" --init-groups --reset-env "$@"
      fi
      # In the background and waited for, so that a TERM, INT or HUP (the caller being stopped) is handled at once:
      # PID 1 then kills everything in the namespace (unshare itself ignores TERM and INT).
      exec 3<&0
      chroot "$dir" "$@" <&3 &
      trap "kill -KILL -1 2>/dev/null; exit 143" TERM INT HUP
      wait "$!"
    ' offline-root "$dir" "$user" "$loopback" "$@"
}

offline_root_remove() {
  local dir="$1" mounted
  [ -e "$dir" ] || return 0
  dir="$(realpath "$dir")"
  [ "$dir" != / ] || { echo "offline-root: refusing to remove /" >&2; return 1; }
  mounted="$(awk -v d="$dir/" 'index($2 "/", d) == 1 { print $2 }' /proc/self/mounts)"
  if [ -n "$mounted" ]; then
    echo "offline-root: not removing $dir, still mounted below it: $mounted" >&2
    return 1
  fi
  rm -rf --one-file-system "$dir"
}
