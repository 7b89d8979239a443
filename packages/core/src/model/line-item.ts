/** Neutral `Price` and `LineItem`. */
import * as t from 'io-ts'
import { Currency, MinorAmount, Money } from '../money.ts'
import { baseFields, nullable, statusUnion } from './common.ts'

/** Every neutral price type. */
export const PRICE_TYPES = ['one_time', 'recurring'] as const
/** Every billing interval of a recurring price. */
export const RECURRING_INTERVALS = ['day', 'week', 'month', 'year'] as const

/** How often a recurring price bills (codec and type). */
export const Recurring = t.type(
  {
    interval: t.keyof({ day: null, week: null, month: null, year: null }),
    intervalCount: t.number,
  },
  'Recurring',
)
export type Recurring = t.TypeOf<typeof Recurring>

/** A provider-neutral price (codec and type). */
export const Price = t.type(
  {
    id: t.string,
    productId: nullable(t.string),
    currency: Currency,
    unitAmount: nullable(MinorAmount),
    type: statusUnion('PriceType', PRICE_TYPES),
    recurring: nullable(Recurring),
    active: nullable(t.boolean),
  },
  'Price',
)
export type Price = t.TypeOf<typeof Price>

/** A provider-neutral line item of a link or session (codec and type). */
export const LineItem = t.type(
  {
    ...baseFields,
    object: t.literal('line_item'),
    description: nullable(t.string),
    quantity: t.number,
    price: nullable(Price),
    amountSubtotal: nullable(Money),
    amountTotal: nullable(Money),
  },
  'LineItem',
)
export type LineItem = t.TypeOf<typeof LineItem>
