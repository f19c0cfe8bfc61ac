/**
 * Each kind of draw has its own stream of seeds, `mixSeed(seed, STREAM.x, …)`, so adding a draw
 * to one part of a customer (a ticket) does not shift every other part (its visits).
 */
export const STREAM = {
  profiles: 1,
  plainNames: 2,
  pairNames: 3,
  topLevelDomain: 4,
  companyId: 5,
  company: 6,
  users: 7,
  featureOrder: 9,
  tickets: 10,
  billing: 11,
  loginDays: 12,
  visit: 13,
  anonymousVisits: 14,
  loginTimes: 16,
  earlierActivity: 17,
  earlierLoginDays: 18,
} as const;
