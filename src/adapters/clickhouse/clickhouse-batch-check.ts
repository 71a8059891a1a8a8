import type { Exposure, TrackedEvent } from '../../ports/experiment-data.js'
import { ClickHouseDataError } from './clickhouse-data-error.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The instants a `DateTime64(3)` column holds: 1900-01-01 up to the end of 2299, UTC. */
const EARLIEST = Date.UTC(1900, 0, 1)
const LATEST = Date.UTC(2300, 0, 1) - 1

/** Outside 1..255 characters, counted in code points as ClickHouse's `lengthUTF8` counts them. */
const outsideKeyLength = (text: string) => text.length < 1 || [...text].length > 255

function timeProblem(at: Date): string | null {
  const time = at.getTime()
  if (Number.isNaN(time)) return 'at must be a valid date'
  return time < EARLIEST || time > LATEST ? 'at must be between 1900-01-01 and 2299-12-31 (UTC)' : null
}

function itemProblem(item: Exposure | TrackedEvent): string | null {
  if (outsideKeyLength(item.identity)) return 'identity must be 1..255 characters'
  if ('event' in item) {
    if (!UUID.test(item.id)) return 'id must be a UUID'
    if (outsideKeyLength(item.event)) return 'event must be 1..255 characters'
    if (item.value !== null && !Number.isFinite(item.value)) return 'value must be finite or null'
  } else {
    if (!UUID.test(item.experimentId)) return 'experimentId must be a UUID'
    if (outsideKeyLength(item.variant)) return 'variant must be 1..255 characters'
  }
  return timeProblem(item.at)
}

/**
 * Rejects a batch holding an item the tables cannot store, before anything of it is sent
 * (the tables' `CHECK` constraints refuse the same again, for whoever else writes them).
 */
export function checkBatch(items: readonly (Exposure | TrackedEvent)[]): void {
  items.forEach((item, index) => {
    const problem = itemProblem(item)
    if (problem !== null) throw new ClickHouseDataError('item_not_storable', `item ${index}: ${problem}`)
  })
}

/** The batch without the items whose key an earlier item of the batch has. */
export function firstOfEachKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = keyOf(item)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
