// Connectors are plug-ins: each package declares its kind, the runtime discovers it without being told,
// and a package that declares a connector it does not deliver stops the start with an error naming it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectorPackageDeclaration } from '@oms/connector-kit';
import { discoverConnectors } from '../subgraphs/channels/src/services/connector-discovery';
import { ConnectorRegistry } from '../subgraphs/channels/src/services/connector-registry';

const CONNECTORS = path.join(__dirname, '..', 'connectors');
const connectorFolders = readdirSync(CONNECTORS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'kit')
  .map((entry) => entry.name);
const packageJson = (folder: string) => JSON.parse(readFileSync(path.join(CONNECTORS, folder, 'package.json'), 'utf8'));

/** The layout connectors/README.md documents: files every connector has, and those its capabilities call for. */
const ALWAYS = ['README.md', 'src/index.ts', 'src/manifest.ts', 'src/check.ts', 'src/streams/orders.ts', 'src/mappers/order.ts', 'src/writers/stock.ts', 'src/writers/fulfillment.ts', 'src/simulator/index.ts'];
const BY_CAPABILITY: Record<string, string> = { 'stock.read': 'src/readers/published-stock.ts', 'orders.webhook': 'src/webhooks.ts' };

describe('connector plug-ins', () => {
  it('every connector package declares its kind and is discovered with it, the runtime naming none of them', () => {
    const discovered = discoverConnectors();
    expect(discovered.map((found) => found.kind).sort()).toEqual(connectorFolders.map((folder) => connectorPackageDeclaration(packageJson(folder))!.kind).sort());
    for (const found of discovered) expect(found.connector.manifest.id).toBe(found.kind);
    expect(new ConnectorRegistry().all().map((connector) => connector.manifest.id).sort()).toEqual(discovered.map((found) => found.kind).sort());
    const runtimeDependencies = Object.keys(JSON.parse(readFileSync(path.join(__dirname, '..', 'subgraphs', 'channels', 'package.json'), 'utf8')).dependencies);
    expect(runtimeDependencies.filter((name) => name.startsWith('@oms/connector-') && name !== '@oms/connector-kit')).toEqual([]);
  });

  it.each(connectorFolders)('%s follows the documented layout', (folder) => {
    const capabilities: string[] = discoverConnectors().find((found) => found.packageName === packageJson(folder).name)!.connector.manifest.capabilities;
    const expected = [...ALWAYS, ...capabilities.flatMap((capability) => (BY_CAPABILITY[capability] ? [BY_CAPABILITY[capability]] : []))];
    expect(expected.filter((file) => !existsSync(path.join(CONNECTORS, folder, file)))).toEqual([]);
  });

  describe('a broken plug-in', () => {
    let root: string;
    const install = (name: string, manifest: object, source: string) => {
      const dir = path.join(root, 'node_modules', ...name.split('/'));
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, main: 'index.js', ...manifest }));
      writeFileSync(path.join(dir, 'index.js'), source);
    };
    const connectorSource = (id: string) => `exports.fakeConnector = { manifest: { id: ${JSON.stringify(id)}, capabilities: [] } };`;

    beforeEach(() => {
      root = mkdtempSync(path.join(os.tmpdir(), 'oms-plugins-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('is found by its declaration alone, scoped or not; packages that declare nothing are passed over', () => {
      install('@oms/connector-fake', { oms: { connector: { kind: 'fake', export: 'fakeConnector' } } }, connectorSource('fake'));
      install('oms-connector-other', { oms: { connector: { kind: 'other', export: 'fakeConnector' } } }, connectorSource('other'));
      install('@oms/connector-undeclared', {}, connectorSource('undeclared'));
      expect(discoverConnectors(root).map((found) => found.kind).sort()).toEqual(['fake', 'other']);
    });

    it('whose export is missing stops discovery, naming the package', () => {
      install('@oms/connector-fake', { oms: { connector: { kind: 'fake', export: 'missing' } } }, connectorSource('fake'));
      expect(() => discoverConnectors(root)).toThrow(/@oms\/connector-fake: oms\.connector\.export names "missing"/);
    });

    it('whose manifest is of another kind stops discovery, naming both kinds', () => {
      install('@oms/connector-fake', { oms: { connector: { kind: 'fake', export: 'fakeConnector' } } }, connectorSource('shopify'));
      expect(() => discoverConnectors(root)).toThrow(/oms\.connector\.kind is "fake" but its manifest id is "shopify"/);
    });

    it('claiming a kind another package has stops discovery', () => {
      install('@oms/connector-fake', { oms: { connector: { kind: 'fake', export: 'fakeConnector' } } }, connectorSource('fake'));
      install('oms-connector-fake', { oms: { connector: { kind: 'fake', export: 'fakeConnector' } } }, connectorSource('fake'));
      expect(() => discoverConnectors(root)).toThrow(/both declare the connector kind "fake"/);
    });

    it('with a malformed declaration stops discovery, naming the field', () => {
      install('@oms/connector-fake', { oms: { connector: { kind: 'Fake Kind', export: 'fakeConnector' } } }, connectorSource('fake'));
      expect(() => discoverConnectors(root)).toThrow(/@oms\/connector-fake: oms\.connector\.kind must be lower-case/);
    });
  });
});
