/**
 * A calendar date: `'YYYY-MM-DD'`, or a `Date` read in the `timeZone` option of the function
 * that receives it (quota periods, planned close dates, holidays).
 *
 * @category Core
 */
export type CalendarDate = string | Date
