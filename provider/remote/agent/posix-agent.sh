# clusterpro-agent for POSIX sh (dash, bash, busybox ash) - protocol version 1.
#
# This file is FIXED code. It is sent base64-encoded on the first stdin line and run by the bootstrap
# (see invocation.ts). The ops follow on stdin in a line format (wire.ts) where every value is base64:
#     clp-agent 1 [root=<b64>]
#     op=<b64> key=<b64> list.n=<b64> list.0=<b64> ...
#     end
# A value is only ever decoded with base64 -d into a variable or a file and then used as one quoted word
# ("$x"): the shell never parses a user value. Results are JSON lines on stdout between two marker lines,
# one per op, in order: {"i":N,"ok":true,"value":{...}} or {"i":N,"ok":false,"error":{"code":..,"message":..}}.
# Needs: sh, base64, od, awk, sed, tr, cmp, mktemp, stat, wc, head (coreutils/diffutils/mawk on Debian);
# systemctl for service ops, ip for nic.setEnabled, coreutils timeout, mv -T and sha256sum.

set -f
umask 022
LC_ALL=C
export LC_ALL
exec 3>&1 1>&2
AGENT_TMP=$(mktemp -d 2>/dev/null) || { echo "clp-agent: mktemp failed" >&2; exit 92; }
trap 'rm -rf "$AGENT_TMP"' EXIT
ROOT=
PATH="$PATH:/usr/sbin:/sbin:/usr/bin:/bin:/opt/nec/clusterpro/bin"

