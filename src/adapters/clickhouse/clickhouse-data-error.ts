/** Why a {@link ClickHouseDataError} was raised. */
export type ClickHouseDataErrorCode = 'ingestion_not_supported' | 'item_not_storable'

/**
 * The failure the ClickHouse adapter rejects a call with when the call itself is the problem,
 * not ClickHouse: `ingestion_not_supported` when exposures or events are sent to an adapter
 * reading the host's own tables (`sources`), `item_not_storable` when a batch holds an item the
 * tables cannot store (it names the item's index; nothing of the batch is stored).
 *
 * @example
 * ```ts
 * try {
 *   await data.recordEvents(environmentId, events)
 * } catch (error) {
 *   if (!(error instanceof ClickHouseDataError)) throw error
 *   console.warn(error.code, error.message)
 * }
 * ```
 */
export class ClickHouseDataError extends Error {
  /** What went wrong, for a caller to branch on. */
  readonly code: ClickHouseDataErrorCode

  constructor(code: ClickHouseDataErrorCode, message: string) {
    super(`flag-experiments: ${message}`)
    this.name = 'ClickHouseDataError'
    this.code = code
  }
}
