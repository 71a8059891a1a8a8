import { cpus, totalmem, release, platform } from 'node:os'
import { libraryVersions } from './backend.js'

/** Where and with what a run happened. */
export interface Environment {
  readonly cpu: string
  readonly cores: number
  readonly memoryGiB: number
  readonly os: string
  readonly node: string
  readonly packages: Readonly<Record<string, string>>
}

/** Describes this machine and the package versions in `node_modules`. */
export function describeEnvironment(): Environment {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    packages: libraryVersions(),
  }
}
