import type { ValidationIssue } from '../../core/domain/errors.js'
import type { JsonSchema } from './json-schema.js'

/**
 * The body fields whose JSON name (snake_case) differs from the service's (camelCase). The
 * mapping is applied as a swap in both directions, so a client that sends the camelCase name
 * is refused as sending an unknown field, exactly as it would be for any other unknown name.
 */
const WIRE_TO_SERVICE: Readonly<Record<string, string>> = {
  expected_direction: 'expectedDirection',
  traffic_percentage: 'trafficPercentage',
  scheduled_start_at: 'scheduledStartAt',
  scheduled_end_at: 'scheduledEndAt',
  sequential_tuning: 'sequentialTuning',
  pre_exposure_days: 'preExposureDays',
}

const SWAP: ReadonlyMap<string, string> = new Map(
  Object.entries(WIRE_TO_SERVICE).flatMap(([wire, service]) => [
    [wire, service],
    [service, wire],
  ]),
)

const swap = (name: string): string => SWAP.get(name) ?? name

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Sets an own data property, so that a `__proto__` key stays a key and never a prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** A copy of an object with its keys swapped between their JSON and service names. */
function renameKeys(value: unknown): unknown {
  if (!isPlainObject(value)) return value
  const renamed: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) define(renamed, swap(key), field)
  return renamed
}

/**
 * Turns a JSON request body into the service's input: `traffic_percentage` becomes
 * `trafficPercentage` and `expected_direction` becomes `expectedDirection` in the places a body
 * holds them (the body itself, its `rollout`, its `analysis`, each item of its `metrics`). Only those places are
 * visited, whatever the body's depth; values are not touched.
 */
export function toServiceInput(body: unknown): unknown {
  const root = renameKeys(body)
  if (!isPlainObject(root)) return root
  if (Object.hasOwn(root, 'rollout')) define(root, 'rollout', renameKeys(root.rollout))
  if (Object.hasOwn(root, 'analysis')) define(root, 'analysis', renameKeys(root.analysis))
  if (Object.hasOwn(root, 'metrics') && Array.isArray(root.metrics))
    define(root, 'metrics', root.metrics.map(renameKeys))
  return root
}

const NAME_IN_TEXT = new RegExp(`\\b(${[...SWAP.keys()].join('|')})\\b`, 'g')

/**
 * Turns the service's validation issues back into the request's terms: each path segment and
 * each field name in a message gets its JSON name (`metrics.0.expectedDirection` →
 * `metrics.0.expected_direction`).
 */
export function toWireIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.map(({ path, message }) => ({
    path: path === '' ? path : path.split('.').map(swap).join('.'),
    message: message.replace(NAME_IN_TEXT, swap),
  }))
}

/**
 * The JSON Schema of a request body as sent over HTTP: the service's schema with every
 * property named by its JSON name (in `properties` and `required`, at any depth).
 */
export function toWireSchema(schema: JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (!isPlainObject(node)) return node
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && isPlainObject(value)) {
        const properties: Record<string, unknown> = {}
        for (const [name, property] of Object.entries(value)) define(properties, swap(name), walk(property))
        define(out, key, properties)
      } else if (key === 'required' && Array.isArray(value)) {
        define(
          out,
          key,
          value.map((name: unknown) => (typeof name === 'string' ? swap(name) : name)),
        )
      } else define(out, key, walk(value))
    }
    return out
  }
  return walk(schema) as JsonSchema
}
