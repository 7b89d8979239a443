/** Client process entry for the raw fetch peer. */
import { serveMeasurement } from '../client.ts'
import { listRaw } from '../peers/raw.ts'

serveMeasurement((job, max, sink) => listRaw(job, max, sink))
