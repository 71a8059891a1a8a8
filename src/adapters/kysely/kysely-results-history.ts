import type { ResultsHistory } from '../../ports/results-history.js'
import { parseFinalResults } from './final-results-rows.js'
import type { LibraryTables } from './library-tables.js'
import { textColumn } from './row-values.js'
import { insertSnapshot, selectSnapshots, selectSnapshotsDue } from './results-history-queries.js'
import type { WriteRunner } from './write-runner.js'

/**
 * The results snapshots in the library's table, through the runner the repository uses (so in a
 * host's transaction they take their turn with its writes). A body is parsed as strictly as the
 * final results are.
 */
export function createKyselyResultsHistory<DB>(options: {
  readonly tables: LibraryTables
  readonly runner: WriteRunner<DB>
}): ResultsHistory {
  const { tables, runner } = options
  return {
    snapshotsDue: async (query) => {
      const { rows } = await runner.read((db) => selectSnapshotsDue(tables, query).execute(db))
      return rows.map((row) => ({
        environmentId: textColumn(row, 'environment_id'),
        experimentId: textColumn(row, 'id'),
      }))
    },
    saveSnapshot: async (snapshot) => {
      await runner.unit((db) => insertSnapshot(tables, snapshot).execute(db.withoutPlugins()), false)
    },
    snapshots: async (environmentId, experimentId) => {
      const { rows } = await runner.read((db) =>
        selectSnapshots(tables, environmentId, experimentId).execute(db),
      )
      return rows.map(parseFinalResults)
    },
  }
}
