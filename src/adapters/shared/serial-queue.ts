/** Runs tasks one at a time, each after every task queued before it has settled. */
export interface SerialQueue {
  /** Queues `task`; resolves or rejects as it does. A failed task does not stop the queue. */
  run<T>(task: () => Promise<T>): Promise<T>
}

/**
 * Creates an empty {@link SerialQueue}: for work that must see the state the previous task
 * left (the memory repository's writes, the savepoints of one host transaction).
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve()
  return {
    run: (task) => {
      const result = tail.then(task)
      tail = result.catch(() => undefined)
      return result
    },
  }
}
