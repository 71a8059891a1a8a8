import { normalizeBasePath } from './create-http-handler.js'
import { PACKAGE_VERSION } from './package-version.js'
import { describeOperation, headOperation } from './open-api-operation.js'
import { RETRY_AFTER_SECONDS } from './problem-response.js'
import { ROUTES } from './route-table.js'
import { schemaComponents } from './schema-components.js'

/** Options of {@link openApiDocument}. */
export interface OpenApiDocumentOptions {
  /** The same `basePath` as the handler's; defaults to the root. */
  readonly basePath?: string
  readonly title?: string
  /** The document's `info.version`; defaults to the package's version. */
  readonly version?: string
  readonly servers?: ReadonlyArray<{ readonly url: string; readonly description?: string }>
}

const DESCRIPTION = `Experiments (A/B tests on multivariate flags) of an environment, with a strict lifecycle, their design (metrics and rollout) and the environment's metric catalogue.

- Every path also works without its trailing slash.
- Errors are RFC 9457 problem details (\`application/problem+json\`); branch on \`code\`.
- \`HEAD\` is answered wherever \`GET\` is: the same status and headers, without a body.
- A path outside this document is 404 \`not_found\`; a method a path does not offer is 405 \`method_not_allowed\` with \`Allow\`.
- Request bodies are JSON (\`application/json\`, UTF-8) of at most 64 KiB unless the host sets another limit (the exposures and events batches: 1 MiB); unknown and read-only fields are refused. Operations without a request body ignore one.
- Field names are snake_case; a validation issue's \`path\` names the field as sent (\`rollout.allocations.2.variant\`).
- Query parameters an operation does not define are refused with 400 \`validation_failed\`.
- A \`GET\` or \`HEAD\` of a resource with an \`ETag\` honours \`If-None-Match\` (\`*\` or a list of tags, compared weakly): 304 without a body when it matches.
- \`If-Match\` takes \`*\` or one strong ETag exactly as sent (\`"3"\`); anything else is 400 \`validation_failed\`, a stale one 412 \`version_mismatch\`.`

/**
 * Builds the OpenAPI 3.1 document of the HTTP API, generated from the zod schemas the code
 * validates and serializes with, so the document cannot disagree with the handler.
 *
 * @example
 * ```ts
 * const document = openApiDocument({ basePath: '/api/v1', servers: [{ url: 'http://localhost:3000' }] })
 * ```
 */
export function openApiDocument(options: OpenApiDocumentOptions = {}): Record<string, unknown> {
  const basePath = normalizeBasePath(options.basePath)
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of ROUTES) {
    const path = `${basePath}${route.path}`
    const item = paths[path] ?? {
      parameters: [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
        $ref: `#/components/parameters/${name}`,
      })),
    }
    const described = describeOperation(route)
    item[route.method.toLowerCase()] = described
    if (route.method === 'GET') item.head = headOperation(described)
    paths[path] = item
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'flag-experiments',
      version: options.version ?? PACKAGE_VERSION,
      description: DESCRIPTION,
    },
    ...(options.servers && { servers: options.servers }),
    tags: [
      { name: 'experiments', description: 'A/B experiments of an environment, with their design' },
      { name: 'metrics', description: "The environment's metric catalogue, shared by its experiments" },
      {
        name: 'results',
        description: 'Exposures and events sent by SDKs and servers, and the results computed from them',
      },
      {
        name: 'audit',
        description:
          'Every change as an ordered, resumable feed of audit entries, for webhooks and notifications',
      },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: schemaComponents(ROUTES),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      parameters: {
        environmentKey: {
          name: 'environmentKey',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          description: "The host environment's key.",
        },
        experimentId: {
          name: 'experimentId',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          description: 'The experiment id (a UUID); anything else is 404 `experiment_not_found`.',
        },
        metricId: {
          name: 'metricId',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          description: 'The metric id (a UUID); anything else is 404 `metric_not_found`.',
        },
        'If-Match': {
          name: 'If-Match',
          in: 'header',
          required: false,
          schema: { type: 'string' },
          description:
            'Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`).',
        },
        'If-None-Match': {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          schema: { type: 'string' },
          description:
            'Answer 304 without a body if the experiment is still at one of these versions: `*` or ETags, weak ones included (`"3", W/"4"`).',
        },
      },
      headers: {
        ETag: {
          required: true,
          schema: { type: 'string', pattern: '^"[1-9][0-9]*"$' },
          description: 'The experiment or metric version, `"<version>"`; send it back as If-Match.',
        },
        Location: {
          required: true,
          schema: { type: 'string' },
          description: 'The path of the new experiment or metric.',
        },
        'Retry-After': {
          required: true,
          schema: { type: 'string', pattern: '^[0-9]+$' },
          description: `Seconds to wait before retrying (${RETRY_AFTER_SECONDS}).`,
        },
        'WWW-Authenticate': {
          required: true,
          schema: { type: 'string' },
          description: 'The authentication challenge.',
        },
      },
    },
  }
}
