// The configuration a deployment sets: README.md's table against the variables the services declare
// (packages/platform/src/config/, gateway/src/config.ts, subgraphs/<name>/src/config.ts,
// scripts/config.ts), every process.env read against those declarations, and what an operator sees
// when a value is wrong.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigurationError,
  databaseConfig,
  directoriesConfig,
  lockConfig,
  loggingConfig,
  secretsConfig,
  servicesConfigDefinition,
  subgraphAdmissionConfig,
  variableDoc,
  type ConfigDefinition,
  type ConfigShape,
} from '@oms/platform';
import { gatewayAdmissionConfig, gatewayConfig } from '../gateway/src/config';
import { accessConfig } from '../subgraphs/access/src/config';
import { channelsConfig } from '../subgraphs/channels/src/config';
import { ordersConfig } from '../subgraphs/orders/src/config';
import { webhooksConfig } from '../subgraphs/webhooks/src/config';
import { startConfig } from '../scripts/config';

const ROOT = path.join(__dirname, '..');

const DEFINITIONS: ConfigDefinition<ConfigShape>[] = [
  databaseConfig,
  directoriesConfig,
  loggingConfig,
  secretsConfig,
  servicesConfigDefinition(),
  subgraphAdmissionConfig,
  lockConfig,
  gatewayConfig,
  gatewayAdmissionConfig,
  accessConfig,
  ordersConfig,
  channelsConfig,
  webhooksConfig,
  startConfig,
];

interface Declared {
  name: string;
  /** The name the README uses: the variable's own, or its family's (`<SUBGRAPH>_PORT`). */
  readmeName: string;
  /** Its default as the README must show it. */
  readmeDefault: string;
  service: string;
}

function documentedDefault(schema: ConfigShape[string]): string {
  const doc = variableDoc(schema);
  if (doc.readmeDefault) return doc.readmeDefault;
  const parsed = schema.safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return '—';
  return `\`${String(parsed.data)}\``;
}

function declared(): Declared[] {
  return DEFINITIONS.flatMap((definition) =>
    Object.entries(definition.shape).map(([name, schema]) => ({
      name,
      readmeName: variableDoc(schema).readmeName ?? name,
      readmeDefault: documentedDefault(schema),
      service: definition.service,
    })),
  );
}

interface ReadmeRow {
  names: string[];
  defaults: string[];
}

/** The rows of README.md's configuration table; a row naming several variables lists their defaults in order. */
function readmeRows(): ReadmeRow[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'));
  const table = section.split('\n').slice(2);
  const rows = table.slice(0, table.findIndex((line) => !line.startsWith('|'))).slice(2);
  return rows.map((line) => {
    const [nameCell, defaultCell] = line.split('|').slice(1, 3).map((cell) => cell.trim());
    const names = [...nameCell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    const parts = defaultCell.split(', ');
    return { names, defaults: names.length > 1 && parts.length === names.length ? parts : names.map(() => defaultCell) };
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (['node_modules', '__generated__', 'dist'].includes(entry)) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) && !entry.endsWith('.test.ts') ? [full] : [];
  });
}

describe('configuration', () => {
  it('declares every variable once, with one default', () => {
    const byName = new Map<string, Declared[]>();
    for (const variable of declared()) byName.set(variable.name, [...(byName.get(variable.name) ?? []), variable]);
    const twice = [...byName].filter(([, all]) => all.length > 1).map(([name, all]) => `${name} (${all.map((variable) => variable.service).join(', ')})`);
    expect(twice).toEqual([]);
  });

  it('lists every declared variable in the README with the default the code uses', () => {
    const readme = new Map<string, string>();
    for (const row of readmeRows()) row.names.forEach((name, index) => readme.set(name, row.defaults[index]));
    const missing = declared().filter((variable) => !readme.has(variable.readmeName)).map((variable) => `${variable.name} (${variable.service})`);
    expect(missing).toEqual([]);
    const wrong = declared()
      .filter((variable) => readme.get(variable.readmeName) !== variable.readmeDefault)
      .map((variable) => `${variable.readmeName}: README says ${readme.get(variable.readmeName)}, the code ${variable.readmeDefault}`);
    expect(wrong).toEqual([]);
  });

  it('documents no variable that nothing declares', () => {
    const known = new Set(declared().map((variable) => variable.readmeName));
    const rows = readmeRows();
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.flatMap((row) => row.names).filter((name) => !known.has(name))).toEqual([]);
  });

  it('reads no environment variable that is not declared', () => {
    const known = new Set(declared().map((variable) => variable.name));
    // The system's search path, not the hub's configuration.
    known.add('PATH');
    const files = ['gateway/src', 'subgraphs', 'packages', 'scripts'].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    const undeclared = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].filter((match) => !known.has(match[1])).map((match) => `${path.relative(ROOT, file)}: ${match[1]}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('names every wrong variable and what is wrong with it', () => {
    const read = () => webhooksConfig.read({ OMS_WEBHOOK_MAX_ATTEMPTS: 'twelve', OMS_WEBHOOK_ALLOW_PRIVATE_URLS: 'yes', OMS_WEBHOOK_TIMEOUT_MS: '' });
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow('OMS_WEBHOOK_MAX_ATTEMPTS must be a number of at least 1 (got "twelve")');
    expect(read).toThrow('OMS_WEBHOOK_ALLOW_PRIVATE_URLS must be true or false (1 or 0) (got "yes")');
    // Empty means unset: the default applies.
    expect(webhooksConfig.read({ OMS_WEBHOOK_TIMEOUT_MS: '' }).OMS_WEBHOOK_TIMEOUT_MS).toBe(10_000);
    expect(() => servicesConfigDefinition().read({ ORDERS_PORT: '70000' })).toThrow('ORDERS_PORT must be a port (0 to 65535) (got "70000")');
    expect(() => databaseConfig.read({ OMS_FERRETDB_BACKEND: 'mysql' })).toThrow(/OMS_FERRETDB_BACKEND .*"embedded".*\(got "mysql"\)/);
  });

  it('a gateway started on its own with a wrong value refuses to start, naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'gateway/src/index.ts')], {
      cwd: ROOT,
      env: { ...process.env, OMS_INTERNAL_SECRET: 'k9Qx2LrT7vBn4MzW8pYc1HdF6sJg3NaE5uVi0OtK', OMS_MAX_QUERY_DEPTH: 'deep', GATEWAY_PORT: '0', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('OMS_MAX_QUERY_DEPTH must be an integer of at least 1 (got \\"deep\\")');
  });
});
