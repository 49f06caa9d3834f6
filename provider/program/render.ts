// A declared program → the files of a Pulumi TypeScript project (pure). Every value is written with
// JSON.stringify, so names and comments from the file (Japanese, quotes, backslashes) stay data.
import type { DeclaredGroup, DeclaredProgram } from "./declare";

export interface RenderOptions {
  /** The clp.conf the program was made from (shown in the header). */
  source: string;
  /** This package's version, for package.json. */
  packageVersion: string;
}

export interface ProjectFile {
  path: string;
  content: string;
}

const q = (v: unknown) => JSON.stringify(v);

/** A TypeScript identifier for a group: "failover-nfw" → groupFailoverNfw. */
export function groupVariable(name: string, taken: Set<string>): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const base = `group${words.map((w) => w[0].toUpperCase() + w.slice(1)).join("")}`;
  let v = /^[A-Za-z_$][\w$]*$/.test(base) ? base : "group";
  for (let i = 2; taken.has(v); i++) v = `${base}${i}`;
  taken.add(v);
  return v;
}

/** An object literal on one line, without undefined fields; `code` fields come first, written as code (a variable name), not as data. */
function literal(o: Record<string, unknown>, code: Record<string, string> = {}): string {
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : q(k));
  const parts = [
    ...Object.entries(code).map(([k, v]) => `${key(k)}: ${v}`),
    ...Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => `${key(k)}: ${q(v)}`),
  ];
  return `{ ${parts.join(", ")} }`;
}

function groupCode(g: DeclaredGroup, variable: string): string[] {
  const lines: string[] = [];
  const { members, resources, ...args } = g;
  lines.push(`const ${variable} = new clusterpro.FailoverGroup(${q(g.name)}, {`);
  lines.push(`  cluster,`);
  for (const [k, v] of Object.entries(args)) if (v !== undefined) lines.push(`  ${k}: ${q(v)},`);
  if (resources.length > 0) {
    lines.push(`  resources: [`);
    for (const r of resources) lines.push(`    ${literal(r as unknown as Record<string, unknown>)},`);
    lines.push(`  ],`);
  } else lines.push(`  resources: [],`);
  lines.push(`});`);
  for (const m of members) {
    const { kind, ...rest } = m;
    const type = ({ floatingIp: "FloatingIp", mirrorDisk: "MirrorDisk", sharedDisk: "SharedDisk", virtualComputerName: "VirtualComputerName", volumeManager: "VolumeManager" } as const)[kind];
    lines.push(`new clusterpro.${type}(${q(m.name)}, ${literal(rest, { group: variable })});`);
  }
  return lines;
}

