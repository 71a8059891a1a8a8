import { z } from 'zod'

/** A JSON Schema node, as `z.toJSONSchema` writes one. */
type JsonNode = Readonly<Record<string, unknown>>

const ISO_DATE_TIME = 'an ISO 8601 date-time with its offset (Z or ±hh:mm), such as 2026-03-01T12:00:00Z'
const schemas = new WeakMap<z.ZodType, JsonNode>()

/** The input shape of `schema` as JSON Schema, computed once per schema. */
function jsonSchemaOf(schema: z.ZodType): JsonNode {
  let node = schemas.get(schema)
  if (node === undefined) {
    node = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })
    schemas.set(schema, node)
  }
  return node
}

const isNode = (value: unknown): value is JsonNode => typeof value === 'object' && value !== null

/** The options of a union node (`anyOf` / `oneOf`), or none. */
function optionsOf(node: JsonNode): JsonNode[] {
  const options = node.anyOf ?? node.oneOf
  return Array.isArray(options) ? options.filter(isNode) : []
}

/** The node one step down `key`: an object's property or an array's items, through unions. */
function child(node: JsonNode, key: PropertyKey): JsonNode | null {
  const properties = node.properties
  if (isNode(properties) && typeof key === 'string' && isNode(properties[key])) return properties[key]
  if (typeof key === 'number' && isNode(node.items)) return node.items
  for (const option of optionsOf(node)) {
    const found = child(option, key)
    if (found !== null) return found
  }
  return null
}

/** The node at `path` in `root`, or `null` where the schema does not say. */
function nodeAt(root: JsonNode, path: readonly PropertyKey[]): JsonNode | null {
  let node: JsonNode | null = root
  for (const key of path) node = node === null ? null : child(node, key)
  return node
}

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined)

/** ` from 1 to 200`, ` from 0`, ` up to 10`, or nothing. */
function range(node: JsonNode): string {
  const min = num(node.minimum) ?? num(node.exclusiveMinimum)
  const max = num(node.maximum) ?? num(node.exclusiveMaximum)
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`
  if (min !== undefined) return ` of at least ${min}`
  return max === undefined ? '' : ` of at most ${max}`
}

/** What a string node expects, its format or length said in words. */
function expectedString(node: JsonNode): string {
  if (node.format === 'date-time') return ISO_DATE_TIME
  if (node.format === 'uuid') return 'a UUID'
  const min = num(node.minLength)
  const max = num(node.maxLength)
  if (max !== undefined) return `a string of ${min ?? 0}..${max} characters`
  return min !== undefined && min > 0 ? 'a non-empty string' : 'a string'
}

/** What a node expects, in words (`a string of 1..255 characters or an integer from 0 to 9`), or `null`. */
function expectedOf(node: JsonNode): string | null {
  const options = optionsOf(node)
  if (options.length > 0) {
    const parts = [...new Set(options.map(expectedOf).filter((part): part is string => part !== null))]
    return parts.length === 0 ? null : parts.join(' or ')
  }
  if (Array.isArray(node.enum)) return `one of ${node.enum.map(String).join(', ')}`
  if ('const' in node) return JSON.stringify(node.const)
  switch (node.type) {
    case 'string':
      return expectedString(node)
    case 'integer':
      return `an integer${range(node)}`
    case 'number':
      return `a number${range(node)}`
    case 'boolean':
      return 'true or false'
    case 'null':
      return 'null'
    case 'array':
      return num(node.maxItems) === undefined ? 'a list' : `a list of at most ${num(node.maxItems)} items`
    case 'object':
      return 'an object'
    default:
      return null
  }
}

/** The kind of a JSON value, as a message says what it got. */
function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Date) return 'a Date'
  return typeof value === 'object' ? 'an object' : typeof value
}

/** What the caller sent, in a few characters: the value itself when short and simple, else its kind. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return kindOf(value)
}

/** The value at `path` in what the caller sent. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) value = isNode(value) ? (value as Record<PropertyKey, unknown>)[key] : undefined
  return value
}

/**
 * The message of an issue zod would describe only in its own words ("Invalid input"): the field,
 * what the schema expects there and what was sent, e.g.
 * `feature: expected a string of 1..255 characters or an integer from 0 to 9007199254740991, got boolean`.
 */
export function expectedMessage(schema: z.ZodType, issue: z.core.$ZodIssue, input: unknown): string {
  const value = valueAt(input, issue.path)
  const node = nodeAt(jsonSchemaOf(schema), issue.path)
  const fromIssue = issue.code === 'invalid_type' ? `a ${issue.expected}` : 'a valid value'
  const expected = (node === null ? null : expectedOf(node)) ?? fromIssue
  const typeWrong = issue.code === 'invalid_type' || issue.code === 'invalid_union'
  const got = typeWrong ? kindOf(value) : shown(value)
  const field = issue.path.map(String).join('.')
  return `${field === '' ? '' : `${field}: `}expected ${expected}, got ${got}`
}

/**
 * A schema's own message, made to name its field: `name: must not be empty.` A message that
 * starts with the field's name already (`limit must be …`) is kept.
 */
export function fieldMessage(path: string, message: string): string {
  const field = path.split('.').findLast((segment) => !/^\d+$/.test(segment)) ?? ''
  if (path === '' || (field !== '' && message.startsWith(`${field} `))) return message
  return `${path}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`
}
