/**
 * Turns a JSON body's bytes into the text `JSON.parse` reads fastest, chunk by chunk.
 *
 * Why: Node's UTF-8 decoder is the most expensive step of reading a page that holds any
 * non-ASCII text (a name, a description in another script): about 1 ms for a page of 120 KB,
 * against 30-150 µs for reading the same bytes as latin1 and about 300 µs for parsing them
 * (bench/RESULTS.md, "Reading a body"). A latin1 string is one byte per character, which V8
 * parses fastest; only the runs of bytes at or above 0x80 need UTF-8 decoding, and a JSON body
 * has few of them.
 *
 * So the body is copied into one buffer as it arrives: ASCII as it is, each run of bytes >= 0x80
 * UTF-8 decoded, its characters up to U+00FF as one byte each and those above as `\uXXXX`
 * escapes. The text is that buffer read as latin1 once, at the end: one flat string, with no
 * chunk strings to join. It parses to exactly the value of the UTF-8 decoded body, because raw
 * non-ASCII can stand only inside a JSON string, where the escape means the same character, and
 * anywhere else both texts are invalid JSON. The one place an escape would change the meaning is
 * right after an escaping backslash (`\` + `Е` is an invalid escape, `\` + `\u0415` a valid
 * one): there the character is written as a byte that is no escape either, so both fail.
 *
 * A run is decoded as the whole body's decoder would decode it: UTF-8 sequences never contain
 * bytes below 0x80, so a run begins and ends on a sequence boundary or a broken sequence that
 * ends the same way in both (one U+FFFD). A sequence cut by a chunk boundary is carried to the
 * next chunk: only the cut sequence, so a long run of non-ASCII text costs no more than a short one.
 */
import { isAscii } from 'node:buffer'
import { giveBack, takeBuffer } from './buffer-pool.ts'
import { parseJsonBytes } from './json-parse.ts'

const BACKSLASH = 0x5c
const U = 0x75
/** Written for a character right after an escaping backslash: not an escape JSON knows. */
const NOT_AN_ESCAPE = 0x80
/** The buffer of a decoder whose body was parsed: nothing is read from it or written to it. */
const CONSUMED = Buffer.alloc(0)
const HEX = Buffer.from('0123456789abcdef', 'latin1')

/** Accumulates a body's chunks; `text()` is the body as `JSON.parse`-equivalent one-byte text. */
export class JsonTextDecoder {
  #out: Buffer
  #length = 0
  /** A UTF-8 sequence the last chunk cut off (at most 3 bytes), finished by the next. */
  #carry: Buffer | null = null
  #bytes = 0

  /**
   * `expectedBytes`: the declared length, when known, so a page's buffer is sized once. Taken up
   * to 1 MiB only: a server that declares 16 MiB and sends a few bytes gets a small buffer, which
   * grows with what actually arrives.
   */
  constructor(expectedBytes = 0) {
    const expected = Number.isFinite(expectedBytes) ? expectedBytes : 0 // a garbled content-length
    this.#out = takeBuffer(Math.max(1024, Math.min(expected, 1024 * 1024)))
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.#bytes
  }

