// The signature vectors of test/fixtures/webhooks/vectors.json, typed.
import { readFileSync } from 'node:fs'

export interface TimestampedVector {
  name: string
  secret: string
  t: number
  body: string
  v1: string
  valid: boolean
  against?: string
  rotationHeader?: string
  bodyBytes?: number
}
export interface TimingCase {
  vector: string
  toleranceSec: number
  now: number
  valid: boolean
  why: string
}
export interface Vectors {
  timestamped: TimestampedVector[]
  timing: TimingCase[]
  standardWebhooks: { secret: string; msgId: string; timestamp: number; payload: string; signature: string }
}

export const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/webhooks/vectors.json', import.meta.url), 'utf8'),
) as Vectors

export const vector = (name: string): TimestampedVector => {
  const v = vectors.timestamped.find((x) => x.name === name)
  if (!v) throw new Error(`no vector ${name}`)
  return v
}
