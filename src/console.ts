/**
 * The results console, served by the HTTP handler under a path of its own:
 * `flag-experiments/console`. A separate entry, so hosts that do not mount it do not ship it.
 *
 * @packageDocumentation
 */
export { CONSOLE_CSP, createConsole } from './adapters/console/create-console.js'
export type { ConsoleOptions, WebConsole } from './adapters/console/create-console.js'