# ---------- fields ----------
# f KEY: the raw (base64) value of field KEY in $LINE
f() {
  for _kv in $LINE; do
    case $_kv in "$1="*) printf '%s' "${_kv#*=}"; return 0 ;; esac
  done
  return 1
}
# get VAR KEY: VAR := decoded value of KEY (exact bytes, trailing newlines kept); status 1 when missing
get() {
  _f=$(f "$2") || return 1
  _g=$(printf '%s' "$_f" | base64 -d && printf x) || return 1
  eval "$1=\${_g%x}"
}
# need VAR KEY: like get; a missing field answers bad-request
need() {
  get "$1" "$2" && return 0
  err bad-request "missing or undecodable field: $2"
  return 1
}
# opt VAR KEY DEFAULT
opt() {
  get "$1" "$2" || eval "$1=\$3"
}
# path_of VAR KEY: an absolute path field, prefixed with the test root
path_of() {
  need _p "$2" || return 1
  case $_p in
    /*) ;;
    *) err bad-request "$2 must be an absolute path: $_p"; return 1 ;;
  esac
  eval "$1=\$ROOT\$_p"
}
# int VAR KEY DEFAULT: a non-negative integer field
int() {
  opt "$1" "$2" "$3"
  eval "_i=\$$1"
  case $_i in
    ''|*[!0-9]*) err bad-request "$2 must be a non-negative integer"; return 1 ;;
  esac
}

# ---------- JSON ----------
# jsin: stdin bytes as a JSON string literal (UTF-8 passes through; ", \ and control characters escaped)
jsin() {
  od -An -v -tu1 | awk 'BEGIN { printf "\"" }
    { for (i = 1; i <= NF; i++) { c = $i + 0
        if (c == 34) printf "\\\""; else if (c == 92) printf "\\\\"
        else if (c < 32) printf "\\u%04x", c; else printf "%c", c } }
    END { printf "\"" }'
}
js() { printf '%s' "$1" | jsin; }
b64enc() { base64 | tr -d '\n'; }
emit() { printf '%s\n' "$1" >&3; }
ok() {
  emit "{\"i\":$I,\"ok\":true,\"value\":$1}"
  OP_DONE=1
}
err() {
  emit "{\"i\":$I,\"ok\":false,\"error\":{\"code\":$(js "$1"),\"message\":$(js "$2")}}"
  OP_DONE=1
  OP_FAILED=1
}
# errfile CODE MESSAGE FILE: error with the first 500 bytes of FILE appended
errfile() {
  _m=$(head -c 500 "$3" 2>/dev/null)
  err "$1" "$2${_m:+: $_m}"
}
# parent VAR PATH
parent() {
  _d=$(dirname -- "$2" && printf x)
  eval "$1=\${_d%?x}"
}
# token_ok VALUE: a hosts-file token (no whitespace, no '#', not empty)
token_ok() {
  case $1 in
    ''|*[[:space:]#]*) return 1 ;;
  esac
  return 0
}

# ---------- facts ----------
op_facts() {
  _h=$(hostname 2>/dev/null || uname -n)
  _name=
  _ver=
  if [ -r "$ROOT/etc/os-release" ]; then
    _name=$(sed -n 's/^PRETTY_NAME=//p' "$ROOT/etc/os-release" | head -n 1 | sed 's/^"//; s/"$//')
    _ver=$(sed -n 's/^VERSION_ID=//p' "$ROOT/etc/os-release" | head -n 1 | sed 's/^"//; s/"$//')
  fi
  [ -n "$_name" ] || _name=$(uname -s)
  [ -n "$_ver" ] || _ver=$(uname -r)
  _inst=false
  _cv=null
  _cp=null
  if [ -d "$ROOT/opt/nec/clusterpro" ]; then
    _inst=true
    _cp='"/opt/nec/clusterpro"'
    _v=
    if command -v rpm >/dev/null 2>&1; then
      _v=$(rpm -q --qf '%{VERSION}-%{RELEASE}' clusterpro 2>/dev/null) || _v=$(rpm -q --qf '%{VERSION}-%{RELEASE}' expresscls 2>/dev/null) || _v=
    fi
    if [ -z "$_v" ] && command -v dpkg-query >/dev/null 2>&1; then
      _v=$(dpkg-query -W -f '${Version}' clusterpro 2>/dev/null) || _v=
    fi
    [ -n "$_v" ] && _cv=$(js "$_v")
  fi
  ok "{\"hostname\":$(js "$_h"),\"os\":{\"family\":\"linux\",\"name\":$(js "$_name"),\"version\":$(js "$_ver")},\"clusterpro\":{\"installed\":$_inst,\"version\":$_cv,\"installPath\":$_cp},\"domain\":null}"
}

# ---------- services (systemd) ----------
have_systemctl() {
  command -v systemctl >/dev/null 2>&1 && return 0
  err unsupported "systemctl not found: service operations need systemd"
  return 1
}
# svc_startup NAME -> SVC_STARTUP ; svc_state NAME -> SVC_STATE ; svc_exists NAME
svc_exists() {
  _ls=$(systemctl show -p LoadState --value -- "$1" 2>/dev/null)
  [ -n "$_ls" ] && [ "$_ls" != not-found ]
}
svc_startup() {
  case $(systemctl is-enabled -- "$1" 2>/dev/null) in
    enabled|enabled-runtime) SVC_STARTUP=automatic ;;
    disabled) SVC_STARTUP=manual ;;
    masked|masked-runtime) SVC_STARTUP=disabled ;;
    *) SVC_STARTUP=other ;;
  esac
}
svc_state() {
  case $(systemctl is-active -- "$1" 2>/dev/null) in
    active) SVC_STATE=running ;;
    inactive|failed) SVC_STATE=stopped ;;
    activating|reloading) SVC_STATE=starting ;;
    deactivating) SVC_STATE=stopping ;;
    *) SVC_STATE=unknown ;;
  esac
}
op_service_query() {
  have_systemctl || return
  int _n names.n '' || return
  _out=
  _k=0
  while [ "$_k" -lt "$_n" ]; do
    need _s "names.$_k" || return
    if svc_exists "$_s"; then
      svc_startup "$_s"
      svc_state "$_s"
      _j="{\"name\":$(js "$_s"),\"exists\":true,\"startup\":\"$SVC_STARTUP\",\"state\":\"$SVC_STATE\"}"
    else
      _j="{\"name\":$(js "$_s"),\"exists\":false}"
    fi
    _out="$_out${_out:+,}$_j"
    _k=$((_k + 1))
  done
  ok "{\"services\":[$_out]}"
}
op_service_set_startup() {
  have_systemctl || return
  need _s name || return
  need _t startup || return
  svc_exists "$_s" || { err not-found "service not found: $_s"; return; }
  svc_startup "$_s"
  _before=$SVC_STARTUP
  case $_t in
    automatic) systemctl unmask -- "$_s" >/dev/null 2>"$AGENT_TMP/e" && systemctl enable -- "$_s" >/dev/null 2>>"$AGENT_TMP/e" ;;
    manual) systemctl unmask -- "$_s" >/dev/null 2>"$AGENT_TMP/e" && systemctl disable -- "$_s" >/dev/null 2>>"$AGENT_TMP/e" ;;
    disabled) systemctl mask -- "$_s" >/dev/null 2>"$AGENT_TMP/e" ;;
    automatic-delayed) err unsupported "automatic-delayed exists only on Windows"; return ;;
    *) err bad-request "unknown startup type: $_t"; return ;;
  esac || { errfile failed "cannot set the startup type of $_s" "$AGENT_TMP/e"; return; }
  svc_startup "$_s"
  _ch=false
  [ "$_before" = "$SVC_STARTUP" ] || _ch=true
  ok "{\"name\":$(js "$_s"),\"changed\":$_ch}"
}
# op_service_run start|stop
op_service_run() {
  have_systemctl || return
  int _n names.n '' || return
  int _t timeoutSec 60 || return
  _out=
  _k=0
  while [ "$_k" -lt "$_n" ]; do
    need _s "names.$_k" || return
    svc_exists "$_s" || { err not-found "service not found: $_s"; return; }
    timeout -s KILL "$_t" systemctl "$1" -- "$_s" >/dev/null 2>"$AGENT_TMP/e"
    _rc=$?
    if [ "$_rc" -eq 137 ] || [ "$_rc" -eq 124 ]; then
      err timeout "service $_s did not $1 within $_t s"
      return
    elif [ "$_rc" -ne 0 ]; then
      errfile failed "systemctl $1 $_s failed (exit $_rc)" "$AGENT_TMP/e"
      return
    fi
    svc_state "$_s"
    _out="$_out${_out:+,}{\"name\":$(js "$_s"),\"state\":\"$SVC_STATE\"}"
    _k=$((_k + 1))
  done
  ok "{\"services\":[$_out]}"
}

# ---------- files ----------
op_file_stat() {
  path_of _P path || return
  if [ ! -e "$_P" ] && [ ! -L "$_P" ]; then
    ok '{"exists":false}'
    return
  fi
  if [ -L "$_P" ]; then _t=symlink
  elif [ -d "$_P" ]; then _t=directory
  elif [ -f "$_P" ]; then _t=file
  else _t=other
  fi
  _st=$(stat -c '%s %Y %a %U %G' -- "$_P" 2>"$AGENT_TMP/e") || { errfile failed "stat failed" "$AGENT_TMP/e"; return; }
  set -- $_st
  ok "{\"exists\":true,\"type\":\"$_t\",\"size\":$1,\"mtimeMs\":$(($2 * 1000)),\"mode\":$(js "$3"),\"owner\":$(js "$4"),\"group\":$(js "$5")}"
}
op_file_read() {
  path_of _P path || return
  [ -e "$_P" ] || { err not-found "no such file: ${_P#"$ROOT"}"; return; }
  [ -f "$_P" ] || { err failed "not a regular file: ${_P#"$ROOT"}"; return; }
  [ -r "$_P" ] || { err failed "not readable: ${_P#"$ROOT"}"; return; }
  _size=$(wc -c <"$_P" | tr -d ' ')
  { printf '{"i":%s,"ok":true,"value":{"size":%s,"dataBase64":"' "$I" "$_size"; b64enc <"$_P"; printf '"}}\n'; } >&3
  OP_DONE=1
}
op_file_write() {
  path_of _P path || return
  _raw=$(f dataBase64) || { err bad-request "missing field: dataBase64"; return; }
  opt _cp createParents false
  opt _mode mode ''
  parent _D "$_P"
  if [ ! -d "$_D" ]; then
    if [ "$_cp" = true ]; then
      mkdir -p -- "$_D" 2>"$AGENT_TMP/e" || { errfile failed "cannot create the parent directory" "$AGENT_TMP/e"; return; }
    else
      err not-found "parent directory does not exist: ${_D#"$ROOT"}"
      return
    fi
  fi
  printf '%s' "$_raw" | base64 -d >"$AGENT_TMP/w" 2>/dev/null || { err bad-request "dataBase64 is not base64"; return; }
  _ch=false
  if [ -f "$_P" ] && cmp -s -- "$AGENT_TMP/w" "$_P"; then
    :
  else
    cat -- "$AGENT_TMP/w" >"$_P" 2>"$AGENT_TMP/e" || { errfile failed "cannot write ${_P#"$ROOT"}" "$AGENT_TMP/e"; return; }
    _ch=true
  fi
  if [ -n "$_mode" ]; then
    case $_mode in *[!0-7]*) err bad-request "mode must be octal"; return ;; esac
    _cur=$(stat -c '%a' -- "$_P")
    if [ "$((0$_cur))" -ne "$((0$_mode))" ]; then
      chmod -- "$_mode" "$_P" 2>"$AGENT_TMP/e" || { errfile failed "chmod failed" "$AGENT_TMP/e"; return; }
      _ch=true
    fi
  fi
  ok "{\"changed\":$_ch}"
}
op_file_mkdir() {
  path_of _P path || return
  if [ -d "$_P" ]; then ok '{"created":false}'; return; fi
  mkdir -p -- "$_P" 2>"$AGENT_TMP/e" || { errfile failed "mkdir failed" "$AGENT_TMP/e"; return; }
  ok '{"created":true}'
}
# op_file_transfer mv|cp
# Refusals (provider/remote/README.md): an existing target needs overwrite; overwrite replaces a file, a symlink or an
# EMPTY directory, never replaces a directory with a file and never deletes a non-empty directory (no merge either);
# a tree is never copied or moved onto or into itself.
op_file_transfer() {
  path_of _F from || return
  path_of _T to || return
  opt _ow overwrite false
  while [ "${_F%/}" != "$_F" ] && [ "${_F%/}" != "" ]; do _F=${_F%/}; done
  while [ "${_T%/}" != "$_T" ] && [ "${_T%/}" != "" ]; do _T=${_T%/}; done
  if [ ! -e "$_F" ] && [ ! -L "$_F" ]; then err not-found "no such file or directory: ${_F#"$ROOT"}"; return; fi
  _a=$_T
  while :; do
    if [ "$_a" = "$_F" ] || { [ -e "$_a" ] && [ "$_a" -ef "$_F" ]; }; then
      err refused "the target is the source or inside it: ${_T#"$ROOT"} (source ${_F#"$ROOT"})"
      return
    fi
    case $_a in /|'') break ;; esac
    parent _a "$_a"
  done
  if [ -e "$_T" ] || [ -L "$_T" ]; then
    [ "$_ow" = true ] || { err exists "the target exists (set overwrite to replace it): ${_T#"$ROOT"}"; return; }
    if [ -d "$_T" ] && [ ! -L "$_T" ]; then
      if [ ! -d "$_F" ] || [ -L "$_F" ]; then
        err refused "the target is a directory; a file never replaces a directory (give the file's full target path): ${_T#"$ROOT"}"
        return
      fi
      _ls=$(ls -A -- "$_T" 2>/dev/null) || _ls=unreadable
      if [ -n "$_ls" ]; then
        err refused "the target is a directory that is not empty; it is never deleted or merged into: ${_T#"$ROOT"}"
        return
      fi
      rmdir -- "$_T" 2>"$AGENT_TMP/e" || { errfile failed "cannot remove the empty target directory ${_T#"$ROOT"}" "$AGENT_TMP/e"; return; }
    else
      rm -f -- "$_T" 2>"$AGENT_TMP/e" || { errfile failed "cannot remove the old target ${_T#"$ROOT"}" "$AGENT_TMP/e"; return; }
    fi
  fi
  parent _D "$_T"
  mkdir -p -- "$_D" 2>"$AGENT_TMP/e" || { errfile failed "cannot create the target's parent" "$AGENT_TMP/e"; return; }
  if [ "$1" = mv ]; then
    mv -- "$_F" "$_T" 2>"$AGENT_TMP/e" || { errfile failed "move failed" "$AGENT_TMP/e"; return; }
    ok '{"moved":true}'
  else
    cp -pR -- "$_F" "$_T" 2>"$AGENT_TMP/e" || { errfile failed "copy failed" "$AGENT_TMP/e"; return; }
    ok '{"copied":true}'
  fi
}
op_file_delete() {
  path_of _P path || return
  opt _r recursive false
  if [ ! -e "$_P" ] && [ ! -L "$_P" ]; then ok '{"deleted":false}'; return; fi
  if [ -d "$_P" ] && [ ! -L "$_P" ]; then
    if [ "$_r" = true ]; then
      rm -rf -- "$_P" 2>"$AGENT_TMP/e" || { errfile failed "delete failed" "$AGENT_TMP/e"; return; }
    else
      rmdir -- "$_P" 2>"$AGENT_TMP/e" || { errfile failed "cannot delete the directory (not empty? set recursive)" "$AGENT_TMP/e"; return; }
    fi
  else
    rm -f -- "$_P" 2>"$AGENT_TMP/e" || { errfile failed "delete failed" "$AGENT_TMP/e"; return; }
  fi
  ok '{"deleted":true}'
}

# ---------- hosts ----------
op_hosts_get() {
  _H="$ROOT/etc/hosts"
  [ -f "$_H" ] || { ok '{"entries":[]}'; return; }
  _e=$(awk 'function j(s,  o, k, c) { gsub(/[[:cntrl:]]/, "", s); o = ""
      for (k = 1; k <= length(s); k++) { c = substr(s, k, 1)
        if (c == "\\") o = o "\\\\"; else if (c == "\"") o = o "\\\""; else o = o c }
      return "\"" o "\"" }
    { sub(/\r$/, ""); sub(/#.*/, ""); if (NF < 2) next
      e = "{\"address\":" j($1) ",\"hostnames\":["
      for (k = 2; k <= NF; k++) e = e (k > 2 ? "," : "") j($k)
      out = out (n++ ? "," : "") e "]}" }
    END { printf "%s", out }' "$_H")
  ok "{\"entries\":[$_e]}"
}
op_hosts_set() {
  _H="$ROOT/etc/hosts"
  _M="$AGENT_TMP/managed"
  printf '#\n' >"$_M"
  opt _n entries.n 0
  _k=0
  while [ "$_k" -lt "$_n" ]; do
    need _a "entries.$_k.address" || return
    token_ok "$_a" || { err bad-request "entries.$_k.address is not a hosts token"; return; }
    opt _hn "entries.$_k.hostnames.n" 0
    _names=
    _m=0
    while [ "$_m" -lt "$_hn" ]; do
      need _x "entries.$_k.hostnames.$_m" || return
      token_ok "$_x" || { err bad-request "entries.$_k.hostnames.$_m is not a hosts token"; return; }
      _names="$_names${_names:+ }$_x"
      _m=$((_m + 1))
    done
    [ -n "$_names" ] || { err bad-request "entries.$_k has no hostnames"; return; }
    printf 'S\t%s\t%s\n' "$_a" "$_names" >>"$_M"
    _k=$((_k + 1))
  done
  opt _rn removeAddresses.n 0
  _k=0
  while [ "$_k" -lt "$_rn" ]; do
    need _a "removeAddresses.$_k" || return
    printf 'R\t%s\n' "$_a" >>"$_M"
    _k=$((_k + 1))
  done
  [ -f "$_H" ] || : >"$_H" 2>/dev/null || { err failed "cannot create the hosts file"; return; }
  awk 'NR == FNR { split($0, a, "\t")
                   if (a[1] == "S") { line[a[2]] = a[2] "\t" a[3]; order[++n] = a[2] }
                   else if (a[1] == "R") rm[a[2]] = 1
                   next }
       { s = $0; sub(/\r$/, "", s); sub(/#.*/, "", s); split(s, w, " "); ad = w[1]
         if (ad != "" && (ad in line)) { if (!(ad in done)) { print line[ad]; done[ad] = 1 }; next }
         if (ad != "" && (ad in rm)) next
         print }
       END { for (k = 1; k <= n; k++) if (!(order[k] in done)) { print line[order[k]]; done[order[k]] = 1 } }' \
    "$_M" - <"$_H" >"$AGENT_TMP/hosts.new" 2>"$AGENT_TMP/e" || { errfile failed "cannot rewrite the hosts file" "$AGENT_TMP/e"; return; }
  if cmp -s -- "$AGENT_TMP/hosts.new" "$_H"; then
    ok '{"changed":false}'
    return
  fi
  cat -- "$AGENT_TMP/hosts.new" >"$_H" 2>"$AGENT_TMP/e" || { errfile failed "cannot write the hosts file" "$AGENT_TMP/e"; return; }
  ok '{"changed":true}'
}

