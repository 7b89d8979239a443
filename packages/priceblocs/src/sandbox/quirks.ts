/**
 * PriceBlocs' documented oddities, served when the sandbox runs with `quirks: true` (the
 * default). With quirks off the sandbox speaks a clean form: upper-case currencies, arrays for
 * `data`, numeric link page numbers, only documented statuses, numeric quantities.
 */

/** Lower-case ISO codes, as in every documented example (docs/providers/priceblocs.md#lower-case-currency). */
export const quirkyCurrency = (lower: string, quirks: boolean): string => (quirks ? lower : lower.toUpperCase())

/**
 * A status PriceBlocs may add later (docs/providers/priceblocs.md#unknown-statuses): `unknown`
 * when the draw falls outside the documented share and quirks are on, else `documented`.
 */
export const quirkyStatus = (isDocumented: boolean, documented: string, unknown: string, quirks: boolean): string =>
  isDocumented || !quirks ? documented : unknown

/**
 * The SDK types `quantity` as a string (docs/providers/priceblocs.md#sdk-string-quantity): the
 * second line item of a checkout carries one.
 */
export const quirkyQuantity = (quantity: number, index: number, quirks: boolean): number | string =>
  quirks && index === 1 ? String(quantity) : quantity

/** `links.*.page` is a string (docs/providers/priceblocs.md#string-page-numbers). */
export const quirkyPageNumber = (page: number, quirks: boolean): number | string => (quirks ? String(page) : page)

/**
 * `data` documented as an array but shown as a single object
 * (docs/providers/priceblocs.md#single-object-data): a one-item page sends the object itself.
 */
export const quirkyData = <A>(items: readonly A[], quirks: boolean): A | readonly A[] =>
  quirks && items.length === 1 ? (items[0] as A) : items
