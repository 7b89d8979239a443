/**
 * The sandbox's catalogue writes: products (`POST /v1/products`) and prices (`POST /v1/prices`),
 * docs/providers/wooshpay.md#write-endpoints. A price's `unit_amount` and
 * `recurring.interval_count` are decimal strings on the request (as the docs type them,
 * #write-money) and integers on the price object, like the seeded prices.
 */
import type { WireObject } from './data.ts'
import { Params } from './body.ts'
import { noSuch, type Reply } from './errors.ts'
import { addCreated, type WriteState } from './state.ts'

const INTERVALS = ['day', 'week', 'month', 'year'] as const

const ok = (body: WireObject): Reply => ({ status: 200, body })

/** `POST /v1/products`. */
export const createProduct = (s: WriteState, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', ['id', 'name', 'active', 'description', 'metadata', 'url', 'images'])
  const name = p.string('name', true)
  const active = p.boolean('active')
  const description = p.string('description')
  const metadata = p.metadata()
  const url = p.string('url')
  if (p.error) return p.error
  const now = s.nowS()
  return ok(
    addCreated(s.products, {
      id: s.newId('prod_'),
      object: 'product',
      active: active ?? true,
      created: now,
      description: description ?? null,
      images: [],
      livemode: false,
      metadata: metadata ?? {},
      name,
      updated: now,
      url: url ?? null,
    }),
  )
}

/** `POST /v1/prices`: of an existing product, or of a new one from `product_data`. */
export const createPrice = (s: WriteState, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', [
    'currency',
    'unit_amount',
    'product',
    'product_data',
    'active',
    'metadata',
    'nickname',
    'billing_scheme',
    'lookup_key',
    'recurring',
  ])
  const currency = p.string('currency', true)
  const unitAmount = p.digits('unit_amount', true)
  const product = p.string('product')
  const productData = p.object('product_data', ['name', 'active', 'description', 'images', 'metadata', 'url'])
  const productName = productData?.string('name', true)
  const active = p.oneOf('active', ['true', 'false'])
  const metadata = p.metadata()
  const nickname = p.string('nickname')
  const recurring = p.object('recurring', ['interval', 'interval_count', 'usage_type'])
  const interval = recurring?.oneOf('interval', INTERVALS, true)
  const intervalCount = recurring?.digits('interval_count')
  if (product === undefined && productData === undefined)
    p.fail('product', 'Missing required param: product.', 'parameter_missing')
  if (product !== undefined && !s.products.byId.has(product)) return noSuch('product', product)
  if (p.error) return p.error
  let productId = product as string
  if (productId === undefined) {
    const made = createProduct(s, { name: productName })
    productId = (made.body as WireObject)['id'] as string
  }
  return ok(
    addCreated(s.prices, {
      id: s.newId('price_'),
      object: 'price',
      active: active !== 'false',
      billing_scheme: 'per_unit',
      created: s.nowS(),
      currency: (currency as string).toLowerCase(),
      livemode: false,
      lookup_key: null,
      metadata: metadata ?? {},
      nickname: nickname ?? null,
      product: productId,
      type: interval === undefined ? 'one_time' : 'recurring',
      unit_amount: unitAmount,
      recurring:
        interval === undefined ? null : { interval, interval_count: intervalCount ?? 1, usage_type: 'licensed' },
      tiers: null,
    }),
  )
}