# ---------- network interface ----------
op_nic_set_enabled() {
  need _nm name || return
  need _en enabled || return
  command -v ip >/dev/null 2>&1 || { err unsupported "the ip command (iproute2) is not installed"; return; }
  _fl=$(ip -o link show dev "$_nm" 2>"$AGENT_TMP/e") || { errfile not-found "no such interface: $_nm" "$AGENT_TMP/e"; return; }
  _fl=$(printf '%s' "$_fl" | sed -n 's/^[^<]*<\([^>]*\)>.*/,\1,/p')
  case $_fl in *,UP,*) _up=true ;; *) _up=false ;; esac
  if [ "$_up" = "$_en" ]; then ok "{\"name\":$(js "$_nm"),\"changed\":false}"; return; fi
  if [ "$_en" = true ]; then _st=up; else _st=down; fi
  ip link set dev "$_nm" "$_st" 2>"$AGENT_TMP/e" || { errfile failed "ip link set $_st failed" "$AGENT_TMP/e"; return; }
  ok "{\"name\":$(js "$_nm"),\"changed\":true}"
}

# ---------- CLUSTERPRO commands ----------
op_clp() {
  need _c command || return
  case $_c in
    clpcfctrl|clpcl|clpgrp|clprsc|clpstat|clpmdstat|clpmdctrl) ;;
    *) err bad-request "not an allowed CLUSTERPRO command: $_c"; return ;;
  esac
  _exe=$(command -v "$_c") || { err not-found "$_c is not installed (not found on PATH)"; return; }
  int _t timeoutSec 600 || return
  int _n args.n 0 || return
  set --
  _k=0
  while [ "$_k" -lt "$_n" ]; do
    need _a "args.$_k" || return
    set -- "$@" "$_a"
    _k=$((_k + 1))
  done
  timeout -s KILL "$_t" "$_exe" "$@" >"$AGENT_TMP/o" 2>"$AGENT_TMP/e" </dev/null
  _rc=$?
  if [ "$_rc" -eq 137 ]; then err timeout "$_c did not finish within $_t s"; return; fi
  opt _gate requireExitZero false
  if [ "$_gate" = true ] && [ "$_rc" -ne 0 ]; then
    cat -- "$AGENT_TMP/o" >>"$AGENT_TMP/e"
    errfile exit-nonzero "$_c exited with $_rc" "$AGENT_TMP/e"
    return
  fi
  { printf '{"i":%s,"ok":true,"value":{"exitCode":%s,"stdoutBase64":"' "$I" "$_rc"
    b64enc <"$AGENT_TMP/o"
    printf '","stderrBase64":"'
    b64enc <"$AGENT_TMP/e"
    printf '"}}\n'; } >&3
  OP_DONE=1
}