  write(chunk: Uint8Array): void {
    this.#unread()
    this.#bytes += chunk.byteLength
    let bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (this.#carry !== null) {
      bytes = Buffer.concat([this.#carry, bytes])
      this.#carry = null
    }
    if (bytes.length === 0) return
    if (isAscii(bytes)) {
      this.#copy(bytes, 0, bytes.length)
      return
    }
    const end = incompleteTail(bytes)
    // Copied: a view would keep the whole chunk alive until the next one arrives.
    if (end < bytes.length) this.#carry = Buffer.from(bytes.subarray(end))
    this.#writeMixed(bytes, end)
  }

  /** The text: the buffer read as latin1, with a sequence still carried decoded as the body's end (U+FFFD). */
  text(): string {
    this.#end()
    return this.#out.toString('latin1', 0, this.#length)
  }

  /**
   * `JSON.parse` of the text, without making the text when the body is large (json-parse.ts):
   * the value, or `JSON.parse`'s SyntaxError. Once it has a value the body is done with: its
   * buffer goes back to the pool (buffer-pool.ts) and the decoder can be read no more. After a
   * SyntaxError the text can still be read (for the error's message).
   */
  parse(): unknown {
    this.#end()
    const value = parseJsonBytes(this.#out, this.#length)
    this.#release()
    return value
  }

  #release(): void {
    giveBack(this.#out)
    this.#out = CONSUMED
    this.#length = 0
  }

  #unread(): void {
    if (this.#out === CONSUMED) throw new Error('this body was parsed already: it is read once')
  }

  /** A sequence still carried is the body's end: decoded as such (U+FFFD). */
  #end(): void {
    this.#unread()
    if (this.#carry === null) return
    const carry = this.#carry
    this.#carry = null
    this.#writeRun(carry.toString('utf8'))
  }

  /** Bytes [0, end) of a chunk that has some >= 0x80: ASCII stretches copied, runs decoded. */
  #writeMixed(bytes: Buffer, end: number): void {
    let ascii = 0
    for (let i = 0; i < end;) {
      // Eight bytes at a time through ASCII (a body is mostly ASCII): 2.7x a byte-by-byte loop.
      if (i + 8 <= end && eightAscii(bytes, i)) {
        i += 8
        continue
      }
      if ((bytes[i] as number) < 0x80) {
        i += 1
        continue
      }
      let j = i + 1
      while (j < end && (bytes[j] as number) >= 0x80) j += 1
      this.#copy(bytes, ascii, i)
      this.#writeRunBytes(bytes, i, j)
      ascii = i = j
    }
    this.#copy(bytes, ascii, end)
  }

  /**
   * A run's bytes [from, to), all >= 0x80: each well-formed UTF-8 sequence decoded here, with no
   * string made for it; from the first one that is not, the runtime's decoder, whose replacement
   * of broken sequences (U+FFFD) is the one to match. After a whole sequence a decoder holds no
   * state, so decoding the rest on its own gives what decoding the whole run would.
   */
  #writeRunBytes(bytes: Buffer, from: number, to: number): void {
    this.#reserve((to - from) * 6)
    const out = this.#out
    let at = this.#length
    let escaped = this.#afterEscapingBackslash()
    let i = from
    while (i < to) {
      const lead = bytes[i] as number
      const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2
      const point = i + size <= to ? codePoint(bytes, i, lead, size) : -1
      if (point < 0) break
      i += size
      if (escaped) {
        // The character this backslash escapes: an invalid escape in the body, so in the text too.
        out[at++] = NOT_AN_ESCAPE
        escaped = false
      } else if (point <= 0xff) {
        out[at++] = point
      } else if (point <= 0xffff) {
        at = writeEscape(out, at, point)
      } else {
        at = writeEscape(out, at, 0xd800 + ((point - 0x10000) >> 10))
        at = writeEscape(out, at, 0xdc00 + ((point - 0x10000) & 0x3ff))
      }
    }
    this.#length = at
    if (i < to) this.#writeRun(bytes.toString('utf8', i, to))
  }

  /** A run's decoded characters: up to U+00FF as one byte, above as a `\uXXXX` escape. */
  #writeRun(decoded: string): void {
    this.#reserve(decoded.length * 6)
    const out = this.#out
    let at = this.#length
    let i = 0
    if (this.#afterEscapingBackslash()) {
      // The character this backslash escapes: an invalid escape in the body, so in the text too.
      out[at++] = NOT_AN_ESCAPE
      i = (decoded.codePointAt(0) as number) > 0xffff ? 2 : 1
    }
    for (; i < decoded.length; i++) {
      const unit = decoded.charCodeAt(i)
      if (unit <= 0xff) out[at++] = unit
      else at = writeEscape(out, at, unit)
    }
    this.#length = at
  }

