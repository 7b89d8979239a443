/**
 * A small RFC 4180 reader for the tests: written from the RFC, not from the writer under test,
 * so a quoting mistake in the writer shows up as a different parse.
 */
export const parseCsv = (text: string): string[][] => {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i] as string
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
      } else if (c === '"') {
        quoted = false
        i += 1
      } else {
        field += c
        i += 1
      }
    } else if (c === '"' && field === '') {
      quoted = true
      i += 1
    } else if (c === ',') {
      row.push(field)
      field = ''
      i += 1
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += 2
    } else if (c === '"' || c === '\n' || c === '\r') {
      throw new Error(`unquoted ${JSON.stringify(c)} at offset ${i}`)
    } else {
      field += c
      i += 1
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last row does not end with CRLF')
  return rows
}
