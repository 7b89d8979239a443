/** Client process entry for paymux. */
import { serveMeasurement } from '../client.ts'
import { listPaymux } from '../peers/paymux.ts'

serveMeasurement(listPaymux)
