/** Client process entry for the migration rows (peer `migrate`). */
import { serveMeasurement } from '../client.ts'
import { migratePaymux } from '../peers/migrate.ts'

serveMeasurement(migratePaymux)
