/**
 * Turns a JSON body's bytes into the text `JSON.parse` reads fastest, chunk by chunk.
 *
 * Why: Node's UTF-8 decoder is the most expensive step of reading a page that holds any
 * non-ASCII text (a name, a description in another script): about 1 ms for a page of 120 KB,
 * against 30-150 µs for reading the same bytes as latin1 and about 300 µs for parsing them
 * (bench/RESULTS.md, "Reading a body"). The latin1 read is byte-exact and gives the one-byte
 * string V8 parses fastest; only the runs of bytes at or above 0x80 need UTF-8 decoding, and a
 * JSON body has few of them.
 *
 * So each run of such bytes is decoded on its own, and a character above U+00FF is written as a
 * `\uXXXX` escape, which keeps the text one-byte. The text parses to exactly the value of the
 * UTF-8 decoded body, because raw non-ASCII can stand only inside a JSON string, where the
 * escape means the same character, and anywhere else both texts are invalid JSON. The one place
 * an escape would change the meaning is right after a backslash (`\` + `Е` is an invalid escape,
 * `\` + `\u0415` a valid one), so a run that follows a backslash is left unescaped.
 *
 * A run is decoded as the whole body's decoder would decode it: UTF-8 sequences never contain
 * bytes below 0x80, so a run begins and ends on a sequence boundary or a broken sequence that
 * ends the same way in both (one U+FFFD). A run cut by a chunk boundary is carried to the next.
 */
import { isAscii } from 'node:buffer'

const BACKSLASH = 0x5c
// Scanned natively and read match by match: a replace callback, a byte loop in JS or a buffer
// per run each measured slower on pages with a thousand accented words (bench/RESULTS.md).
const HIGH_RUN = /[\x80-\xff]+/g

/** Accumulates a body's chunks; `text()` is the body as `JSON.parse`-equivalent one-byte text. */
export class JsonTextDecoder {
  #text = ''
  /** The trailing bytes >= 0x80 of the last chunk: a run that may go on in the next. */
  #carry: Buffer | null = null
  /** Whether the byte before `#carry` (or the last byte written) is a backslash. */
  #afterBackslash = false
  #bytes = 0

  /** Bytes written so far. */
  get bytes(): number {
    return this.#bytes
  }

  write(chunk: Uint8Array): void {
    this.#bytes += chunk.byteLength
    let bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (this.#carry !== null) {
      bytes = Buffer.concat([this.#carry, bytes])
      this.#carry = null
    }
    if (bytes.length === 0) return
    if (isAscii(bytes)) {
      this.#text += bytes.toString('latin1')
      this.#afterBackslash = bytes[bytes.length - 1] === BACKSLASH
      return
    }
    let end = bytes.length
    while (end > 0 && (bytes[end - 1] as number) >= 0x80) end -= 1
    if (end < bytes.length) {
      // Copied: a view would keep the whole chunk alive until the next one arrives.
      this.#carry = Buffer.from(bytes.subarray(end))
      if (end === 0) return // the whole chunk is one run; #afterBackslash still describes what precedes it
    }
    const latin1 = bytes.toString('latin1', 0, end)
    const parts: string[] = []
    let ascii = 0
    HIGH_RUN.lastIndex = 0
    for (let m = HIGH_RUN.exec(latin1); m !== null; m = HIGH_RUN.exec(latin1)) {
      const i = m.index
      const j = i + m[0].length
      const afterBackslash = i === 0 ? this.#afterBackslash : latin1.charCodeAt(i - 1) === BACKSLASH
      parts.push(latin1.slice(ascii, i), escapeWide(bytes.toString('utf8', i, j), afterBackslash))
      ascii = j
    }
    parts.push(latin1.slice(ascii))
    this.#text += parts.join('')
    this.#afterBackslash = bytes[end - 1] === BACKSLASH
  }

  /** The text so far, with a run still carried decoded as the body's end (a cut sequence is U+FFFD). */
  text(): string {
    if (this.#carry === null) return this.#text
    const run = escapeWide(this.#carry.toString('utf8'), this.#afterBackslash)
    this.#carry = null
    this.#text += run
    return this.#text
  }
}

/** A run's decoded characters, those above U+00FF as `\\u` escapes unless a backslash precedes the run. */
const escapeWide = (decoded: string, afterBackslash: boolean): string => {
  if (afterBackslash) return decoded
  let wide = -1
  for (let i = 0; i < decoded.length && wide < 0; i++) if (decoded.charCodeAt(i) > 0xff) wide = i
  if (wide < 0) return decoded
  let out = decoded.slice(0, wide)
  for (let i = wide; i < decoded.length; i++) {
    const unit = decoded.charCodeAt(i)
    out += unit > 0xff ? `\\u${HEX[unit >> 8] as string}${HEX[unit & 0xff] as string}` : decoded[i]
  }
  return out
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))

/** A whole body at once (the runtime fetch's path, and tests). */
export const jsonText = (body: Uint8Array): string => {
  const decoder = new JsonTextDecoder()
  decoder.write(body)
  return decoder.text()
}