  /** Whether the text so far ends in an odd number of backslashes (one that escapes what follows). */
  #afterEscapingBackslash(): boolean {
    let n = 0
    while (n < this.#length && this.#out[this.#length - 1 - n] === BACKSLASH) n += 1
    return n % 2 === 1
  }

  #copy(bytes: Buffer, from: number, to: number): void {
    if (to <= from) return
    this.#reserve(to - from)
    this.#length += bytes.copy(this.#out, this.#length, from, to)
  }

  #reserve(more: number): void {
    if (this.#length + more <= this.#out.length) return
    const grown = takeBuffer(Math.max(this.#out.length * 2, this.#length + more))
    this.#out.copy(grown, 0, 0, this.#length)
    giveBack(this.#out)
    this.#out = grown
  }
}

/** Whether bytes [i, i + 8) are all below 0x80. */
const eightAscii = (b: Buffer, i: number): boolean =>
  (((b[i] as number) |
    (b[i + 1] as number) |
    (b[i + 2] as number) |
    (b[i + 3] as number) |
    (b[i + 4] as number) |
    (b[i + 5] as number) |
    (b[i + 6] as number) |
    (b[i + 7] as number)) &
    0x80) ===
  0

/** `\uXXXX` for a UTF-16 unit, at `at`; returns where it ends. */
const writeEscape = (out: Buffer, at: number, unit: number): number => {
  out[at] = BACKSLASH
  out[at + 1] = U
  out[at + 2] = HEX[unit >> 12] as number
  out[at + 3] = HEX[(unit >> 8) & 0xf] as number
  out[at + 4] = HEX[(unit >> 4) & 0xf] as number
  out[at + 5] = HEX[unit & 0xf] as number
  return at + 6
}

/**
 * The code point of the well-formed UTF-8 sequence of `size` bytes at `i` (lead byte `lead`), or
 * -1 when it is not one: the byte ranges of RFC 3629 §4, which exclude overlong forms,
 * surrogates and points above U+10FFFF.
 */
const codePoint = (bytes: Buffer, i: number, lead: number, size: number): number => {
  const b1 = bytes[i + 1] as number
  if (size === 2) return lead >= 0xc2 && lead <= 0xdf && (b1 & 0xc0) === 0x80 ? ((lead & 0x1f) << 6) | (b1 & 0x3f) : -1
  const b2 = bytes[i + 2] as number
  if (size === 3) {
    const low = lead === 0xe0 ? 0xa0 : 0x80
    const high = lead === 0xed ? 0x9f : 0xbf
    if (b1 < low || b1 > high || (b2 & 0xc0) !== 0x80) return -1
    return ((lead & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f)
  }
  const b3 = bytes[i + 3] as number
  const low = lead === 0xf0 ? 0x90 : 0x80
  const high = lead === 0xf4 ? 0x8f : 0xbf
  if (lead > 0xf4 || b1 < low || b1 > high || (b2 & 0xc0) !== 0x80 || (b3 & 0xc0) !== 0x80) return -1
  return ((lead & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f)
}

/**
 * Where the chunk's bytes stop being decodable on their own: the lead byte of a UTF-8 sequence
 * that needs more bytes than the chunk has (it starts in the last 3), else the chunk's length.
 * Bytes before that point end in a state the decoder reads the rest from unchanged: after a
 * whole sequence, an ASCII byte, or a byte it has already turned into U+FFFD.
 */
const incompleteTail = (bytes: Buffer): number => {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const b = bytes[i] as number
    if (b < 0x80) return bytes.length
    if (b >= 0xc0) {
      const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2
      return bytes.length - i < needs ? i : bytes.length
    }
  }
  return bytes.length
}

/** A whole body at once (the runtime fetch's path, and tests). */
export const jsonText = (body: Uint8Array): string => {
  const decoder = new JsonTextDecoder(body.byteLength)
  decoder.write(body)
  return decoder.text()
}
