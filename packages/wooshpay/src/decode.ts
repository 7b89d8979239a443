/**
 * Decode and normalize in one step, as the transport's `decode` (core's `decodeInto`, bound to
 * this provider), so both run inside the transport's retry boundary.
 */
import type * as t from 'io-ts'
import { decodeInto as coreDecodeInto, type Decoder } from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'

export const decodeInto = <W, T>(codec: t.Type<W, W, unknown>, what: string, normalize: (w: W) => T): Decoder<T> =>
  coreDecodeInto(codec, what, PROVIDER, normalize)
