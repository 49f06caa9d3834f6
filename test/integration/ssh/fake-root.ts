// A temporary root for the POSIX agent's `root` option: etc/os-release, etc/hosts, opt/nec/clusterpro, and fake
// systemctl / ip / rpm / clp* commands in bin/ (the agent puts <root>/bin first on PATH). The fakes record their
// argv NUL-separated so tests can check what arrived.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface FakeRoot {
  root: string;
  state: string;
  /** argv of every call of a fake, in order (each call = one array). */
  calls(tool: "systemctl" | "ip"): string[][];
  addService(name: string, opts?: { enabled?: boolean; active?: boolean }): void;
  addNic(name: string, up: boolean): void;
  remove(): void;
}

const SYSTEMCTL = `#!/bin/sh
# fake systemctl: a service exists when $S/<name>.unit exists
S=__STATE__
{ for a in "$@"; do printf '%s\\0' "$a"; done; printf '\\n'; } >>"$S/systemctl.calls"
cmd=$1; shift
if [ "$1" = -p ]; then shift; shift; fi
if [ "$1" = --value ]; then shift; fi
if [ "$1" = -- ]; then shift; fi
n=$1
case $cmd in
  show) if [ -e "$S/$n.unit" ]; then echo loaded; else echo not-found; fi ;;
  is-enabled) if [ -e "$S/$n.masked" ]; then echo masked; elif [ -e "$S/$n.enabled" ]; then echo enabled; else echo disabled; exit 1; fi ;;
  is-active) if [ -e "$S/$n.active" ]; then echo active; else echo inactive; exit 3; fi ;;
  enable) : >"$S/$n.enabled" ;;
  disable) rm -f "$S/$n.enabled" ;;
  mask) : >"$S/$n.masked" ;;
  unmask) rm -f "$S/$n.masked" ;;
  start)
    case $n in
      slow*) sleep 30 ;;
      fail*) echo "Job for $n.service failed." >&2; exit 1 ;;
    esac
    : >"$S/$n.active" ;;
  stop) rm -f "$S/$n.active" ;;
  *) echo "fake systemctl: unknown command $cmd" >&2; exit 2 ;;
esac
`;

const IP = `#!/bin/sh
# fake ip: "ip -o link show dev NAME" and "ip link set dev NAME up|down"
S=__STATE__
{ for a in "$@"; do printf '%s\\0' "$a"; done; printf '\\n'; } >>"$S/ip.calls"
if [ "$1" = -o ]; then
  n=$5
  [ -e "$S/nic-$n" ] || { echo "Device \\"$n\\" does not exist." >&2; exit 1; }
  if [ -e "$S/nic-$n.up" ]; then f=BROADCAST,MULTICAST,UP,LOWER_UP; else f=BROADCAST,MULTICAST; fi
  printf '2: %s: <%s> mtu 1500 qdisc noop state DOWN\\n' "$n" "$f"
  exit 0
fi
n=$4
[ -e "$S/nic-$n" ] || exit 1
case $5 in up) : >"$S/nic-$n.up" ;; down) rm -f "$S/nic-$n.up" ;; esac
`;

const RPM = `#!/bin/sh
# fake rpm: rpm -q --qf FORMAT clusterpro
[ "$4" = clusterpro ] && { printf '5.1.0-1'; exit 0; }
exit 1
`;

/** clpstat prints its argv NUL-separated on stdout, Japanese on stderr, exits 3. */
const CLPSTAT = `#!/bin/sh
for a in "$@"; do printf '%s\\0' "$a"; done
printf 'クラスタ停止中\\n' >&2
exit 3
`;

const CLPCL = `#!/bin/sh
sleep 30
`;

export function makeFakeRoot(): FakeRoot {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "clp-agent-root-"));
  const state = path.join(root, "state");
  for (const d of ["bin", "etc", "opt/nec/clusterpro/bin", "state", "data"]) fs.mkdirSync(path.join(root, d), { recursive: true });
  const q = `'${state.replace(/'/g, `'\\''`)}'`;
  const tool = (name: string, body: string) => fs.writeFileSync(path.join(root, "bin", name), body.replace("__STATE__", q), { mode: 0o755 });
  tool("systemctl", SYSTEMCTL);
  tool("ip", IP);
  tool("rpm", RPM);
  tool("clpstat", CLPSTAT);
  tool("clpcl", CLPCL);
  fs.writeFileSync(path.join(root, "etc/os-release"), 'PRETTY_NAME="Test Linux 12 (fake)"\nNAME="Test Linux"\nVERSION_ID="12"\nID=test\n');
  fs.writeFileSync(path.join(root, "etc/hosts"), "127.0.0.1\tlocalhost\n# managed below\n10.0.0.1 old-name # comment\n192.168.0.9 keep-me\n");
  const calls = (t: string) => {
    const f = path.join(state, `${t}.calls`);
    if (!fs.existsSync(f)) return [];
    return fs
      .readFileSync(f, "utf8")
      .split("\0\n")
      .filter((l) => l !== "")
      .map((l) => l.split("\0"));
  };
  return {
    root,
    state,
    calls,
    addService(name, opts = {}) {
      fs.writeFileSync(path.join(state, `${name}.unit`), "");
      if (opts.enabled) fs.writeFileSync(path.join(state, `${name}.enabled`), "");
      if (opts.active) fs.writeFileSync(path.join(state, `${name}.active`), "");
    },
    addNic(name, up) {
      fs.writeFileSync(path.join(state, `nic-${name}`), "");
      if (up) fs.writeFileSync(path.join(state, `nic-${name}.up`), "");
    },
    remove() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
