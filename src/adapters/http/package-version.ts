import packageJson from '../../../package.json' with { type: 'json' }

/**
 * The package's version, the default `info.version` of the OpenAPI document. Read from
 * package.json here; the build replaces this module with the bare string, so the published
 * code does not carry the manifest.
 */
export const PACKAGE_VERSION: string = packageJson.version