# ---------- lock ----------
# lock_owner DIR -> _holder: the first line of DIR/owner (empty when missing)
lock_owner() {
  _holder=
  [ -f "$1/owner" ] && _holder=$(head -c 1024 -- "$1/owner" 2>/dev/null | head -n 1 | tr -d '\r')
}
# The folder appears with its owner file in one rename (mv -T: rename(2), which fails on an existing
# non-empty folder). Age is the folder's time on this node, whatever the owner file says.
op_lock_acquire() {
  path_of _P path || return
  need _o owner || return
  int _s staleAfterSec '' || return
  parent _D "$_P"
  mkdir -p -- "$_D" 2>"$AGENT_TMP/e" || { errfile failed "cannot create the lock's parent folder" "$AGENT_TMP/e"; return; }
  _broken=null
  if [ -e "$_P" ] || [ -L "$_P" ]; then
    _m=$(stat -c %Y -- "$_P" 2>/dev/null) || _m=0
    _age=$(($(date +%s) - _m))
    lock_owner "$_P"
    if [ "${_age#-}" -le "$_s" ]; then
      err locked "the lock ${_P#"$ROOT"} is held by ${_holder:-an unknown owner (empty owner file)} for $_age s"
      return
    fi
    # Stale: moved aside under this process's own name, checked to be the folder judged stale, removed.
    _aside="$_P.stale.$$"
    rm -rf -- "$_aside"
    mv -T -- "$_P" "$_aside" 2>"$AGENT_TMP/e" || { errfile locked "the stale lock ${_P#"$ROOT"} is being broken by someone else" "$AGENT_TMP/e"; return; }
    if [ "$(stat -c %Y -- "$_aside" 2>/dev/null)" != "$_m" ]; then
      mv -T -- "$_aside" "$_P" 2>/dev/null
      err locked "the lock ${_P#"$ROOT"} changed hands while it was being broken"
      return
    fi
    rm -rf -- "$_aside"
    _broken="{\"owner\":$(js "$_holder"),\"ageSec\":$_age}"
  fi
  _new="$_P.new.$$"
  rm -rf -- "$_new"
  { mkdir -m 0700 -- "$_new" && printf '%s' "$_o" >"$_new/owner"; } 2>"$AGENT_TMP/e" || { errfile failed "cannot build the lock folder" "$AGENT_TMP/e"; rm -rf -- "$_new"; return; }
  if ! mv -T -- "$_new" "$_P" 2>"$AGENT_TMP/e"; then
    rm -rf -- "$_new"
    lock_owner "$_P"
    err locked "the lock ${_P#"$ROOT"} was taken at the same moment by ${_holder:-another applier}"
    return
  fi
  ok "{\"acquired\":true,\"broken\":$_broken}"
}
op_lock_release() {
  path_of _P path || return
  need _o owner || return
  [ -d "$_P" ] && [ -f "$_P/owner" ] || { ok '{"released":false}'; return; }
  _cur=$(cat -- "$_P/owner" 2>/dev/null && printf x)
  [ "${_cur%x}" = "$_o" ] || { ok '{"released":false}'; return; }
  _gone="$_P.release.$$"
  rm -rf -- "$_gone"
  mv -T -- "$_P" "$_gone" 2>"$AGENT_TMP/e" || { errfile failed "cannot release the lock" "$AGENT_TMP/e"; return; }
  rm -rf -- "$_gone"
  ok '{"released":true}'
}
op_file_sha256() {
  path_of _P path || return
  opt _x expect ''
  _h=absent
  if [ -f "$_P" ]; then
    _h=$(sha256sum <"$_P" 2>"$AGENT_TMP/e" | awk '{ print $1 }')
    [ -n "$_h" ] || { errfile failed "sha256sum failed" "$AGENT_TMP/e"; return; }
  fi
  if [ -n "$_x" ] && [ "$_x" != "$_h" ]; then
    err mismatch "${_P#"$ROOT"} is $_h, expected $_x"
    return
  fi
  if [ "$_h" = absent ]; then ok '{"exists":false,"sha256":null}'; else ok "{\"exists\":true,\"sha256\":\"$_h\"}"; fi
}

