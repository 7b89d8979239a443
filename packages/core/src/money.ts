/**
 * Money in minor units with ISO 4217 exponents from one table. An amount is always a safe
 * integer of the currency's smallest unit (cents, yen, fils); `formatMoney` and `toMajorUnits`
 * are the only places an exponent is applied.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { PaymuxError } from './errors.ts'

/**
 * Minor-unit exponents that differ from the default of 2 (ISO 4217 list, 2024 edition).
 * Currencies not listed here have two decimal places.
 */
// prettier-ignore
const EXPONENT_OVERRIDES: Readonly<Record<string, number>> = {
  // zero-decimal
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // three-decimal
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // four-decimal (unit of account)
  CLF: 4, UYW: 4,
}

const CURRENCY_SHAPE = /^[A-Z]{3}$/

/** Number of decimal places of a currency's minor unit: JPY 0, USD 2, KWD 3. */
export const minorUnitExponent = (currency: string): number => EXPONENT_OVERRIDES[currency.toUpperCase()] ?? 2

/** Normalizes a provider's currency code (`usd`, `Usd`, ` USD`) to ISO upper case, or null. */
export const normalizeCurrency = (code: string): string | null => {
  const upper = code.trim().toUpperCase()
  return CURRENCY_SHAPE.test(upper) ? upper : null
}

/** Codec for an ISO 4217 currency code in upper case. */
export const Currency = new t.Type<string, string, unknown>(
  'Currency',
  (u): u is string => typeof u === 'string' && CURRENCY_SHAPE.test(u),
  (u, c) => (typeof u === 'string' && CURRENCY_SHAPE.test(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
)

/** Codec for an amount in minor units: a safe integer (negative allowed, e.g. refunds). */
export const MinorAmount = new t.Type<number, number, unknown>(
  'MinorAmount',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u),
  (u, c) => (typeof u === 'number' && Number.isSafeInteger(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
)

export const Money = t.type({ amount: MinorAmount, currency: Currency }, 'Money')
/** An amount in the currency's minor unit, e.g. `{ amount: 1099, currency: 'USD' }` is $10.99. */
export type Money = t.TypeOf<typeof Money>

/**
 * Builds a `Money`, refusing an amount that is not a safe integer or a malformed currency.
 * @example money(1099, 'usd') // Right({ amount: 1099, currency: 'USD' })
 */
export const money = (amount: number, currency: string): E.Either<PaymuxError, Money> => {
  const code = normalizeCurrency(currency)
  if (code === null) {
    return E.left(new PaymuxError({ kind: 'decode', message: `invalid currency code ${JSON.stringify(currency)}` }))
  }
  if (!Number.isSafeInteger(amount)) {
    return E.left(
      new PaymuxError({
        kind: 'decode',
        message: `amount ${String(amount)} ${code} is not a safe integer of minor units`,
      }),
    )
  }
  return E.right({ amount, currency: code })
}

/** The amount in major units as a decimal string, exact (no float rounding): 1099 USD -> "10.99". */
export const toMajorUnits = (m: Money): string => {
  const exp = minorUnitExponent(m.currency)
  const digits = Math.abs(m.amount)
    .toString()
    .padStart(exp + 1, '0')
  const sign = m.amount < 0 ? '-' : ''
  if (exp === 0) return sign + digits
  return `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`
}

/** Human form with the currency code: `10.99 USD`, `1000 JPY`, `1.500 KWD`. */
export const formatMoney = (m: Money): string => `${toMajorUnits(m)} ${m.currency}`
