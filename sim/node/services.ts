// A node's simulated services (Windows SCM or systemd): startup type, state, dependencies honoured.
import { SimError, type SimService, type SimServices } from "./types";

export class SimServiceTable implements SimServices {
  private readonly services = new Map<string, SimService>();

  constructor(private readonly caseInsensitive: boolean) {}

  private key(name: string): string {
    return this.caseInsensitive ? name.toLowerCase() : name;
  }

  get(name: string): SimService | undefined {
    return this.services.get(this.key(name));
  }

  find(nameOrDisplayName: string): SimService | undefined {
    const lower = nameOrDisplayName.toLowerCase();
    return this.get(nameOrDisplayName) ?? this.list().find((s) => s.displayName.toLowerCase() === lower);
  }

  list(): SimService[] {
    return [...this.services.values()];
  }

  define(service: SimService): void {
    this.services.set(this.key(service.name), { ...service, dependsOn: [...service.dependsOn] });
  }

  private require(name: string): SimService {
    const s = this.get(name);
    if (!s) throw new SimError("not-found", `service ${name} does not exist`);
    return s;
  }

  start(name: string, seen = new Set<string>()): void {
    const s = this.require(name);
    if (s.state === "running") return;
    if (s.startup === "disabled") throw new SimError("disabled", `service ${s.name} is disabled and cannot be started`);
    if (seen.has(this.key(name))) throw new SimError("failed", `service ${s.name}: circular dependency`);
    seen.add(this.key(name));
    for (const dep of s.dependsOn) this.start(dep, seen);
    s.state = "running";
  }

  stop(name: string): void {
    const s = this.require(name);
    if (s.state === "stopped") return;
    for (const other of this.services.values()) {
      if (other.state === "running" && other.dependsOn.some((d) => this.key(d) === this.key(s.name))) this.stop(other.name);
    }
    s.state = "stopped";
  }

  setStartup(name: string, startup: SimService["startup"]): boolean {
    const s = this.require(name);
    const changed = s.startup !== startup;
    s.startup = startup;
    return changed;
  }

  /** Boot: every automatic service starts (a node coming back up). */
  boot(): void {
    for (const s of this.services.values()) s.state = "stopped";
    for (const s of this.services.values()) if (s.startup === "automatic" || s.startup === "automatic-delayed") this.start(s.name);
  }
}