windows_only() { err unsupported "$OP exists only on Windows"; }

# ---------- dispatch ----------
dispatch() {
  case $OP in
    # ops:begin
    facts) op_facts ;;
    service.query) op_service_query ;;
    service.setStartup) op_service_set_startup ;;
    service.start) op_service_run start ;;
    service.stop) op_service_run stop ;;
    reg.query) windows_only ;;
    reg.set) windows_only ;;
    reg.deleteValue) windows_only ;;
    reg.deleteSubkeys) windows_only ;;
    reg.export) windows_only ;;
    file.stat) op_file_stat ;;
    file.read) op_file_read ;;
    file.write) op_file_write ;;
    file.mkdir) op_file_mkdir ;;
    file.move) op_file_transfer mv ;;
    file.copy) op_file_transfer cp ;;
    file.delete) op_file_delete ;;
    acl.get) windows_only ;;
    acl.set) windows_only ;;
    hosts.get) op_hosts_get ;;
    hosts.set) op_hosts_set ;;
    nic.setEnabled) op_nic_set_enabled ;;
    clp) op_clp ;;
    lock.acquire) op_lock_acquire ;;
    lock.release) op_lock_release ;;
    file.sha256) op_file_sha256 ;;
    volume.list) windows_only ;;
    # ops:end
    *) err unknown-op "unknown op: $OP" ;;
  esac
}

