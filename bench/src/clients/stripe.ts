/** Client process entry for the stripe-node peer. */
import { serveMeasurement } from '../client.ts'
import { listStripe } from '../peers/stripe.ts'

serveMeasurement((job, max, sink) => listStripe(job, max, sink))
