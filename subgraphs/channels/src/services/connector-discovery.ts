// Finds the connector plug-ins installed beside this runtime: every `@oms/connector-*` or
// `oms-connector-*` package whose package.json declares `oms.connector` (kind and export, see the kit's
// plugin.ts), in the node_modules folders Node itself would search from here. npm workspaces link
// the repository's connectors there, and a deployment installs published ones there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { connectorPackageDeclaration, isConnectorPackageName, type Connector } from '@oms/connector-kit';

export interface DiscoveredConnector {
  packageName: string;
  kind: string;
  connector: Connector<unknown>;
}

/** node_modules folders from `from` up to the file-system root, nearest first (Node's own search order). */
function moduleFolders(from: string): string[] {
  const folders: string[] = [];
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') folders.push(path.join(dir, 'node_modules'));
    if (path.dirname(dir) === dir) return folders.filter((folder) => existsSync(folder));
  }
}

/** Package directories named like connectors, by package name (the nearest copy wins). */
function candidatePackages(from: string): Map<string, string> {
  const found = new Map<string, string>();
  const add = (name: string, dir: string) => {
    if (isConnectorPackageName(name) && !found.has(name) && existsSync(path.join(dir, 'package.json'))) found.set(name, dir);
  };
  for (const folder of moduleFolders(from)) {
    for (const name of readdirSync(folder)) add(name, path.join(folder, name));
    const scoped = path.join(folder, '@oms');
    if (existsSync(scoped)) for (const name of readdirSync(scoped)) add(`@oms/${name}`, path.join(scoped, name));
  }
  return found;
}

/**
 * Loads every declared connector plug-in. A package that declares one but does not deliver it (no such
 * export, or a manifest of another kind), or two packages claiming one kind, stop the start with an
 * error naming the package: a connector that silently went missing would strand its connections.
 */
export function discoverConnectors(from: string = __dirname): DiscoveredConnector[] {
  const byKind = new Map<string, DiscoveredConnector>();
  for (const [packageName, dir] of [...candidatePackages(from)].sort(([a], [b]) => a.localeCompare(b))) {
    const declaration = connectorPackageDeclaration(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')));
    if (!declaration) continue;
    // Resolved from where it was found, as Node would from `from`; plug-ins are known only at run time.
    const entry = require.resolve(packageName, { paths: [from] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = (require(entry) as Record<string, unknown>)[declaration.export] as Connector<unknown> | undefined;
    if (!exported?.manifest) throw new Error(`${packageName}: oms.connector.export names ${JSON.stringify(declaration.export)}, which the package does not export as a connector`);
    if (exported.manifest.id !== declaration.kind) throw new Error(`${packageName}: oms.connector.kind is ${JSON.stringify(declaration.kind)} but its manifest id is ${JSON.stringify(exported.manifest.id)}`);
    const taken = byKind.get(declaration.kind);
    if (taken) throw new Error(`${packageName} and ${taken.packageName} both declare the connector kind ${JSON.stringify(declaration.kind)}`);
    byKind.set(declaration.kind, { packageName, kind: declaration.kind, connector: exported });
  }
  return [...byKind.values()];
}
