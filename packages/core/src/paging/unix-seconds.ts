/** Unix seconds from a Date or a number of seconds, for `created` filters. */
export const toUnixSeconds = (value: Date | number): number =>
  value instanceof Date ? Math.floor(value.getTime() / 1000) : Math.floor(value)
