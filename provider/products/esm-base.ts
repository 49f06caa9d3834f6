// ESMPRO/BASE's "ESM Base Service" (Nvbase), shared by every ESMPRO/BASE product on a server (ServerManager,
// ClientManager, Netvisor, NetvisorPro, UXServerManager: seed 003 §1.2, seed 001 §1.2.3.1, §2.1, §2.2). A product says
// it runs on it with `usesEsmBaseService` in its catalog entry; nothing else about the sharing is per product.
//
// In one failover group the base is declared once, by the first such install: its service resource (the group chain
// starts with it, so it starts first and stops last), the work directory on the switch partition (one Nvwork: every
// ESMPRO/BASE product writes WorkDir), its WorkDir / AlertPath values and the two registry-sync keys. A later install of
// the group that also uses the base drops these from its plan (render.ts), so two installs never write the same value
// twice with the seeds' different spellings (ServerManager's "\Alert", Netvisor's "\alert"). Pure.
import type { Product } from "./types";

export const ESM_BASE_SERVICE = "Nvbase";
export const NVBASE_KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE";
/** The work directory every ESMPRO/BASE product moves to the switch partition, relative to the install's shared folder. */
export const ESM_BASE_WORK_DIRECTORY = "Nvwork";
/** The values pointing at the work directory, written by whichever product sets the base up (seed 001 §1.2.7, §2.1.3, §2.2.3). */
export const ESM_BASE_VALUES: readonly { key: string; name: string }[] = [
  { key: NVBASE_KEY, name: "WorkDir" },
  { key: `${NVBASE_KEY}\\AlertViewer`, name: "AlertPath" },
];
/** The registry-sync keys of the base (seed 001 §1.2.7, §2.1.3, §2.2.3; seed 003 §2.2.4). */
export const ESM_BASE_SYNC_KEYS: readonly string[] = [NVBASE_KEY, "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Nvbase"];

export function usesEsmBase(product: Product): boolean {
  return product.usesEsmBaseService !== undefined;
}

/** Whether this install of `product` finds the base already declared by an earlier install of its group. */
export function esmBaseDeclaredBefore(product: Product, sharedServices: readonly string[] | undefined): boolean {
  return usesEsmBase(product) && (sharedServices ?? []).some((s) => s.toLowerCase() === ESM_BASE_SERVICE.toLowerCase());
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isWorkDir = (path: string) => /(^|\\)Nvwork$/i.test(path);

/** The items of a product's entry that belong to the shared base (dropped by an install that finds it declared). */
export const esmBaseItem = {
  placement: (p: { target: string }) => same(p.target, ESM_BASE_WORK_DIRECTORY),
  standbyDeletion: (d: { path: string }) => isWorkDir(d.path),
  acl: (a: { path: string }) => isWorkDir(a.path),
  registryWrite: (w: { key: string; name: string }) => ESM_BASE_VALUES.some((v) => same(v.key, w.key) && same(v.name, w.name)),
  syncKey: (k: string) => ESM_BASE_SYNC_KEYS.some((b) => same(b, k)),
};
