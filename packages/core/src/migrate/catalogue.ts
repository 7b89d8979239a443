/**
 * The products and prices a catalogue target's links point at, each made once per migration:
 * memoized in the run (a price shared by several links is created by the first and awaited by
 * the others) and in the journal (a resumed run reuses what an earlier one made). Dependency
 * order: product, then price, then the link (link-input.ts).
 */
import type { LineItem, Price } from '../model/line-item.ts'
import type { PaymentProvider } from '../provider.ts'
import type { PriceCreate, ProductCreate } from '../write/inputs.ts'
import { CreateFailed, journaledCreate, type WriteScope } from './journaled-create.ts'
import { productNameOf } from './link-input.ts'
import { MARKER_METADATA_KEY, migrationMarker } from './migration-ids.ts'
import { PaymuxError } from '../errors.ts'
import type { JournalSubject } from './apply-types.ts'

/** The target price id of a line item, made on first use. */
export type PriceResolver = (li: LineItem) => Promise<string>

/** A resolver for one run: `to`'s products and prices, keyed by the source ids. */
export const catalogueOf = (w: WriteScope, to: PaymentProvider): PriceResolver => {
  const memo = new Map<string, Promise<string>>()
  const productMetadata = to.capabilities.products.fields?.metadata === 'supported'

  const once = (subject: JournalSubject, source: string, make: () => Promise<string>): Promise<string> => {
    const k = `${subject}:${source}`
    const known = memo.get(k)
    if (known !== undefined) return known
    const made = (async () => {
      const item = w.journal.item(subject, source)
      if (item?.target) return item.target
      // A claim of an earlier run whose answer was lost: replayed by key where the target has keys.
      if (item?.claim && !w.keyed && item.step !== 'failed') {
        throw new CreateFailed(
          'outcome_unknown',
          new PaymuxError({
            kind: 'outcome_unknown',
            provider: w.scope.to,
            message: `the ${subject} for source ${source} may have been created by an earlier run; look for it by hand`,
          }),
        )
      }
      return make()
    })()
    memo.set(k, made)
    // A failure is not memoized: the next link that needs the entry tries again.
    made.catch(() => memo.delete(k))
    return made
  }

  const product = (source: string, input: ProductCreate): Promise<string> =>
    once('product', source, () =>
      journaledCreate(w, {
        subject: 'product',
        source,
        marker: null,
        send: (key) =>
          to.products.create(
            productMetadata
              ? { ...input, metadata: { [MARKER_METADATA_KEY]: migrationMarker(w.scope, source) } }
              : input,
            { idempotencyKey: key },
          ),
        find: null,
      }),
    )

  return (li) => {
    const p = li.price as Price
    return once('price', p.id, async () => {
      const productId = await product(p.productId ?? `price:${p.id}`, { name: productNameOf(li) })
      const input: PriceCreate = {
        productId,
        currency: p.currency,
        unitAmount: p.unitAmount as number,
        ...(p.recurring === null
          ? {}
          : { recurring: { interval: p.recurring.interval, intervalCount: p.recurring.intervalCount } }),
      }
      return journaledCreate(w, {
        subject: 'price',
        source: p.id,
        marker: null,
        send: (key) => to.prices.create(input, { idempotencyKey: key }),
        find: null,
      })
    })
  }
}
