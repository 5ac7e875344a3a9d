// How a package declares itself a connector plug-in: an `oms.connector` field in its package.json
// naming the kind (its manifest id) and the export holding the Connector. The channels runtime finds
// every installed `@oms/connector-*` (or `oms-connector-*`) package that declares one; adding a
// connector never means editing the runtime.
import { z } from 'zod';

export const connectorPackageField = z.object({
  /** The connector's kind: its manifest id, what connections name in `kind`. */
  kind: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  /** The package's export holding the Connector object. */
  export: z.string().min(1),
});
export type ConnectorPackageField = z.infer<typeof connectorPackageField>;

/** Package names the runtime looks at for connector plug-ins. */
export function isConnectorPackageName(name: string): boolean {
  return (/^@oms\/connector-[a-z0-9-]+$/.test(name) && name !== '@oms/connector-kit') || /^oms-connector-[a-z0-9-]+$/.test(name);
}

/** The plug-in declaration of a package.json, null when it declares none; throws naming the field when it is malformed. */
export function connectorPackageDeclaration(packageJson: { name?: string; oms?: { connector?: unknown } }): ConnectorPackageField | null {
  const declared = packageJson.oms?.connector;
  if (declared === undefined) return null;
  const parsed = connectorPackageField.safeParse(declared);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${packageJson.name ?? 'a package'}: oms.connector.${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}