IFS= read -r HDR || { echo "clp-agent: no payload on stdin" >&2; exit 93; }
LINE=$HDR
VERSION_OK=
case $HDR in "clp-agent 1"|"clp-agent 1 "*) VERSION_OK=1 ;; esac
get ROOT root || ROOT=
if [ -n "$ROOT" ]; then
  case $ROOT in /*) ;; *) echo "clp-agent: root must be absolute" >&2; exit 94 ;; esac
  ROOT=${ROOT%/}
  PATH="$ROOT/bin:$PATH"
fi
printf '%s 1\n' '@@clp-agent-begin@@' >&3
I=0
STOP=
while IFS= read -r LINE; do
  [ "$LINE" = end ] && break
  OP_DONE=
  OP_FAILED=
  OP=
  if [ -z "$VERSION_OK" ]; then
    err protocol "this agent speaks protocol version 1; the payload header was: $HDR"
  elif [ -n "$STOP" ]; then
    err skipped "not run: an earlier op with stopOnError failed"
  elif ! get OP op; then
    err bad-request "missing field: op"
  else
    dispatch </dev/null
    [ -n "$OP_DONE" ] || err failed "the op $OP produced no result"
    if [ -n "$OP_FAILED" ]; then
      opt _soe stopOnError false
      [ "$_soe" = true ] && STOP=1
    fi
  fi
  I=$((I + 1))
done
printf '%s\n' '@@clp-agent-end@@' >&3
exit 0