function indexTs(p: DeclaredProgram, o: RenderOptions): string {
  const windows = p.os === "windows";
  const taken = new Set<string>();
  const out: string[] = [
    `// The CLUSTERPRO X cluster "${p.cluster.name}", declared from ${o.source} by \`clusterpro-conf to-program\`.`,
    `// Its first \`pulumi preview\` against that cluster shows no change to clp.conf and \`pulumi up\` pushes`,
    `// nothing; edit a value below and the next \`up\` applies just that change.`,
  ];
  if (p.kept.length > 0) {
    out.push(`//`, `// Kept in clp.conf as they are (this program does not declare them, so it never changes them):`);
    for (const k of p.kept) out.push(`//   ${k.path}: ${k.why}`);
  }
  out.push(
    `import * as fs from "fs";`,
    `import * as pulumi from "@pulumi/pulumi";`,
    `import * as clusterpro from "pulumi-clusterpro";`,
    ``,
    `const cfg = new pulumi.Config();`,
    `const password = cfg.requireSecret("password");`,
    `// How each server is reached: config \`labJson\` (the lab.json of a clusterpro-lab), or \`hosts\``,
    `// (server name → address; default: the name itself)${windows ? ", `caCertPem` (the WinRM HTTPS certificate's CA)" : ", `hostKeys` (server name → SSH host key fingerprint)"} and \`username\`.`,
    `interface LabNode { name: string; username: string; winrm?: { httpsPort: number; caCertPem: string }; ssh?: { port: number; hostKeyFingerprint: string } }`,
    `const labJson = cfg.get("labJson");`,
    `const lab = labJson ? (JSON.parse(fs.readFileSync(labJson, "utf8")) as { nodes: LabNode[] }) : undefined;`,
    `const hosts = cfg.getObject<Record<string, string>>("hosts") ?? {};`,
  );
  if (!windows) out.push(`const hostKeys = cfg.getObject<Record<string, string>>("hostKeys") ?? {};`);
  out.push(
    ``,
    `function node(name: string): clusterpro.Node {`,
    `  const n = lab?.nodes.find((x) => x.name === name);`,
    `  if (lab && !n) throw new Error(\`\${name} is not a node of the lab in \${labJson}\`);`,
  );
  if (windows) {
    out.push(
      `  const connection: clusterpro.ConnectionArgs = n?.winrm`,
      `    ? { transport: "winrm", host: "127.0.0.1", port: n.winrm.httpsPort, https: true, caCertPem: n.winrm.caCertPem, username: n.username, password }`,
      `    : { transport: "winrm", host: hosts[name] ?? name, https: true, caCertPem: cfg.get("caCertPem"), username: cfg.get("username") ?? "Administrator", password };`,
    );
  } else {
    out.push(
      `  const connection: clusterpro.ConnectionArgs = n?.ssh`,
      `    ? { transport: "ssh", host: "127.0.0.1", port: n.ssh.port, username: n.username, password, hostKeyFingerprint: n.ssh.hostKeyFingerprint }`,
      `    : { transport: "ssh", host: hosts[name] ?? name, username: cfg.get("username") ?? "root", password, hostKeyFingerprint: hostKeys[name] };`,
    );
  }
  out.push(`  return new clusterpro.Node(name, { hostname: name, connection });`, `}`, ``);
  const { servers, interconnects, networkPartitions, userModeMonitor, ...clusterArgs } = p.cluster;
  out.push(`const cluster = new clusterpro.Cluster("cluster", {`);
  for (const [k, v] of Object.entries(clusterArgs)) if (v !== undefined) out.push(`  ${k}: ${q(v)},`);
  out.push(`  servers: [${servers.map((s) => `node(${q(s)})`).join(", ")}],`, `  interconnects: [`);
  for (const ic of interconnects) out.push(`    ${literal(ic as unknown as Record<string, unknown>)},`);
  out.push(`  ],`);
  if (networkPartitions) {
    out.push(`  networkPartitions: [`);
    for (const np of networkPartitions) out.push(`    ${literal(np)},`);
    out.push(`  ],`);
  }
  if (userModeMonitor) out.push(`  userModeMonitor: ${literal(userModeMonitor)},`);
  out.push(
    `  // The most disruptive way a change may be applied ("upload", "suspend", "group" or "cluster").`,
    `  maxDisruption: (cfg.get("maxDisruption") ?? "group") as clusterpro.MaxDisruptionName,`,
    `});`,
  );
  const groupVariables = new Map<string, string>();
  for (const g of p.groups) {
    const variable = groupVariable(g.name, taken);
    groupVariables.set(g.name, variable);
    out.push(``, ...groupCode(g, variable));
  }
  if (p.monitors.length > 0) out.push(``);
  for (const m of p.monitors) {
    const { kind, group, ...rest } = m;
    const type = ({ ipMonitor: "IpMonitor", nicLinkMonitor: "NicLinkMonitor" } as const)[kind];
    // A monitor recovering a group belongs to it; one recovering the local server, to the cluster.
    const owner: Record<string, string> = group !== undefined ? { group: groupVariables.get(group)! } : { cluster: "cluster" };
    out.push(`new clusterpro.${type}(${q(m.name)}, ${literal(rest, owner)});`);
  }
  out.push(``, `export const clusterName = cluster.id;`, ``);
  return out.join("\n");
}

function projectName(cluster: string): string {
  const slug = cluster.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  return `clusterpro-${slug || "cluster"}`;
}

export function renderProject(p: DeclaredProgram, o: RenderOptions): ProjectFile[] {
  const name = projectName(p.cluster.name);
  const pulumiYaml = [`name: ${name}`, `runtime: nodejs`, `description: ${q(`CLUSTERPRO X cluster ${p.cluster.name} (from ${o.source})`)}`, ``].join("\n");
  const packageJson = {
    name,
    private: true,
    main: "index.ts",
    dependencies: { "@pulumi/pulumi": "3.248.0", "pulumi-clusterpro": `^${o.packageVersion}` },
    devDependencies: { "@types/node": "^20", typescript: "~5.9.3" },
  };
  const tsconfig = { compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true }, files: ["index.ts"] };
  return [
    { path: "Pulumi.yaml", content: pulumiYaml },
    { path: "package.json", content: `${JSON.stringify(packageJson, null, 2)}\n` },
    { path: "tsconfig.json", content: `${JSON.stringify(tsconfig, null, 2)}\n` },
    { path: "index.ts", content: indexTs(p, o) },
  ];
}
