import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The fixture names, in the order the suite feeds them (see fixtures/README.md). */
export const FIXTURE_NAMES = [
  'monthly',
  'annual',
  'weekly',
  'quantity',
  'coupon-percent-forever',
  'coupon-amount-once',
  'coupon-percent-repeating',
  'coupon-legacy-discount',
  'trial',
  'upgrade-mid-month',
  'cancel-at-period-end',
  'canceled',
  'past-due',
  'jpy',
  'multiple-subscriptions',
  'tiered',
  'malformed',
  'mixed-currency',
  'new-york-month-end',
] as const

export type FixtureName = (typeof FIXTURE_NAMES)[number]

/** The subscriptions of one fixture file (a file holds one object or a list). */
export function fixture(name: FixtureName): unknown[] {
  const url = new URL(`./fixtures/${name}.json`, import.meta.url)
  const value: unknown = JSON.parse(readFileSync(fileURLToPath(url), 'utf8'))
  return Array.isArray(value) ? value : [value]
}

/** Every fixture's subscriptions, concatenated in FIXTURE_NAMES order. */
export function allFixtures(): unknown[] {
  const all: unknown[] = []
  for (const name of FIXTURE_NAMES) all.push(...fixture(name))
  return all
}

/** A deep copy of a JSON value, to edit one field of a fixture. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

export const FIRST_HALF_2026 = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']

/** The event fixtures (fixtures/events/*.json; see fixtures/README.md). */
export const EVENT_FIXTURE_NAMES = [
  'upgrade-quantity',
  'downgrade',
  'annual-to-monthly',
  'coupon-added-removed',
  'cancel',
  'not-used',
] as const

export type EventFixtureName = (typeof EVENT_FIXTURE_NAMES)[number]

/** One event fixture: the current Subscription objects and their Events. */
export function eventFixture(name: EventFixtureName): {
  subscriptions: unknown[]
  events: unknown[]
} {
  const url = new URL(`./fixtures/events/${name}.json`, import.meta.url)
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as {
    subscriptions: unknown[]
    events: unknown[]
  }
}
