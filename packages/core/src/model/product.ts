/** Neutral `Product`: what a catalogue price is the price of. */
import * as t from 'io-ts'
import { baseFields, nullable } from './common.ts'

/** Neutral product: what a catalogue price is the price of. */
export const Product = t.type(
  {
    ...baseFields,
    object: t.literal('product'),
    name: t.string,
    description: nullable(t.string),
    active: nullable(t.boolean),
  },
  'Product',
)
export type Product = t.TypeOf<typeof Product>
