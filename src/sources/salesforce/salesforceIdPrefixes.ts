/** The record-id prefixes Salesforce gives each object (the first three characters of an id). */
export const ID_PREFIXES = {
  account: '001',
  contact: '003',
  opportunity: '006',
  lead: '00Q',
} as const
