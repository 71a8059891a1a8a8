/**
 * What the README's examples take from your host: your own lookups, policy, database, logger and
 * helpers. Declared here, not implemented, so that each example type-checks against the real
 * library (`npm run typecheck`) while showing only the library's part.
 */
import type { Kysely } from 'kysely'
import type {
  Actor,
  AuditEntry,
  Environment,
  ExperimentService,
  Feature,
  FeatureLookup,
  PermissionPolicy,
} from 'flag-experiments'
import type { HttpHandler } from 'flag-experiments/http'
import type { RepositoryFixture } from 'flag-experiments/testing'

/** Your environments and flags. */
export declare const features: FeatureLookup
/** Your feature gate and roles. */
export declare const permissions: PermissionPolicy
/** Your logger. */
export declare const logger: { warn(error: unknown): void; error(error: unknown): void }
/** Your tables, as your `Kysely` instance knows them. */
export interface HostDatabase {
  releaseNotes: { id: string; text: string }
  auditLog: { id: string; action: string; subjectId: string; at: Date }
}
/** Your `Kysely` instance. */
export declare const db: Kysely<HostDatabase>
/** The Postgres schema you gave `migrateToLatest`. */
export declare const schema: string
/** Who is calling, from your session or token: `null` when nobody is. */
export declare function actorFromToken(authorization: string | null): Promise<Actor | null>
/** The service, made by `createExperimentService` as in the examples above. */
export declare const experiments: ExperimentService
/** The HTTP handler, made by `createHttpHandler({ …, basePath: '/api/v1' })`. */
export declare const handler: HttpHandler
/** A caller and an experiment. */
export declare const actor: Actor
export declare const id: string
/** A row of your own table. */
export declare const note: HostDatabase['releaseNotes']
/** Your audit table's row for an entry. */
export declare function toRow(entry: AuditEntry): HostDatabase['auditLog']
/** Where your webhook worker keeps its place in the audit feed. */
export declare function loadCursor(environmentId: string): Promise<string | null>
export declare function saveCursor(environmentId: string, cursor: string): Promise<void>
/** Your delivery, retried until the receiver accepts. */
export declare function postWithRetry(
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<void>
export declare function sleep(milliseconds: number): Promise<void>
/** A fresh fixture of your own repositories on a fresh test database, with a back door into it. */
export declare function createMyRepositoryFixture(): Promise<RepositoryFixture>
/** Your lookup and policy under test, with the environments, features and callers they know. */
export declare const myLookup: FeatureLookup
export declare const myPolicy: PermissionPolicy
export declare const dev: Environment
export declare const checkout: Feature
export declare const admin: Actor
export declare const viewer: Actor
