/**
 * Weekday names of a business calendar, Monday first.
 *
 * @category Core
 */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const
/**
 * One of {@link WEEKDAYS}.
 *
 * @category Core
 */
export type Weekday = (typeof WEEKDAYS)[number]

/**
 * A working interval of a day in local wall-clock time, `'09:00'` to `'17:00'` (`'24:00'` allowed as an end).
 *
 * @category Time
 */
export interface WorkingInterval {
  readonly start: string
  readonly end: string
}

/**
 * When a team works: working intervals per weekday (several per day for a lunch break) in an
 * IANA time zone, and holidays. Business time is counted in this zone, so a daylight-saving
 * day counts its real 23 or 25 hours where a working interval spans the change.
 * @category Time
 */
export interface BusinessCalendar {
  /** IANA zone, e.g. `'Europe/Berlin'`. */
  readonly timeZone: string
  /** Working intervals per weekday; a missing weekday is a day off. */
  readonly week: Partial<Record<Weekday, readonly WorkingInterval[]>>
  /** Days off, `'YYYY-MM-DD'` in the calendar's zone. */
  readonly holidays?: readonly string[]
}
