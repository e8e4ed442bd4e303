// Worker thread of examples/parallel.ts: says "ready" once loaded, then counts its share of
// scores on "go" and posts the aggregator state as JSON. tsx is registered here so the
// worker can load the TypeScript example (an app would import the built package instead).
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { countPart } = await import('./parallel.ts')
parentPort.once('message', () => {
  parentPort.postMessage(JSON.stringify(countPart(workerData.first, workerData.count)))
})
parentPort.postMessage('ready')
