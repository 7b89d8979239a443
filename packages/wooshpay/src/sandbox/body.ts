/**
 * Reading a write's JSON body the way WooshPay answers bad ones: 400 `invalid_request_error`
 * naming the parameter (`parameter_missing`, `parameter_invalid_integer`, `parameter_unknown`, ...).
 * A `Params` reader records the first problem; the route answers it instead of writing.
 */
import type { SandboxRequest } from '@paymux/core/adapter'
import { errorReply, invalidParam, type Reply } from './errors.ts'

type Obj = Record<string, unknown>

const isObj = (u: unknown): u is Obj => typeof u === 'object' && u !== null && !Array.isArray(u)

/** Reads typed parameters of one object of the body, keeping the first problem as a 400 reply. */
export class Params {
  private readonly o: Obj
  private readonly prefix: string
  // Shared by a body's nested readers: the route checks one `error`.
  private readonly sink: { error: Reply | null }
  constructor(o: Obj, prefix: string, allowed: readonly string[], sink: { error: Reply | null } = { error: null }) {
    this.o = o
    this.prefix = prefix
    this.sink = sink
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.fail(k, `Received unknown parameter: ${this.name(k)}`, 'parameter_unknown')
    }
  }

  /** The first problem found, as the reply to send; null while the body is fine. */
  get error(): Reply | null {
    return this.sink.error
  }

  private name(k: string): string {
    return this.prefix === '' ? k : `${this.prefix}[${k}]`
  }

  /** Records a problem (the first one wins) and returns undefined. */
  fail(k: string, message: string, code = 'parameter_invalid'): undefined {
    this.sink.error ??= invalidParam(this.name(k), message, code)
    return undefined
  }

  private get(k: string, required: boolean): unknown {
    const v = this.o[k]
    if ((v === undefined || v === null) && required)
      this.fail(k, `Missing required param: ${this.name(k)}.`, 'parameter_missing')
    return v ?? undefined
  }

  string(k: string, required = false): string | undefined {
    const v = this.get(k, required)
    if (v === undefined) return undefined
    return typeof v === 'string' && v !== '' ? v : this.fail(k, `Invalid string: ${this.name(k)}`)
  }

  /** A JSON integer (payment-intent amounts, `price_data.unit_amount`, docs/providers/wooshpay.md#write-money). */
  integer(k: string, required = false): number | undefined {
    const v = this.get(k, required)
    if (v === undefined) return undefined
    return Number.isSafeInteger(v) && (v as number) >= 0
      ? (v as number)
      : this.fail(k, `Invalid integer: ${JSON.stringify(v)}`, 'parameter_invalid_integer')
  }

  /** A decimal string of an integer (price `unit_amount`, refund `amount`, docs/providers/wooshpay.md#write-money). */
  digits(k: string, required = false): number | undefined {
    const v = this.get(k, required)
    if (v === undefined) return undefined
    return typeof v === 'string' && /^\d{1,12}$/.test(v)
      ? Number(v)
      : this.fail(
          k,
          `Invalid string integer: ${JSON.stringify(v)} (a string of digits is expected)`,
          'parameter_invalid_string',
        )
  }

  boolean(k: string): boolean | undefined {
    const v = this.get(k, false)
    if (v === undefined) return undefined
    return typeof v === 'boolean'
      ? v
      : this.fail(k, `Invalid boolean: ${JSON.stringify(v)}`, 'parameter_invalid_boolean')
  }

  oneOf<T extends string>(k: string, values: readonly T[], required = false): T | undefined {
    const v = this.string(k, required)
    if (v === undefined) return undefined
    return (values as readonly string[]).includes(v)
      ? (v as T)
      : this.fail(k, `Invalid ${this.name(k)}: must be one of ${values.join(', ')}`)
  }

  metadata(k = 'metadata'): Record<string, string> | undefined {
    const v = this.get(k, false)
    if (v === undefined) return undefined
    if (!isObj(v) || !Object.values(v).every((x) => typeof x === 'string')) {
      return this.fail(k, 'Invalid metadata: an object of string values is expected')
    }
    return v as Record<string, string>
  }

  /** A nested object, read with its own allowed keys. */
  object(k: string, allowed: readonly string[], required = false): Params | undefined {
    const v = this.get(k, required)
    if (v === undefined) return undefined
    if (!isObj(v)) return this.fail(k, `Invalid object: ${this.name(k)}`)
    return new Params(v, this.name(k), allowed, this.sink)
  }

  /** A non-empty array of objects, each read with its own allowed keys. */
  objects(k: string, allowed: readonly string[], required = false): Params[] | undefined {
    const v = this.get(k, required)
    if (v === undefined) return undefined
    if (!Array.isArray(v) || v.length === 0 || !v.every(isObj)) {
      return this.fail(k, `Invalid array: ${this.name(k)} must be a non-empty array of objects`)
    }
    return v.map((x, i) => new Params(x, `${this.name(k)}[${i}]`, allowed, this.sink))
  }
}

/** The body of a write as an object, or the 400 WooshPay answers for a body that is not one. */
export const bodyOf = (request: SandboxRequest): { readonly body: Obj } | { readonly reply: Reply } => {
  const bad = (message: string) => ({ reply: errorReply(400, 'invalid_request_error', 'parameter_invalid', message) })
  if (request.invalidBody !== null) return bad('Invalid request body: JSON is expected.')
  if (request.body === undefined) return { body: {} }
  return isObj(request.body) ? { body: request.body } : bad('Invalid request body: a JSON object is expected.')
}
